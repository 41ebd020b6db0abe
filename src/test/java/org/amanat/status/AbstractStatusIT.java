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
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractStatusIT {
    static final WireMockServer PARTNERS =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    static final TestGateway GATEWAY;
    /** The item of {@link Api#validNotice}. */
    static final String LOCATOR = "https://video.example/watch?v=abc123";

    static {
        PARTNERS.start();
        String wiremock = "http://localhost:" + PARTNERS.port();
        GATEWAY = new TestGateway()
                .partner("chirp", wiremock + "/chirp", AlgorithmProfile.EC, "NONE")
                .partner("tube", wiremock + "/tube", AlgorithmProfile.RSA, "NONE")
                .partner(
                        "slow",
                        wiremock + "/slow",
                        AlgorithmProfile.EC,
                        "NONE",
                        "obligations: {actionWithin: {URGENT: 1ms}}\n")
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

        StatusReceipt receipt =
                sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(update);

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
        var update = new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                id,
                Instant.now(),
                Status.REJECTED,
                List.of(),
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
        byte[] forged = kit("chirp", TestPki.otherPartner(KeyType.EC_P256).signing())
                .sealStatus(status(id, Status.ACTIONED, Instant.now()), ministryEncryption(KeyType.EC_P256));

        assertRefused(postStatus("chirp", forged), 403, "UNTRUSTED_SIGNER", id);
    }

    @Test
    void refusesReplayedStatusId() throws Exception {
        String id = deliveredNotice("chirp");
        var first = status(id, Status.NEEDS_CLARIFICATION, Instant.now());
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(first);
        var replay = new StatusUpdate(
                Notice.PROTOCOL, first.statusId(), id, Instant.now(), Status.REJECTED, List.of(), "changed mind");

        byte[] sealed = kit("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .sealStatus(replay, ministryEncryption(KeyType.EC_P256));

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
                .sealStatus(
                        status(id, Status.ACTIONED, Instant.now().plus(Duration.ofMinutes(minutes))),
                        ministryEncryption(KeyType.EC_P256));

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

        assertRefused(
                postStatus("chirp", "{\"status\":\"ACTIONED\"}".getBytes(StandardCharsets.UTF_8)),
                400,
                "MALFORMED",
                id);
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
        assertThat(notice.at("/history/1/detail").asText())
                .contains(Api.OFFICER)
                .contains("never sent");
        assertThat(notice.at("/history/1/actor").asText())
                .as("the officer signed in")
                .isEqualTo(Api.OFFICER);
        assertThat(jdbc.sql("select count(*) from outbox where notice_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
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
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(withdrawalId).get("state").asText(), "DELIVERED"::equals);
        PARTNERS.verify(
                1, postRequestedFor(urlEqualTo("/chirp")).withHeader("Amanat-Notice-Id", equalTo(withdrawalId)));
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

        String restore = api().issue(Api.validNotice("chirp")
                .put("type", "RESTORE")
                .put("relatesTo", id)
                .put("statementOfReasons", "Review found the video lawful"));

        JsonNode earlier = api().notice(id);
        assertThat(earlier.get("state").asText()).isEqualTo("RESTORED");
        assertThat(earlier.findValuesAsText("detail")).anyMatch(detail -> detail.contains("RESTORE notice " + restore));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(restore).get("state").asText(), "DELIVERED"::equals);
    }

    @Test
    void refusesRestoreOfANoticeNotActedOn() {
        String id = deliveredNotice("chirp");

        HttpResponse<String> response =
                api().postNotice(Api.validNotice("chirp").put("type", "RESTORE").put("relatesTo", id));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Api.json(response).at("/errors/0/message").asText()).contains("nothing to restore");
        assertThat(api().notice(id).get("state").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void refusesOverLongPartnerHeaderAndRecordsItTruncated() throws Exception {
        String overLong = "p".repeat(500);

        HttpResponse<String> response = postStatus(overLong, new byte[] {1, 2, 3});

        assertProblem(response, 400, "MALFORMED");
        assertThat(Api.json(response).at("/errors/0/field").asText()).isEqualTo(HttpWire.PARTNER_HEADER);
        assertThat(jdbc.sql("select count(*) from security_event where kind = 'MALFORMED' and partner_id = ?")
                        .param("p".repeat(61) + "...")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refusesOverLongFieldsInsideAValidlySignedUpdateAndRecordsIt() throws Exception {
        String id = deliveredNotice("chirp");
        var overLong = new StatusUpdate(
                Notice.PROTOCOL,
                "s".repeat(150),
                id,
                Instant.now(),
                Status.ACTIONED,
                List.of(new StatusUpdate.ItemOutcome(
                        "https://video.example/" + "a".repeat(3000), "REMOVED", Instant.now())),
                null);

        HttpResponse<String> response = postStatus("chirp", seal("chirp", overLong));

        assertRefused(response, 400, "MALFORMED", id);
        assertThat(Api.json(response).findValuesAsText("field")).containsExactly("statusId", "items[0].locator");
    }

    @Test
    void aStatusIdWithALineBreakNeitherPassesNorForgesALogLine(CapturedOutput output) throws Exception {
        String id = deliveredNotice("chirp");
        var forging = new StatusUpdate(
                Notice.PROTOCOL,
                "s-1\n2026-11-24T12:00:00Z INFO forged line",
                id,
                Instant.now(),
                Status.ACTIONED,
                List.of(),
                null);

        HttpResponse<String> response = postStatus("chirp", seal("chirp", forging));

        assertRefused(response, 400, "MALFORMED", id);
        assertThat(output.getAll().lines()).noneMatch(line -> line.startsWith("2026-11-24T12:00:00Z INFO forged line"));
    }

    @ParameterizedTest(name = "actionedAt {0}")
    @ValueSource(strings = {"2000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"})
    void refusesAnActionTimeBeforeTheNoticeWasSentOrAfterTheUpdateArrived(String actionedAt) throws Exception {
        String id = deliveredNotice("chirp");
        var update = new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                id,
                Instant.now(),
                Status.ACTIONED,
                List.of(new StatusUpdate.ItemOutcome(LOCATOR, "REMOVED", Instant.parse(actionedAt))),
                null);

        HttpResponse<String> response = postStatus("chirp", seal("chirp", update));

        assertRefused(response, 422, "INVALID_REPORT", id);
        assertThat(Api.json(response).at("/errors/0/field").asText()).isEqualTo("items[0].actionedAt");
    }

    @Test
    void refusesAnItemTheNoticeDoesNotHave() throws Exception {
        String id = deliveredNotice("chirp");
        var update = new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                id,
                Instant.now(),
                Status.ACTIONED,
                List.of(new StatusUpdate.ItemOutcome("https://elsewhere.example/", "REMOVED", Instant.now())),
                null);

        HttpResponse<String> response = postStatus("chirp", seal("chirp", update));

        assertRefused(response, 422, "INVALID_REPORT", id);
        assertThat(Api.json(response).at("/errors/0/message").asText()).isEqualTo("is not an item of the notice");
    }

    @Test
    void aFinalReportCannotBeTakenBack() throws Exception {
        String id = deliveredNotice("chirp");
        assertThat(postStatus("chirp", seal("chirp", status(id, Status.ACTIONED, Instant.now())))
                        .statusCode())
                .isEqualTo(200);

        for (Status later : List.of(Status.NEEDS_CLARIFICATION, Status.REJECTED, Status.PARTIALLY_ACTIONED)) {
            HttpResponse<String> response = postStatus("chirp", seal("chirp", status(id, later, Instant.now())));

            assertProblem(response, 409, "TRANSITION_REFUSED");
            assertThat(Api.json(response).at("/errors/0/field").asText()).isEqualTo("status");
        }
        assertThat(api().notice(id).get("state").asText()).isEqualTo("ACTIONED");
        assertThat(securityEvents("TRANSITION_REFUSED", id)).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from status_update where notice_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFinalReportSentAgainIsKeptAndChangesNothing() throws Exception {
        String id = deliveredNotice("chirp");
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));
        String actedAt = api().notice(id).get("actedAt").asText();

        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));

        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("ACTIONED");
        assertThat(notice.get("actedAt").asText()).isEqualTo(actedAt);
        assertThat(notice.findValuesAsText("kind"))
                .containsOnlyOnce("STATUS_ACTIONED")
                .contains("STATUS_NOT_APPLIED");
    }

    @Test
    void aPartialActionMayBeCompletedButNotRejected() throws Exception {
        String id = deliveredNotice("chirp");
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing())
                .send(status(id, Status.PARTIALLY_ACTIONED, Instant.now()));

        assertProblem(
                postStatus("chirp", seal("chirp", status(id, Status.REJECTED, Instant.now()))),
                409,
                "TRANSITION_REFUSED");
        sender("chirp", TestPki.partner(KeyType.EC_P256).signing()).send(status(id, Status.ACTIONED, Instant.now()));

        assertThat(api().notice(id).get("state").asText()).isEqualTo("ACTIONED");
    }

    @Test
    void aLateReportOnAnAbandonedNoticeIsKeptButNotApplied() throws Exception {
        String id = api().issue(Api.validNotice("down"));
        assertThat(api().as("admin-1")
                        .post(
                                "/api/v1/notices/" + id + "/abandonment",
                                "application/json",
                                "{\"reason\": \"platform unreachable\"}")
                        .statusCode())
                .isEqualTo(200);

        StatusReceipt receipt = new StatusSender(
                        kit("down", TestPki.partner(KeyType.EC_P256).signing()),
                        ministryEncryption(KeyType.EC_P256),
                        statusUri(),
                        null)
                .send(status(id, Status.ACTIONED, Instant.now()));

        assertThat(receipt.noticeId()).isEqualTo(id);
        JsonNode notice = api().notice(id);
        assertThat(notice.get("state").asText()).isEqualTo("ABANDONED");
        assertThat(notice.get("itemOutcomes")).isEmpty();
        assertThat(jdbc.sql("select applied from status_update where notice_id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(notice.findValuesAsText("kind"))
                .contains("STATUS_NOT_APPLIED")
                .doesNotContain("STATUS_ACTIONED");
    }

    /** A sender cannot tell the order in which concurrent reports are applied; it can rely on every applied step being allowed. */
    @Test
    void concurrentReportsForOneNoticeApplyOnlyAllowedTransitions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 3; round++) {
                String id = deliveredNotice("chirp");
                List<byte[]> bodies = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    bodies.add(seal(
                            "chirp", status(id, Status.values()[(i + round) % Status.values().length], Instant.now())));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (byte[] body : bodies) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return postStatus("chirp", body).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    codes.add(answer.get(60, TimeUnit.SECONDS));
                }

                assertThat(codes).allMatch(code -> code == 200 || code == 409);
                List<String> applied = jdbc.sql(
                                "select kind from notice_event where notice_id = ? and kind like 'STATUS%'"
                                        + " and kind <> 'STATUS_NOT_APPLIED' order by id")
                        .param(id)
                        .query(String.class)
                        .list();
                String state = "DELIVERED";
                for (String kind : applied) {
                    String next = kind.substring("STATUS_".length());
                    assertThat(allowed(state, next))
                            .as(state + " -> " + next + " in " + applied)
                            .isTrue();
                    state = next;
                }
                assertThat(api().notice(id).get("state").asText()).isEqualTo(state);
                long accepted = codes.stream().filter(code -> code == 200).count();
                assertThat(jdbc.sql("select count(*) from status_update where notice_id = ?")
                                .param(id)
                                .query(Long.class)
                                .single())
                        .isEqualTo(accepted);
                assertThat(securityEvents("TRANSITION_REFUSED", id)).isEqualTo(12 - accepted);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rule of docs/protocol.md section 5, written out again so the test does not trust the code it checks. */
    private static boolean allowed(String from, String to) {
        return switch (from) {
            case "DELIVERED", "NEEDS_CLARIFICATION" -> true;
            case "PARTIALLY_ACTIONED" -> to.equals("ACTIONED") || to.equals("PARTIALLY_ACTIONED");
            default -> false;
        };
    }

    @Test
    void refusesAnOverLimitChunkedBodyWith413() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(statusUri())
                                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                .header(HttpWire.PARTNER_HEADER, "chirp")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(new byte[2 * 1024 * 1024])))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Api.json(response).at("/errors/0/field").asText()).isEqualTo("(body)");
        assertThat(jdbc.sql("select count(*) from security_event where kind = 'TOO_LARGE' and partner_id = 'chirp'")
                        .query(Long.class)
                        .single())
                .as("the refusal is on the security record")
                .isEqualTo(1);
    }

    @Test
    void aProblemNamesEveryFaultAndNoJavaType() throws Exception {
        String id = deliveredNotice("chirp");
        String json = "{\"protocol\":\"amanat/1\",\"statusId\":\"" + UUID.randomUUID() + "\",\"noticeId\":\"" + id
                + "\",\"sentAt\":\"" + Instant.now() + "\",\"status\":\"DONE\"}";
        byte[] sealed = new Envelope(Clock.systemUTC())
                .seal(
                        json.getBytes(StandardCharsets.UTF_8),
                        TestPki.partner(KeyType.EC_P256).signing(),
                        ministryEncryption(KeyType.EC_P256));

        HttpResponse<String> response = postStatus("chirp", sealed);

        assertRefused(response, 400, "MALFORMED", id);
        assertThat(Api.json(response).at("/errors/0/field").asText()).isEqualTo("(body)");
        assertThat(response.body())
                .doesNotContain("org.amanat")
                .doesNotContain("java.")
                .doesNotContain("CN=");
    }

    private HttpResponse<String> withdraw(String id) {
        return api().post(
                        "/api/v1/notices/" + id + "/withdrawal",
                        "application/json",
                        "{\"reason\": \"Court order lifted\"}");
    }

    private void assertRefused(HttpResponse<String> response, int status, String kind, String noticeId) {
        assertProblem(response, status, kind);
        long events = jdbc.sql(
                        "select count(*) from security_event where kind = ? and (notice_id = ? or notice_id is null)")
                .params(kind, noticeId)
                .query(Long.class)
                .single();
        assertThat(events).as("security event " + kind).isGreaterThanOrEqualTo(1);
        if (!kind.equals("REPLAY")) {
            assertThat(api().notice(noticeId).get("state").asText())
                    .as("state unchanged")
                    .isEqualTo("DELIVERED");
            assertThat(jdbc.sql("select count(*) from status_update where notice_id = ?")
                            .param(noticeId)
                            .query(Long.class)
                            .single())
                    .as("no status recorded")
                    .isZero();
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(Api.json(response).get("detail").asText()).startsWith(kind + ": ");
    }

    private long securityEvents(String kind, String noticeId) {
        return jdbc.sql("select count(*) from security_event where kind = ? and notice_id = ?")
                .params(kind, noticeId)
                .query(Long.class)
                .single();
    }

    private String deliveredNotice(String partner) {
        String id = api().issue(Api.validNotice(partner));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id).get("state").asText(), "DELIVERED"::equals);
        return id;
    }

    private static StatusUpdate status(String noticeId, Status status, Instant sentAt) {
        return new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                noticeId,
                sentAt,
                status,
                List.of(new StatusUpdate.ItemOutcome(LOCATOR, "REMOVED", sentAt)),
                null);
    }

    private static byte[] seal(String partnerId, StatusUpdate update) {
        KeyType type = partnerId.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        return kit(partnerId, TestPki.partner(type).signing()).sealStatus(update, ministryEncryption(type));
    }

    private StatusSender sender(String partnerId, SigningIdentity signing) {
        KeyType type = partnerId.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        return new StatusSender(kit(partnerId, signing), ministryEncryption(type), statusUri(), null);
    }

    private static PartnerKit kit(String partnerId, SigningIdentity signing) {
        KeyType type = partnerId.equals("tube") ? KeyType.RSA_3072 : KeyType.EC_P256;
        return new PartnerKit(
                partnerId,
                signing,
                TestPki.partner(type).encryption(),
                TestPki.ministry(type).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
    }

    private static X509Certificate ministryEncryption(KeyType type) {
        return TestPki.ministry(type).encryption().certificate();
    }

    private URI statusUri() {
        return URI.create("http://localhost:" + port + "/partner/v1/status");
    }

    private HttpResponse<String> postStatus(String partnerId, byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(statusUri())
                                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                .header(HttpWire.PARTNER_HEADER, partnerId)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private Api api() {
        return new Api(port);
    }
}
