package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestGateway;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.OpenedNotice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notice flow end to end: real HTTP to WireMock partners that answer with real signed receipts
 * (honest or defective), the partner kit over mutual TLS, real crypto and a real database. The
 * partners stay up for the whole JVM, so the PostgreSQL subclass runs against the same ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractNoticeFlowIT {
    static final WireMockServer PARTNERS =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    static final List<OpenedNotice> KIT_RECEIVED = new CopyOnWriteArrayList<>();
    static final ReferenceReceiver KIT;
    static final TestGateway GATEWAY;

    static {
        PARTNERS.start();
        var partner = TestPki.partner(KeyType.EC_P256);
        var kit = new PartnerKit(
                "kit",
                partner.signing(),
                partner.encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        try {
            KIT = new ReferenceReceiver(kit, KIT_RECEIVED::add)
                    .start(
                            new InetSocketAddress("127.0.0.1", 0),
                            "/notices",
                            TlsContexts.create(TestPki.PARTNER_TLS, List.of(TestPki.caCertificate())),
                            true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String wiremock = "http://localhost:" + PARTNERS.port();
        String kitUrl = "https://localhost:" + KIT.port() + "/notices";
        GATEWAY = new TestGateway()
                .partner("tube", wiremock + "/tube", AlgorithmProfile.RSA, "NONE")
                .partner("chirp", wiremock + "/chirp", AlgorithmProfile.EC, "NONE")
                .partner("forged", wiremock + "/forged", AlgorithmProfile.EC, "NONE")
                .partner("digest", wiremock + "/digest", AlgorithmProfile.EC, "NONE")
                .partner("wrongid", wiremock + "/wrongid", AlgorithmProfile.EC, "NONE")
                .partner("notcms", wiremock + "/notcms", AlgorithmProfile.EC, "NONE")
                .partner("flaky", wiremock + "/flaky", AlgorithmProfile.EC, "NONE")
                .partner("unrecorded", wiremock + "/unrecorded", AlgorithmProfile.EC, "NONE")
                .partner("down", "http://127.0.0.1:" + closedPort() + "/notices", AlgorithmProfile.EC, "NONE")
                .partner("kit", kitUrl, AlgorithmProfile.EC, "MUTUAL")
                .partner("nocert", kitUrl, AlgorithmProfile.EC, "SERVER");
        stubReceipt("tube", "RSA", "VALID");
        stubReceipt("chirp", "EC", "VALID");
        stubReceipt("forged", "EC", "OTHER_SIGNER");
        stubReceipt("digest", "EC", "WRONG_DIGEST");
        stubReceipt("wrongid", "EC", "WRONG_NOTICE");
        stubReceipt("notcms", "EC", "NOT_CMS");
        PARTNERS.stubFor(post(urlEqualTo("/unrecorded"))
                .willReturn(
                        PartnerSimulator.receipt("unrecorded", "EC", "VALID").withFixedDelay(1000)));
        PARTNERS.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database on fire"))
                .willSetStateTo("recovered"));
        PARTNERS.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(PartnerSimulator.receipt("flaky", "EC", "VALID")));
    }

    @Autowired
    NoticeLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Outbox outbox;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
    }

    @BeforeEach
    void resetScenarios() {
        PARTNERS.resetScenarios();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"tube, RSASSA-PSS/SHA-256", "chirp, ECDSA-P256/SHA-256"})
    void deliversNoticeAndKeepsTheVerifiedReceipt(String partner, String signatureAlgorithm) {
        String id = api().issue(Api.validNotice(partner));

        JsonNode delivered = awaitState(id, "DELIVERED");

        List<LoggedRequest> requests = PARTNERS.findAll(
                postRequestedFor(urlEqualTo("/" + partner)).withHeader("Amanat-Notice-Id", equalTo(id)));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Content-Type"))
                .isEqualTo("application/pkcs7-mime; smime-type=authEnveloped-data");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(id);
        assertThat(delivered.at("/receipt/disposition").asText()).isEqualTo("RECEIVED");
        assertThat(delivered.at("/receipt/signatureAlgorithm").asText()).isEqualTo(signatureAlgorithm);
        assertThat(delivered.at("/receipt/digest").asText()).isEqualTo(Digests.sha256Base64(request.getBody()));
        assertThat(delivered.at("/attempts/0/outcome").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.at("/history/1/kind").asText()).isEqualTo("DELIVERED");
        assertThat(outboxEntries(id)).isZero();
        KeyType type = partner.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        byte[] evidence = ledger.receiptDer(id).orElseThrow();
        var receipt = new Receipts(new Envelope(Clock.systemUTC()))
                .verify(
                        evidence,
                        TestPki.partner(type).signing().certificate(),
                        AlgorithmPolicy.strict(),
                        id,
                        request.getBody());
        assertThat(receipt.receipt().partnerReference()).isEqualTo("ref-" + id);
    }

    @Test
    void deliversOverMutualTlsToThePartnerKit() {
        String id = api().issue(Api.validNotice("kit"));

        awaitState(id, "DELIVERED");

        assertThat(KIT_RECEIVED)
                .extracting(opened -> opened.notice().noticeId())
                .contains(id);
    }

    @Test
    void failsTheAttemptWhenThePartnerDemandsAClientCertificateThatIsNotSent() {
        String id = api().issue(Api.validNotice("nocert"));

        JsonNode failed = awaitState(id, "DELIVERY_FAILED");

        assertThat(failed.at("/attempts/0/outcome").asText()).isEqualTo("FAILED");
        assertThat(KIT_RECEIVED)
                .extracting(opened -> opened.notice().noticeId())
                .doesNotContain(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "forged  | not signed by the pinned certificate",
                "digest  | receipt digest does not match the bytes sent",
                "wrongid | receipt is for notice 01a00000-0000-7000-8000-000000000000",
                "notcms  | not CMS SignedData"
            })
    void refusesReceiptThatDoesNotProveDelivery(String partner, String reason) {
        String id = api().issue(Api.validNotice(partner));

        JsonNode failed = awaitState(id, "DELIVERY_FAILED");

        assertThat(failed.get("receipt")).isNull();
        assertThat(failed.get("attempts")).hasSize(2);
        failed.get("attempts").forEach(attempt -> {
            assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(attempt.get("reason").asText())
                    .startsWith("receipt refused: ")
                    .contains(reason);
            assertThat(attempt.get("httpStatus").asInt())
                    .as("the partner answered 200")
                    .isEqualTo(200);
        });
        assertThat(outboxEntries(id)).as("still due").isEqualTo(1);
        assertThat(ledger.receiptDer(id)).isEmpty();
    }

    @Test
    void retriesAfterPartnerAnswers500AndThenDelivers() {
        String id = api().issue(Api.validNotice("flaky"));

        JsonNode delivered = awaitState(id, "DELIVERED");

        assertThat(delivered.at("/attempts/0/outcome").asText()).isEqualTo("FAILED");
        assertThat(delivered.at("/attempts/0/httpStatus").asInt()).isEqualTo(500);
        assertThat(delivered.at("/attempts/0/reason").asText())
                .contains("HTTP 500")
                .contains("database on fire");
        assertThat(delivered.at("/attempts/1/outcome").asText()).isEqualTo("DELIVERED");
        PARTNERS.verify(2, postRequestedFor(urlEqualTo("/flaky")).withHeader("Idempotency-Key", equalTo(id)));
    }

    @Test
    void unreachablePartnerLeavesNoticeDeliveryFailedAndStillDue() {
        String id = api().issue(Api.validNotice("down"));

        JsonNode failed = awaitState(id, "DELIVERY_FAILED");

        assertThat(failed.get("attempts")).hasSize(2);
        assertThat(failed.at("/attempts/1/reason").asText()).startsWith("cannot connect");
        assertThat(failed.at("/history/1/kind").asText()).isEqualTo("DELIVERY_FAILED");
        assertThat(outboxEntries(id)).as("still due").isEqualTo(1);
        Integer attempts = jdbc.sql("select attempts from outbox where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        assertThat(attempts).isEqualTo(2);
    }

    @Test
    void withdrawingANoticeWhoseAttemptReachedThePartnerSendsItAWithdrawal() {
        String id = api().issue(Api.validNotice("notcms"));
        awaitState(id, "DELIVERY_FAILED");
        assertThat(PARTNERS.findAll(
                        postRequestedFor(urlEqualTo("/notcms")).withHeader("Amanat-Notice-Id", equalTo(id))))
                .as("the partner opened it; its answer was no receipt")
                .isNotEmpty();

        var response = withdraw(id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode withdrawal = Api.json(response);
        assertThat(withdrawal.get("type").asText()).isEqualTo("WITHDRAWAL");
        assertThat(withdrawal.get("relatesTo").asText()).isEqualTo(id);
        JsonNode original = api().notice(id);
        assertThat(original.get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(original.get("history").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("may have reached the partner")
                        && detail.contains(withdrawal.get("id").asText()));
        assertThat(outboxEntries(id)).as("not sent again").isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !PARTNERS.findAll(postRequestedFor(urlEqualTo("/notcms"))
                                .withHeader(
                                        "Amanat-Notice-Id",
                                        equalTo(withdrawal.get("id").asText())))
                        .isEmpty());
    }

    @Test
    void withdrawingANoticeWhoseAttemptsCouldNotConnectSaysItWasNeverSent() {
        String id = api().issue(Api.validNotice("down"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id).get("attempts").size() >= 1);

        var response = withdraw(id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Api.json(response).get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(Api.json(response).get("history").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("never sent"));
        assertThat(outboxEntries(id)).isZero();
    }

    @Test
    void neitherWithdrawsNorAbandonsANoticeWhileAnAttemptHoldsIt() {
        String id = api().issue(Api.validNotice("down"));
        awaitState(id, "DELIVERY_FAILED");
        // As a node does while it sends: the entry is leased, here long enough to outlast the wait.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("""
                update outbox set lease_owner = 'elsewhere', lease_until = ? where notice_id = ? and lease_until is null""")
                                .params(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1), id)
                                .update()
                        == 1);

        var withdrawal = withdraw(id);
        var abandonment = api().as("admin-2")
                .post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"platform ceased operating\"}");

        assertThat(withdrawal.statusCode()).as(withdrawal.body()).isEqualTo(409);
        assertThat(Api.json(withdrawal).get("type").asText()).isEqualTo("urn:amanat:problem:delivery-under-way");
        assertThat(abandonment.statusCode()).as(abandonment.body()).isEqualTo(409);
        assertThat(Api.json(abandonment).get("type").asText()).isEqualTo("urn:amanat:problem:delivery-under-way");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("DELIVERY_FAILED");
        assertThat(outboxEntries(id)).as("still due").isEqualTo(1);

        jdbc.sql("update outbox set lease_owner = null, lease_until = null where notice_id = ?")
                .param(id)
                .update();
        assertThat(withdraw(id).statusCode()).as("once the attempt has ended").isEqualTo(200);
    }

    @Test
    void aReceiptForANoticeAlreadyAbandonedIsKeptButChangesNothing() {
        String id = api().issue(Api.validNotice("down"));
        var abandoned = api().as("admin-2")
                .post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"platform ceased operating\"}");
        assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(200);
        var delivery = new DueDelivery(id, "down", 1, "{}", Instant.now(), "elsewhere", 0, false);

        outbox.recordDelivered(AttemptOutcome.delivered(
                delivery,
                Instant.now(),
                Instant.now(),
                200,
                "digest",
                new byte[] {1, 2, 3},
                "RECEIVED",
                "ref-late",
                "ECDSA-P256/SHA-256"));

        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("ABANDONED");
        assertThat(notice.at("/receipt/partnerReference").asText())
                .as("kept as evidence")
                .isEqualTo("ref-late");
        JsonNode last = notice.get("history").get(notice.get("history").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("DELIVERED");
        assertThat(last.get("detail").asText()).contains("stays ABANDONED");
        assertThat(outboxEntries(id)).isZero();
    }

    private java.net.http.HttpResponse<String> withdraw(String id) {
        return api().post(
                        "/api/v1/notices/" + id + "/withdrawal",
                        "application/json",
                        "{\"reason\": \"Court order lifted\"}");
    }

    JsonNode awaitState(String id, String state) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id), n -> state.equals(n.get("state").asText()));
    }

    private int outboxEntries(String id) {
        return jdbc.sql("select count(*) from outbox where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    Api api() {
        return new Api(port);
    }

    private static void stubReceipt(String partner, String profile, String mode) {
        PARTNERS.stubFor(post(urlEqualTo("/" + partner)).willReturn(PartnerSimulator.receipt(partner, profile, mode)));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
