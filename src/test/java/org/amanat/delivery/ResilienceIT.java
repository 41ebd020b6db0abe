package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.apache.camel.CamelContext;
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
 * Faults a partner can throw at the gateway, with real HTTP to WireMock: each leaves the notice due
 * with the reason recorded; the circuit breaker stops calls to a failing partner and probes it later;
 * a DUPLICATE receipt counts as delivered; nothing is dropped unless an administrator says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResilienceIT {
    static final WireMockServer PARTNERS =
            new WireMockServer(options().dynamicPort().dynamicHttpsPort().extensions(new PartnerSimulator()));
    static final TestGateway GATEWAY;
    static final String BREAKER = """
            resilience:
              timeLimit: 1s
              circuitBreaker: {failureRateThreshold: 50, minimumNumberOfCalls: 4, slidingWindowSize: 4,
                               waitInOpenState: 2s, permittedCallsInHalfOpenState: 1}
            """;

    static {
        PARTNERS.start();
        String wiremock = "http://localhost:" + PARTNERS.port();
        var gateway = new TestGateway();
        for (String mode : List.of("EMPTY", "TRUNCATED", "UNSIGNED", "DUPLICATE")) {
            String id = mode.toLowerCase();
            gateway.partner(id, wiremock + "/" + id, AlgorithmProfile.EC, "NONE");
            PARTNERS.stubFor(post(urlEqualTo("/" + id)).willReturn(receipt(id, mode)));
        }
        gateway.partner("reset", wiremock + "/reset", AlgorithmProfile.EC, "NONE")
                .partner("stall", wiremock + "/stall", AlgorithmProfile.EC, "NONE", "resilience: {timeLimit: 1s}\n")
                .partner("burst", wiremock + "/burst", AlgorithmProfile.EC, "NONE", BREAKER)
                .partner("stalling", wiremock + "/stalling", AlgorithmProfile.EC, "NONE", """
                        resilience:
                          circuitBreaker: {slowCallDurationThreshold: 300ms, slowCallRateThreshold: 50, minimumNumberOfCalls: 4,
                                           slidingWindowSize: 4, waitInOpenState: 60s}
                        """)
                .partner(
                        "untrusted",
                        "https://localhost:" + PARTNERS.httpsPort() + "/untrusted",
                        AlgorithmProfile.EC,
                        "SERVER")
                .partner(
                        "overdue",
                        wiremock + "/overdue",
                        AlgorithmProfile.EC,
                        "NONE",
                        "delivery: {flagAfterAttempts: 2}\n")
                .partner("backlog", wiremock + "/backlog", AlgorithmProfile.EC, "NONE", """
                        resilience:
                          bulkhead: 1
                          circuitBreaker: {minimumNumberOfCalls: 2, slidingWindowSize: 2, waitInOpenState: 1s, permittedCallsInHalfOpenState: 1}
                        """);
        PARTNERS.stubFor(post(urlEqualTo("/reset")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PARTNERS.stubFor(
                post(urlEqualTo("/stall")).willReturn(receipt("stall", "VALID").withFixedDelay(20_000)));
        PARTNERS.stubFor(post(urlEqualTo("/burst")).willReturn(aResponse().withStatus(503)));
        PARTNERS.stubFor(post(urlEqualTo("/stalling"))
                .willReturn(receipt("stalling", "VALID").withFixedDelay(500)));
        PARTNERS.stubFor(post(urlEqualTo("/untrusted")).willReturn(receipt("untrusted", "VALID")));
        PARTNERS.stubFor(post(urlEqualTo("/overdue")).willReturn(aResponse().withStatus(503)));
        PARTNERS.stubFor(post(urlEqualTo("/backlog")).willReturn(aResponse().withStatus(503)));
        GATEWAY = gateway;
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "reset     | connection failed: Connection reset",
                "stall     | timed out: the exchange took longer than the partner's time limit",
                "untrusted | TLS failure:",
                "empty     | receipt refused: not CMS SignedData",
                "truncated | receipt refused: not CMS SignedData",
                "unsigned  | receipt refused: not CMS SignedData"
            })
    void faultLeavesTheNoticeDueWithTheReasonRecorded(String partner, String reason) {
        String id = api().issue(Api.validNotice(partner));

        JsonNode failed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api().notice(id),
                        n -> "DELIVERY_FAILED".equals(n.get("state").asText()));

        assertThat(failed.get("attempts")).isNotEmpty().allSatisfy(attempt -> {
            assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
            assertThat(attempt.get("reason").asText()).startsWith(reason);
        });
        assertThat(outboxEntries(id)).as("still due").isEqualTo(1);
    }

    @Test
    void timeLimiterCutsAStalledPartnerLongBeforeItsTwentySeconds() {
        String id = api().issue(Api.validNotice("stall"));

        JsonNode failed = await().atMost(Duration.ofSeconds(30))
                .until(() -> api().notice(id), n -> n.get("attempts").size() >= 1);

        Instant started = Instant.parse(failed.at("/attempts/0/startedAt").asText());
        Instant finished = Instant.parse(failed.at("/attempts/0/finishedAt").asText());
        assertThat(Duration.between(started, finished)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void burstOf503OpensTheBreakerWhichStopsCallsThenLetsAProbeThrough() {
        CircuitBreaker breaker =
                camel.getRegistry().lookupByNameAndType(PartnerGuards.breakerName("burst"), CircuitBreaker.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(api().issue(Api.validNotice("burst")));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        int callsWhenOpened = calls("/burst");

        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> calls("/burst") == callsWhenOpened);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls("/burst") > callsWhenOpened);
        assertThat(calls("/burst")).as("one half-open probe").isEqualTo(callsWhenOpened + 1);
        assertThat(ids)
                .allSatisfy(id -> assertThat(outboxEntries(id)).as("still due").isEqualTo(1));
    }

    @Test
    void noticesLeasedWhenAStallingPartnersBreakerOpensAreNotFailedInBulk() {
        CircuitBreaker breaker =
                camel.getRegistry().lookupByNameAndType(PartnerGuards.breakerName("stalling"), CircuitBreaker.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(api().issue(Api.validNotice("stalling")));
        }

        // Slow answers open the breaker (the slow-call rule); what was in flight then ends, nothing more goes.
        await().atMost(Duration.ofSeconds(20)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> attempts("stalling") >= calls("/stalling"));

        int failed = jdbc.sql("""
                select count(*) from delivery_attempt a join notice n on n.id = a.notice_id
                where n.partner_id = 'stalling' and a.outcome = 'FAILED'""").query(Integer.class).single();
        assertThat(failed).as("attempts failed because the breaker was open").isZero();
        assertThat(calls("/stalling"))
                .as("calls before the breaker opened, at most a bulkhead more")
                .isLessThanOrEqualTo(8);
        assertThat(ids.stream().filter(id -> outboxEntries(id) == 1))
                .as("the rest still due")
                .hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void duplicateReceiptCountsAsDelivered() {
        String id = api().issue(Api.validNotice("duplicate"));

        JsonNode delivered = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api().notice(id),
                        n -> "DELIVERED".equals(n.get("state").asText()));

        assertThat(delivered.at("/receipt/disposition").asText()).isEqualTo("DUPLICATE");
        assertThat(outboxEntries(id)).isZero();
    }

    @Test
    void flagsANoticeUndeliveredAfterTheProfilesAttemptsOnceAndKeepsTrying() {
        String id = api().issue(Api.validNotice("overdue"));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        api().notice(id).get("history").findValuesAsText("kind").contains("DELIVERY_OVERDUE"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id).get("attempts").size() >= 3);

        JsonNode notice = api().notice(id);
        assertThat(notice.get("history").findValuesAsText("kind").stream().filter("DELIVERY_OVERDUE"::equals))
                .hasSize(1);
        assertThat(meters.counter("amanat.delivery.overdue", "partner", "overdue")
                        .count())
                .isGreaterThanOrEqualTo(1);
        assertThat(outboxEntries(id)).as("still due").isEqualTo(1);
    }

    @Test
    void deliversABacklogInIssueOrderOnceThePartnerIsBack() {
        CircuitBreaker breaker =
                camel.getRegistry().lookupByNameAndType(PartnerGuards.breakerName("backlog"), CircuitBreaker.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api().issue(Api.validNotice("backlog")));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);

        PARTNERS.stubFor(post(urlEqualTo("/backlog")).willReturn(receipt("backlog", "VALID")));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ids.stream()
                        .allMatch(id ->
                                "DELIVERED".equals(api().notice(id).get("state").asText())));
        List<Instant> deliveredAt = ids.stream()
                .map(id -> Instant.parse(api().notice(id).get("deliveredAt").asText()))
                .toList();
        assertThat(deliveredAt).isSorted();
    }

    @Test
    void administratorCanGiveUpOnANoticeExplicitlyAndOnRecord() {
        String id = api().issue(Api.validNotice("reset"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().notice(id).get("attempts").size() >= 1);

        var response = api().as("admin-2")
                .post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"platform ceased operating\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode notice = Api.json(response);
        assertThat(notice.get("state").asText()).isEqualTo("ABANDONED");
        assertThat(notice.get("history").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("admin-2") && detail.contains("platform ceased operating"));
        assertThat(outboxEntries(id)).isZero();
        var again = api().as("admin-2")
                .post("/api/v1/notices/" + id + "/abandonment", "application/json", "{\"reason\": \"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
    }

    private int calls(String path) {
        return PARTNERS.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private int attempts(String partnerId) {
        return jdbc.sql(
                        "select count(*) from delivery_attempt a join notice n on n.id = a.notice_id where n.partner_id = ?")
                .param(partnerId)
                .query(Integer.class)
                .single();
    }

    private int outboxEntries(String id) {
        return jdbc.sql("select count(*) from outbox where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private Api api() {
        return new Api(port);
    }

    private static ResponseDefinitionBuilder receipt(String partner, String mode) {
        return PartnerSimulator.receipt(partner, "EC", mode);
    }
}
