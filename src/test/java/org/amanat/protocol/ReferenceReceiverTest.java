package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's embeddable receiver over plain HTTP: receipts, duplicates and refusals. */
class ReferenceReceiverTest {
    private static final TestPki.Party PARTNER = TestPki.partner(KeyType.EC_P256);
    private static final SigningIdentity MINISTRY = TestPki.ministry(KeyType.EC_P256).signing();

    private final List<OpenedNotice> received = new CopyOnWriteArrayList<>();
    private final Envelope envelope = new Envelope(Clock.systemUTC());
    private ReferenceReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        var kit = new PartnerKit("chirp", PARTNER.signing(), PARTNER.encryption(), MINISTRY.certificate(), AlgorithmPolicy.strict(),
                Clock.systemUTC());
        receiver = new ReferenceReceiver(kit, received::add).start(new InetSocketAddress("127.0.0.1", 0), "/notices", null, false);
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
        assertThat(one.headers().firstValue("Content-Type")).hasValue(ReferenceReceiver.RECEIPT_CONTENT_TYPE);
        var receipts = new Receipts(envelope);
        var firstReceipt = receipts.verify(one.body(), PARTNER.signing().certificate(), AlgorithmPolicy.strict(), "n-1", first);
        var secondReceipt = receipts.verify(two.body(), PARTNER.signing().certificate(), AlgorithmPolicy.strict(), "n-1", resend);
        assertThat(firstReceipt.receipt().disposition()).isEqualTo(Disposition.RECEIVED);
        assertThat(secondReceipt.receipt().disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(secondReceipt.receipt().partnerReference()).isEqualTo(firstReceipt.receipt().partnerReference());
        assertThat(received).hasSize(1);
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
        byte[] forged = envelope.seal(ProtocolJson.write(notice("chirp")), TestPki.otherPartner(KeyType.EC_P256).signing(),
                PARTNER.encryption().certificate());

        HttpResponse<byte[]> response = post(forged);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("not signed by the pinned certificate");
        assertThat(received).isEmpty();
    }

    private byte[] seal(Notice notice) {
        return envelope.seal(ProtocolJson.write(notice), MINISTRY, PARTNER.encryption().certificate());
    }

    private static Notice notice(String partnerId) {
        Instant now = Instant.now();
        return new Notice(Notice.PROTOCOL, "n-1", NoticeType.TAKEDOWN, partnerId, now, Urgency.URGENT, now, now,
                Category.FRAUD, new Notice.LegalBasis("MR5/2020", "14"),
                List.of(new Notice.Item("https://shop.example/item/1", ItemKind.URL, null)), "scam", null, null, null, null, null);
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/notices"))
                .header("Content-Type", ReferenceReceiver.NOTICE_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
