package org.amanat.status;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Notice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusReceipt;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform's side over real HTTP with real keys: status updates sealed by the partner kit, and
 * the officer's withdrawals and restorations that travel back to the platform. Each refused status
 * must answer problem+json, be recorded as a security event, and leave the notice as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractStatusIT {
    static final WireMockServer PARTNERS = new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    static final TestGateway GATEWAY;

    static {
        PARTNERS.start();
        String wiremock = "http://localhost:" + PARTNERS.port();
        GATEWAY = new TestGateway()
                .partner("chirp", wiremock + "/chirp", AlgorithmProfile.EC, "NONE")
                .partner("tube", wiremock + "/tube", AlgorithmProfile.RSA, "NONE")
                .partner("slow", wiremock + "/slow", AlgorithmProfile.EC, "NONE", "obligations: {actionWithin: {URGENT: 1ms}}\n")
                .partner("down", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE");
        for (String partner : List.of("chirp", "tube", "slow")) {
            PARTNERS.stubFor(post(urlEqualTo("/" + partner))
                    .willReturn(PartnerSimulator.receipt(partner, partner.equals("tube") ? "RSA" : "EC", "VALID")));
        }
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
    }

    @Test
    void appliesActionedStatusAndAnswersWithTheMinistrysSignedReceipt() throws Exception {
        String id = deliveredNotice("chirp");
        var update = status(id, Status.ACTIONED, Instant.now());

        StatusReceipt receipt = sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(update);

        assertThat(receipt.statusId()).isEqualTo(update.statusId());
        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("ACTIONED");
        assertThat(notice.get("actionLate").asBoolean()).isFalse();
        assertThat(notice.at("/itemOutcomes/0/outcome").asText()).isEqualTo("REMOVED");
        assertThat(notice.at("/history/2/kind").asText()).isEqualTo("STATUS_ACTIONED");
    }

    @Test
    void appliesRejectionWithItsReasonFromAnRsaPartner() throws Exception {
        String id = deliveredNotice("tube");
        var update = new StatusUpdate(Notice.PROTOCOL, UUID.randomUUID().toString(), id, Instant.now(), Status.REJECTED, List.of(),
                "Content is lawful satire under our policy 4.2");

        sender("tube", TestPki.partner(KeyType.RSA_3072).signing()).send(update);

        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("REJECTED");
        assertThat(notice.get("statusReason").asText()).isEqualTo("Content is lawful satire under our policy 4.2");
    }

    @Test
    void recordsAnActionAfterTheDeadlineAsLate() throws Exception {
        String id = deliveredNotice("slow");

        sender("slow", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));

        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("ACTIONED");
        assertThat(notice.get("actionLate").asBoolean()).isTrue();
        assertThat(notice.at("/history/2/detail").asText()).contains("after the action deadline");
    }

    @Test
    void refusesStatusSignedWithAnotherPartnersKey() throws Exception {
        String id = deliveredNotice("chirp");
        byte[] forged = kit("chirp", TestPki.otherPartner(KeyType.EC_P256).signing()).sealStatus(status(id, Status.ACTIONED, Instant.now()),
                ministryEncryption(KeyType.EC_P256));

        assertRefused(postStatus("chirp", forged), 403, "UNTRUSTED_SIGNER", id);
    }

    @Test
    void refusesReplayedStatusId() throws Exception {
        String id = deliveredNotice("chirp");
        var first = status(id, Status.NEEDS_CLARIFICATION, Instant.now());
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(first);
        var replay = new StatusUpdate(Notice.PROTOCOL, first.statusId(), id, Instant.now(), Status.REJECTED, List.of(), "changed mind");

        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing()).sealStatus(replay, ministryEncryption(KeyType.EC_P256));

        assertRefused(postStatus("chirp", sealed), 409, "REPLAY", id);
        assertThat(api().notice(id).get("state").asText()).isEqualTo("NEEDS_CLARIFICATION");
    }

    @Test
    void refusesStatusForAnotherPartnersNotice() throws Exception {
        String tubes = deliveredNotice("tube");
        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .sealStatus(status(tubes, Status.ACTIONED, Instant.now()), ministryEncryption(KeyType.EC_P256));

        assertRefused(postStatus("chirp", sealed), 403, "FOREIGN_NOTICE", tubes);
    }

    @ParameterizedTest(name = "sentAt {0} minutes from now")
    @ValueSource(ints = {-10, 10})
    void refusesStaleOrFutureSentAt(int minutes) throws Exception {
        String id = deliveredNotice("chirp");
        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .sealStatus(status(id, Status.ACTIONED, Instant.now().plus(Duration.ofMinutes(minutes))), ministryEncryption(KeyType.EC_P256));

        assertRefused(postStatus("chirp", sealed), 422, "STALE_OR_FUTURE", id);
    }

    @Test
    void refusesCiphertextWithOneFlippedByte() throws Exception {
        String id = deliveredNotice("chirp");
        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .sealStatus(status(id, Status.ACTIONED, Instant.now()), ministryEncryption(KeyType.EC_P256));
        sealed[sealed.length - 20] ^= 0x01;

        assertRefused(postStatus("chirp", sealed), 400, "DECRYPTION_FAILED", id);
    }

    @Test
    void refusesStatusForUnknownNotice() throws Exception {
        String unknown = "01a20000-0000-7000-8000-00000000beef";
        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .sealStatus(status(unknown, Status.ACTIONED, Instant.now()), ministryEncryption(KeyType.EC_P256));

        HttpResponse<String> response = postStatus("chirp", sealed);

        assertProblem(response, 422, "UNKNOWN_NOTICE");
        assertThat(securityEvents("UNKNOWN_NOTICE", unknown)).isEqualTo(1);
    }

    @Test
    void refusesBodyThatIsNotCms() throws Exception {
        String id = deliveredNotice("chirp");

        assertRefused(postStatus("chirp", "{\"status\":\"ACTIONED\"}".getBytes(StandardCharsets.UTF_8)), 400, "MALFORMED", id);
    }

    @Test
    void refusesUnknownPartner() throws Exception {
        HttpResponse<String> response = postStatus("nobody", new byte[] {1, 2, 3});

        assertProblem(response, 403, "UNKNOWN_PARTNER");
    }

    @Test
    void withdrawsANoticeNeverDeliveredWithoutSendingIt() {
        String id = api().issue(Api.validNotice("down"));

        HttpResponse<String> response = withdraw(id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode notice = Api.json(response);
        assertThat(notice.get("state").asText()).isEqualTo("WITHDRAWN");
        assertThat(notice.at("/history/1/detail").asText()).contains("officer-9").contains("never sent");
        assertThat(jdbc.sql("select count(*) from outbox where notice_id = ?").param(id).query(Long.class).single()).isZero();
    }

    @Test
    void withdrawsADeliveredNoticeWithAWithdrawalNoticeThatTravelsLikeAnyOther() {
        String id = deliveredNotice("chirp");

        HttpResponse<String> response = withdraw(id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode withdrawal = Api.json(response);
        String withdrawalId = withdrawal.get("id").asText();
        assertThat(withdrawal.get("type").asText()).isEqualTo("WITHDRAWAL");
        assertThat(withdrawal.get("relatesTo").asText()).isEqualTo(id);
        assertThat(withdrawal.at("/notice/statementOfReasons").asText()).isEqualTo("Court order lifted");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("WITHDRAWN");
        await().atMost(Duration.ofSeconds(20)).until(() -> api().notice(withdrawalId).get("state").asText(), "DELIVERED"::equals);
        PARTNERS.verify(1, postRequestedFor(urlEqualTo("/chirp"))
                .withHeader("Amanat-Notice-Id", equalTo(withdrawalId)));
    }

    @Test
    void refusesToWithdrawANoticeAlreadyActedOn() throws Exception {
        String id = deliveredNotice("chirp");
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));

        HttpResponse<String> response = withdraw(id);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Api.json(response).at("/errors/0/message").asText()).contains("issue a RESTORE");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("ACTIONED");
    }

    @Test
    void restoresANoticeActedOnAndTheEarlierNoticeShowsIt() throws Exception {
        String id = deliveredNotice("chirp");
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));

        String restore = api().issue(Api.validNotice("chirp").put("type", "RESTORE").put("relatesTo", id)
                .put("statementOfReasons", "Review found the video lawful"));

        JsonNode earlier = api().notice(id);
        assertThat(earlier.get("state").asText()).isEqualTo("RESTORED");
        assertThat(earlier.findValuesAsText("detail")).anyMatch(detail -> detail.contains("RESTORE notice " + restore));
        await().atMost(Duration.ofSeconds(20)).until(() -> api().notice(restore).get("state").asText(), "DELIVERED"::equals);
    }

    @Test
    void refusesRestoreOfANoticeNotActedOn() {
        String id = deliveredNotice("chirp");

        HttpResponse<String> response = api().postNotice(Api.validNotice("chirp").put("type", "RESTORE").put("relatesTo", id));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response).at("/errors/0/message").asText()).contains("nothing to restore");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("DELIVERED");
    }

    private HttpResponse<String> withdraw(String id) {
        return api().post("/api/v1/notices/" + id + "/withdrawal", "application/json",
                "{\"officerId\": \"officer-9\", \"reason\": \"Court order lifted\"}");
    }

    private void assertRefused(HttpResponse<String> response, int status, String kind, String noticeId) {
        assertProblem(response, status, kind);
        long events = jdbc.sql("select count(*) from security_event where kind = ? and (notice_id = ? or notice_id is null)")
                .params(kind, noticeId).query(Long.class).single();
        assertThat(events).as("security event " + kind).isGreaterThanOrEqualTo(1);
        if (!kind.equals("REPLAY")) {
            assertThat(api().notice(noticeId).get("state").asText()).as("state unchanged").isEqualTo("DELIVERED");
            assertThat(jdbc.sql("select count(*) from status_update where notice_id = ?").param(noticeId).query(Long.class).single())
                    .as("no status recorded").isZero();
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Api.json(response).get("detail").asText()).startsWith(kind + ": ");
    }

    private long securityEvents(String kind, String noticeId) {
        return jdbc.sql("select count(*) from security_event where kind = ? and notice_id = ?").params(kind, noticeId)
                .query(Long.class).single();
    }

    private String deliveredNotice(String partner) {
        String id = api().issue(Api.validNotice(partner));
        await().atMost(Duration.ofSeconds(20)).until(() -> api().notice(id).get("state").asText(), "DELIVERED"::equals);
        return id;
    }

    private static StatusUpdate status(String noticeId, Status status, Instant sentAt) {
        return new StatusUpdate(Notice.PROTOCOL, UUID.randomUUID().toString(), noticeId, sentAt, status,
                List.of(new StatusUpdate.ItemOutcome("https://video.example/watch?v=abc123", "REMOVED", sentAt)), null);
    }

    private StatusSender sender(String partnerId, SigningIdentity signing) {
        KeyType type = partnerId.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        return new StatusSender(kit(partnerId, signing), ministryEncryption(type), statusUri(), null);
    }

    private static PartnerKit kit(String partnerId, SigningIdentity signing) {
        KeyType type = partnerId.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        return new PartnerKit(partnerId, signing, TestPki.partner(type).encryption(), TestPki.ministry(type).signing().certificate(),
                AlgorithmPolicy.strict(), Clock.systemUTC());
    }

    private static X509Certificate ministryEncryption(KeyType type) {
        return TestPki.ministry(type).encryption().certificate();
    }

    private URI statusUri() {
        return URI.create("http://localhost:" + port + "/partner/v1/status");
    }

    private HttpResponse<String> postStatus(String partnerId, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(statusUri())
                .header("Content-Type", StatusSender.STATUS_CONTENT_TYPE)
                .header(StatusSender.PARTNER_HEADER, partnerId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Api api() {
        return new Api(port);
    }
}
