package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's embeddable receiver: receipts, duplicates and refusals over plain HTTP, and its mutual TLS. */
class ReferenceReceiverTest {
    private static final TestPki.Party PARTNER = TestPki.partner(KeyType.EC_P256);
    private static final SigningIdentity MINISTRY =
            TestPki.ministry(KeyType.EC_P256).signing();

    private final List<OpenedNotice> received = new CopyOnWriteArrayList<>();
    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private ReferenceReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new ReferenceReceiver(kit(), received::add)
                .start(new InetSocketAddress("127.0.0.1", 0), "/notices", null, false);
    }

    private static PartnerKit kit() {
        return new PartnerKit(
                "chirp",
                PARTNER.signing(),
                PARTNER.encryption(),
                MINISTRY.certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void answersFirstDeliveryReceivedAndAResendDuplicateAndHandsTheNoticeOverOnce() throws Exception {
        byte[] first = seal(notice("chirp"));
        byte[] resend = seal(notice("chirp"));

        HttpResponse<byte[]> one = post(first);
        HttpResponse<byte[]> two = post(resend);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().firstValue("Content-Type")).hasValue(HttpWire.RECEIPT_CONTENT_TYPE);
        var receipts = new Receipts(envelope);
        var firstReceipt =
                receipts.verify(one.body(), PARTNER.signing().certificate(), AlgorithmPolicy.strict(), "n-1", first);
        var secondReceipt =
                receipts.verify(two.body(), PARTNER.signing().certificate(), AlgorithmPolicy.strict(), "n-1", resend);
        assertThat(firstReceipt.receipt().disposition()).isEqualTo(Disposition.RECEIVED);
        assertThat(secondReceipt.receipt().disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(secondReceipt.receipt().partnerReference())
                .isEqualTo(firstReceipt.receipt().partnerReference());
        assertThat(received).hasSize(1);
    }

    @Test
    void answersOnlyPostsAndTakesABodyOfUpTo2MiB() throws Exception {
        HttpResponse<String> get = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/notices"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> largest = post(new byte[2 * 1024 * 1024]);

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(largest.statusCode())
                .as("read whole, then refused as no envelope")
                .isEqualTo(400);
        assertThatThrownBy(() -> post(new byte[2 * 1024 * 1024 + 1]))
                .as("over the limit: the exchange is dropped")
                .isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void overMutualTlsItTakesOnlyAClientWithACertificateOfTheTrustedCa() throws Exception {
        try (var tls = new ReferenceReceiver(kit(), received::add)
                .start(
                        new InetSocketAddress("127.0.0.1", 0),
                        "/notices",
                        TlsContexts.create(TestPki.PARTNER_TLS, List.of(TestPki.caCertificate())),
                        true)) {
            assertThat(statusLine(tls.port(), TestPki.MINISTRY_TLS)).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThatThrownBy(() -> statusLine(tls.port(), null))
                    .as("no client certificate")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void closedItListensNoMore() throws Exception {
        int port = receiver.port();
        receiver.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    /** A GET over TLS, presenting {@code own} (or no certificate), and the first line of the answer; the host name is not checked. */
    private static String statusLine(int port, SigningIdentity own) throws IOException {
        var context = TlsContexts.create(own, List.of(TestPki.caCertificate()));
        try (var socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            socket.getOutputStream()
                    .write("GET /notices HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null) {
                throw new EOFException("closed without an answer");
            }
            return line;
        }
    }

    @Test
    void refusesNoticeAddressedToAnotherPlatform() throws Exception {
        HttpResponse<byte[]> response = post(seal(notice("tube")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("addressed to tube");
        assertThat(received).isEmpty();
    }

    @Test
    void refusesNoticeNotSignedByTheMinistry() throws Exception {
        byte[] forged = envelope.seal(
                ProtocolJson.write(notice("chirp")),
                TestPki.otherPartner(KeyType.EC_P256).signing(),
                PARTNER.encryption().certificate());

        HttpResponse<byte[]> response = post(forged);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("not signed by the pinned certificate");
        assertThat(received).isEmpty();
    }

    private byte[] seal(Notice notice) {
        return envelope.seal(
                ProtocolJson.write(notice), MINISTRY, PARTNER.encryption().certificate());
    }

    private static Notice notice(String partnerId) {
        Instant now = Instant.now();
        return new Notice(
                Notice.PROTOCOL,
                "n-1",
                NoticeType.TAKEDOWN,
                partnerId,
                now,
                Urgency.URGENT,
                now,
                now,
                Category.FRAUD,
                new Notice.LegalBasis("MR5/2020", "14"),
                List.of(new Notice.Item("https://shop.example/item/1", ItemKind.URL, null)),
                "scam",
                null,
                null,
                null,
                null,
                null);
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/notices"))
                                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }
}
