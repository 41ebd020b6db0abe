package org.amanat.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestClock;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.TestPlatform;
import org.amanat.compliance.deadlines.DeadlineWatch;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Status;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Four-eyes approval over real HTTP, with a real database and a simulated partner (WireMock with real crypto)
 * whose requests are the judge of what was sent. The default policy holds the baseline notice (URGENT). The
 * clock is the test's, so that a late approval shows where the deadlines run from.
 */
@Import(ApprovalIT.Time.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"amanat.compliance.deadline-scan-interval=1h", "amanat.compliance.escalation.interval=1h"})
class ApprovalIT {
    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final WireMockServer SERVER =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator(CLOCK)));
    static final String PARTNER = "tube";
    static final String PATH = "/" + PARTNER;
    static final TestGateway GATEWAY;
    static final String OFFICER = Api.OFFICER;
    static final String APPROVER = Api.APPROVER;

    static {
        SERVER.start();
        GATEWAY = new TestGateway()
                .partner(PARTNER, "http://localhost:" + SERVER.port() + PATH, AlgorithmProfile.EC, "NONE");
        SERVER.stubFor(post(urlEqualTo(PATH)).willReturn(PartnerSimulator.receipt(PARTNER, "EC", "VALID")));
    }

    /** Not a @Configuration, so that no other gateway in the test run finds it by component scanning. */
    static class Time {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        registry.add("amanat.approval.enabled", () -> "true");
        TestDatabases.h2(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineWatch watch;

    @LocalServerPort
    int port;

    @Test
    void anUrgentNoticeWaitsUnsentUntilASecondPersonApprovesIt() {
        HttpResponse<String> issued = officer().postNotice(Api.validNotice(PARTNER));

        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode held = Api.json(issued);
        String id = held.get("id").asText();
        assertThat(held.get("state").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(held.at("/approval/heldFor").asText()).isEqualTo("URGENT");
        assertThat(held.has("issuedAt")).as("no issue time before approval").isFalse();
        assertThat(held.has("ackDeadline")).as("no deadlines before approval").isFalse();
        assertThat(rows("outbox where notice_id = '" + id + "'")).isZero();
        assertThat(Api.json(approver().get("/api/v1/approvals?size=200"))
                        .get("items")
                        .findValuesAsText("id"))
                .contains(id);
        // The delivery loop polls every 50 ms: for two seconds nothing may reach the partner.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sends(id) == 0);
        assertThat(state(id)).isEqualTo("PENDING_APPROVAL");

        HttpResponse<String> approved = approver().post("/api/v1/notices/" + id + "/approval", "application/json", "");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(Api.json(approved).get("state").asText()).isEqualTo("ISSUED");
        awaitDelivered(id);
        assertThat(sends(id)).isEqualTo(1);
        assertThat(Api.json(approver().get("/api/v1/approvals?size=200"))
                        .get("items")
                        .findValuesAsText("id"))
                .doesNotContain(id);
    }

    @Test
    void theHistoryNamesTheIssuerAndTheApprover() {
        String id = officer().issue(Api.validNotice(PARTNER));
        approve(id, APPROVER);
        awaitDelivered(id);

        JsonNode notice = approver().notice(id);

        assertThat(notice.get("history").findValuesAsText("kind"))
                .containsExactly("APPROVAL_REQUESTED", "APPROVED", "ISSUED", "DELIVERED");
        assertThat(notice.at("/history/0/detail").asText())
                .startsWith("by " + OFFICER + " for " + PARTNER)
                .contains("URGENT");
        assertThat(notice.at("/history/0/actor").asText()).isEqualTo(OFFICER);
        assertThat(notice.at("/history/1/detail").asText()).startsWith("by " + APPROVER);
        assertThat(notice.at("/history/1/actor").asText()).isEqualTo(APPROVER);
        assertThat(notice.at("/history/2/actor").asText())
                .as("the approval issues it")
                .isEqualTo(APPROVER);
        assertThat(notice.at("/notice/issuer/officerId").asText())
                .as("the signed notice names its officer")
                .isEqualTo(OFFICER);
        assertThat(notice.at("/approval/decision").asText()).isEqualTo("APPROVED");
        assertThat(notice.at("/approval/decidedBy").asText()).isEqualTo(APPROVER);
    }

    /** The issuer here holds both roles, so it is the four-eyes rule that refuses, not the lack of a role. */
    @Test
    void theIssuerCanNeitherApproveNorDeclineTheirOwnNoticeEvenAsAnApprover() {
        Api both = api(Api.OFFICER_APPROVER);
        String id = both.issue(Api.validNotice(PARTNER));

        HttpResponse<String> approval = both.post("/api/v1/notices/" + id + "/approval", "application/json", "");
        HttpResponse<String> decline = both.post(
                "/api/v1/notices/" + id + "/decline", "application/json", "{\"reason\": \"changed my mind\"}");

        assertProblem(approval, 403, "own-notice");
        assertProblem(decline, 403, "own-notice");
        assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
        assertThat(events(id)).containsExactly("APPROVAL_REQUESTED");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> sends(id) == 0);
    }

    @Test
    void aDeclinedNoticeIsFinalAndNeverSealedOrSent() {
        String id = officer().issue(Api.validNotice(PARTNER));

        HttpResponse<String> declined = approver()
                .post(
                        "/api/v1/notices/" + id + "/decline",
                        "application/json",
                        "{\"reason\": \"The video is satire, not fabricated footage.\"}");

        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        JsonNode notice = Api.json(declined);
        assertThat(notice.get("state").asText()).isEqualTo("DECLINED");
        assertThat(notice.at("/approval/reason").asText()).isEqualTo("The video is satire, not fabricated footage.");
        assertThat(notice.get("history").findValuesAsText("kind")).containsExactly("APPROVAL_REQUESTED", "DECLINED");
        assertThat(notice.at("/history/1/detail").asText())
                .isEqualTo("by " + APPROVER + ": The video is satire, not fabricated footage.");

        assertProblem(other().post("/api/v1/notices/" + id + "/approval", "application/json", ""), 409, "not-pending");
        assertProblem(
                officer()
                        .post(
                                "/api/v1/notices/" + id + "/withdrawal",
                                "application/json",
                                "{\"reason\": \"no longer needed\"}"),
                409,
                "cannot-withdraw");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> sends(id) == 0);
        assertThat(state(id)).isEqualTo("DECLINED");
        assertThat(rows("outbox where notice_id = '" + id + "'")).isZero();
        assertThat(rows("delivery_attempt where notice_id = '" + id + "'")).isZero();
    }

    @Test
    void aDeclineNeedsAReasonThatObeysTheTextRulesAndOtherwiseChangesNothing() {
        String id = officer().issue(Api.validNotice(PARTNER));

        for (String body : List.of(
                "{}",
                "{\"reason\": \"\"}",
                "{\"reason\": \" padded\"}",
                "{\"reason\": \"bell\\u0007\"}",
                "{\"reason\": \"" + "x".repeat(NoticeRequestValidator.MAX_REASON + 1) + "\"}")) {
            assertProblem(
                    approver().post("/api/v1/notices/" + id + "/decline", "application/json", body),
                    422,
                    "invalid-decline");
        }
        assertProblem(
                approver()
                        .post(
                                "/api/v1/notices/" + id + "/decline",
                                "application/json",
                                "{\"reason\": \"x\", \"by\": \"y\"}"),
                400,
                null);
        assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
        assertThat(events(id)).containsExactly("APPROVAL_REQUESTED");
    }

    @Test
    void theDeadlinesRunFromTheApprovalNotFromWhenTheOfficerAsked() {
        Instant asked = CLOCK.instant();
        String id = officer().issue(Api.validNotice(PARTNER));
        CLOCK.advance(Duration.ofHours(3));
        Instant approvedAt = CLOCK.instant();

        approve(id, APPROVER);
        awaitDelivered(id);

        JsonNode notice = approver().notice(id);
        assertThat(Instant.parse(notice.get("submittedAt").asText())).isEqualTo(asked);
        assertThat(Instant.parse(notice.get("issuedAt").asText())).isEqualTo(approvedAt);
        assertThat(Instant.parse(notice.get("ackDeadline").asText())).isEqualTo(approvedAt.plus(Duration.ofHours(1)));
        assertThat(Instant.parse(notice.get("actionDeadline").asText()))
                .isEqualTo(approvedAt.plus(Duration.ofHours(4)));
        // What was signed and sent says the same.
        assertThat(Instant.parse(notice.at("/notice/issuedAt").asText())).isEqualTo(approvedAt);
        assertThat(Instant.parse(notice.at("/notice/actionDeadline").asText()))
                .isEqualTo(approvedAt.plus(Duration.ofHours(4)));

        // Four and a half hours after the officer asked, the action deadline counted from then has passed; from
        // approval it has not.
        CLOCK.advance(Duration.ofMinutes(90));
        watch.scan();
        assertThat(breaches(id)).isEmpty();
        CLOCK.advance(Duration.ofHours(3));
        watch.scan();
        assertThat(breaches(id)).containsExactly("ACTION");
    }

    @Test
    void aNoticeWithdrawnWhileWaitingIsNeverSentAndCanNoLongerBeApproved() {
        String id = officer().issue(Api.validNotice(PARTNER));

        HttpResponse<String> withdrawn = officer()
                .post(
                        "/api/v1/notices/" + id + "/withdrawal",
                        "application/json",
                        "{\"reason\": \"Court order lifted\"}");

        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(state(id)).isEqualTo("WITHDRAWN");
        assertProblem(
                approver().post("/api/v1/notices/" + id + "/approval", "application/json", ""), 409, "not-pending");
        assertThat(events(id)).containsExactly("APPROVAL_REQUESTED", "WITHDRAWN");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> sends(id) == 0);
    }

    @Test
    void aNoticeThePolicyLetsThroughGoesOutAtOnceAndHasNothingToApprove() {
        String id = officer().issue(Api.validNotice(PARTNER).put("urgency", "STANDARD"));

        assertThat(Api.json(approver().get("/api/v1/notices/" + id)).has("approval"))
                .isFalse();
        awaitDelivered(id);
        assertProblem(
                approver().post("/api/v1/notices/" + id + "/approval", "application/json", ""), 409, "not-pending");
    }

    @Test
    void anApprovalByNobodyOrByAnOfficerOrForNoNoticeIsRefused() {
        String id = officer().issue(Api.validNotice(PARTNER));

        assertProblem(
                new Api(port).anonymous().post("/api/v1/notices/" + id + "/approval", "application/json", ""),
                401,
                null);
        assertProblem(
                api(Api.OTHER_OFFICER).post("/api/v1/notices/" + id + "/approval", "application/json", ""), 403, null);
        assertProblem(
                api(Api.OTHER_OFFICER)
                        .post("/api/v1/notices/" + id + "/decline", "application/json", "{\"reason\": \"x\"}"),
                403,
                null);
        assertProblem(
                approver()
                        .post("/api/v1/notices/01900000-0000-7000-8000-000000000000/approval", "application/json", ""),
                404,
                null);
        assertProblem(approver().post("/api/v1/notices/not-an-id/approval", "application/json", ""), 404, null);
        assertProblem(approver().get("/api/v1/approvals?size=0"), 400, null);
        assertThat(state(id)).isEqualTo("PENDING_APPROVAL");
    }

    /**
     * The test's clock stands still unless moved: it is nudged while waiting, so that an attempt that failed (the
     * first one of a cold JVM may take longer than the time limit) comes due again.
     */
    private void awaitDelivered(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            CLOCK.advance(Duration.ofMillis(200));
            return state(id).equals("DELIVERED");
        });
    }

    @Test
    void aHeldRestoreUndoesTheNoticeItRelatesToOnlyWhenApproved() {
        String takedown = officer().issue(Api.validNotice(PARTNER).put("urgency", "STANDARD"));
        awaitDelivered(takedown);
        assertThat(report(takedown, Status.ACTIONED)).isEqualTo(200);
        String restore =
                officer().issue(Api.validNotice(PARTNER).put("type", "RESTORE").put("relatesTo", takedown));

        assertThat(state(restore)).isEqualTo("PENDING_APPROVAL");
        assertThat(state(takedown))
                .as("a RESTORE waiting for approval changes nothing yet")
                .isEqualTo("ACTIONED");

        approve(restore, APPROVER);

        assertThat(state(takedown)).isEqualTo("RESTORED");
        assertThat(events(takedown)).endsWith("RESTORED");
        awaitDelivered(restore);
    }

    @Test
    void aPartnerCannotReportOnANoticeThatNeverWentToIt() {
        String held = officer().issue(Api.validNotice(PARTNER));
        String declined = officer().issue(Api.validNotice(PARTNER));
        approver().post("/api/v1/notices/" + declined + "/decline", "application/json", "{\"reason\": \"not needed\"}");

        assertThat(report(held, Status.ACTIONED)).isEqualTo(422);
        assertThat(report(declined, Status.ACTIONED)).isEqualTo(422);
        assertThat(state(held)).isEqualTo("PENDING_APPROVAL");
        assertThat(state(declined)).isEqualTo("DECLINED");
        assertThat(jdbc.sql("select count(*) from security_event where notice_id in (?, ?) and kind = 'UNKNOWN_NOTICE'")
                        .params(held, declined)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void scorecardsCountOnlyWhatWentToThePartner() {
        String period = "?from=" + CLOCK.instant().minus(Duration.ofDays(30)) + "&to="
                + CLOCK.instant().plus(Duration.ofDays(30));
        long before = scorecardNotices(period);

        String held = officer().issue(Api.validNotice(PARTNER));
        String declined = officer().issue(Api.validNotice(PARTNER));
        approver().post("/api/v1/notices/" + declined + "/decline", "application/json", "{\"reason\": \"not needed\"}");
        String withdrawn = officer().issue(Api.validNotice(PARTNER));
        officer()
                .post(
                        "/api/v1/notices/" + withdrawn + "/withdrawal",
                        "application/json",
                        "{\"reason\": \"not needed\"}");

        assertThat(List.of(state(held), state(declined), state(withdrawn)))
                .containsExactly("PENDING_APPROVAL", "DECLINED", "WITHDRAWN");
        assertThat(scorecardNotices(period)).isEqualTo(before);
        approve(held, APPROVER);
        assertThat(scorecardNotices(period)).isEqualTo(before + 1);
    }

    private long scorecardNotices(String period) {
        HttpResponse<String> response = api(Api.COMPLIANCE).get("/api/v1/compliance/scorecards/" + PARTNER + period);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.json(response).get("notices").asLong();
    }

    /** The partner's signed report through the real status endpoint, at the test clock's time; the HTTP status it got. */
    private int report(String noticeId, Status status) {
        return TestPlatform.report(port, PARTNER, noticeId, status, CLOCK);
    }

    private void approve(String id, String approver) {
        HttpResponse<String> approved =
                api(approver).post("/api/v1/notices/" + id + "/approval", "application/json", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("errors")).as("errors list").isNotEmpty();
        if (type != null) {
            assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:" + type);
        }
    }

    /** How many times the notice reached the partner. */
    private int sends(String id) {
        return SERVER.findAll(postRequestedFor(urlEqualTo(PATH))
                        .withHeader("Amanat-Notice-Id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(id)))
                .size();
    }

    private String state(String id) {
        return jdbc.sql("select state from notice where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private List<String> events(String id) {
        return jdbc.sql("select kind from notice_event where notice_id = ? order by id")
                .param(id)
                .query(String.class)
                .list();
    }

    private List<String> breaches(String id) {
        return jdbc.sql("select kind from breach where notice_id = ? order by kind")
                .param(id)
                .query(String.class)
                .list();
    }

    private int rows(String from) {
        return jdbc.sql("select count(*) from " + from).query(Integer.class).single();
    }

    private Api officer() {
        return api(OFFICER);
    }

    private Api approver() {
        return api(APPROVER);
    }

    private Api other() {
        return api(Api.OTHER_APPROVER);
    }

    private Api api(String person) {
        return new Api(port).as(person);
    }
}
