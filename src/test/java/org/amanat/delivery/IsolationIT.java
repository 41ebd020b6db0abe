package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One stalled partner must not hold up the others: the healthy partners' p95 from 201 to DELIVERED
 * with one partner stalled stays within 2x of its value with all partners healthy. Each partner is
 * its own WireMock server, so the stall ties up only the gateway's side. Prints its figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IsolationIT {
    private static final int NOTICES_PER_PHASE = 40;
    static final Map<String, WireMockServer> PARTNERS = Map.of(
            "fast1", new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator())),
            "fast2", new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator())),
            "slow",
                    new WireMockServer(options()
                            .dynamicPort()
                            .extensions(new PartnerSimulator())
                            .containerThreads(40)));
    static final TestGateway GATEWAY = new TestGateway();

    static {
        PARTNERS.forEach((id, server) -> {
            server.start();
            server.stubFor(post(urlEqualTo("/" + id)).willReturn(receipt(id)));
            GATEWAY.partner(
                    id,
                    "http://localhost:" + server.port() + "/" + id,
                    AlgorithmProfile.EC,
                    "NONE",
                    "resilience: {timeLimit: 2s}\n");
        });
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void aStalledPartnerDoesNotSlowTheOthers() {
        p95OfFastPartners(false); // warm-up (first connections, JIT), not measured
        long healthy = p95OfFastPartners(false);

        PARTNERS.get("slow")
                .stubFor(post(urlEqualTo("/slow")).willReturn(receipt("slow").withFixedDelay(20_000)));
        long stalled = p95OfFastPartners(true);

        System.out.printf(
                "isolation: healthy partners' p95 from 201 to DELIVERED: all healthy=%d ms, one partner stalled=%d ms (x%.2f)%n",
                healthy, stalled, (double) stalled / healthy);
        assertThat(stalled).isLessThanOrEqualTo(2 * healthy);
    }

    /** Issues notices to all three partners, paced, and measures the two fast ones. */
    private long p95OfFastPartners(boolean slowStalled) {
        Api api = new Api(port);
        List<String> fast = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < NOTICES_PER_PHASE; i++) {
            slow.add(api.issue(Api.validNotice("slow")));
            fast.add(api.issue(Api.validNotice(i % 2 == 0 ? "fast1" : "fast2")));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fast.stream()
                        .allMatch(id ->
                                "DELIVERED".equals(api.notice(id).get("state").asText())));
        if (slowStalled) {
            JsonNode attempts = await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.notice(slow.get(0)).get("attempts"), recorded -> !recorded.isEmpty());
            assertThat(attempts)
                    .as("the slow partner really was stalled")
                    .allSatisfy(attempt ->
                            assertThat(attempt.get("reason").asText()).startsWith("timed out"));
        }
        List<Long> latencies = fast.stream()
                .map(api::notice)
                .map(IsolationIT::latencyMillis)
                .sorted()
                .toList();
        return latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
    }

    private static long latencyMillis(JsonNode notice) {
        return Duration.between(
                        Instant.parse(notice.get("issuedAt").asText()),
                        Instant.parse(notice.get("deliveredAt").asText()))
                .toMillis();
    }

    private static ResponseDefinitionBuilder receipt(String partner) {
        return PartnerSimulator.receipt(partner, "EC", "VALID");
    }
}
