package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.amanat.AmanatApplication;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two gateway nodes (two application contexts) on one database share the outbox: 500 notices to one
 * WireMock partner are each delivered exactly once, and the test prints how the work was split. On
 * PostgreSQL when AMANAT_TEST_PG_URL is set, else on one shared H2 database.
 */
class TwoNodesIT {
    private static final int NOTICES = 500;
    private final WireMockServer partner = new WireMockServer(
            options().dynamicPort().extensions(new PartnerSimulator()).containerThreads(40));
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        partner.stop();
    }

    @Test
    void twoNodesDeliverEachNoticeExactlyOnce() {
        partner.start();
        partner.stubFor(post(urlEqualTo("/tube")).willReturn(PartnerSimulator.receipt("tube", "EC", "VALID")));
        var gateway = new TestGateway()
                .partner("tube", "http://localhost:" + partner.port() + "/tube", AlgorithmProfile.EC, "NONE");
        Map<String, String> settings = new HashMap<>(gateway.properties());
        settings.putAll(
                TestDatabases.postgresConfigured()
                        ? TestDatabases.postgres()
                        : Map.of("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        Api a = start("node-a", settings);
        Api b = start("node-b", settings);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NOTICES; i++) {
            ids.add((i % 2 == 0 ? a : b).issue(Api.validNotice("tube")));
        }

        Outbox outbox = nodes.get(0).getBean(Outbox.class);
        await().atMost(Duration.ofMinutes(2)).until(() -> outbox.pending() == 0);
        Map<String, Long> sendsPerNotice = partner.findAll(postRequestedFor(urlEqualTo("/tube"))).stream()
                .collect(
                        Collectors.groupingBy(request -> request.getHeader("Amanat-Notice-Id"), Collectors.counting()));
        Map<String, Integer> split = outbox.deliveredByNode();
        System.out.printf(
                "two-nodes: %d notices, delivered by node-a=%d node-b=%d, sends=%d%n",
                NOTICES,
                split.getOrDefault("node-a", 0),
                split.getOrDefault("node-b", 0),
                sendsPerNotice.values().stream().mapToLong(n -> n).sum());
        assertThat(sendsPerNotice.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sendsPerNotice.values()).allMatch(sends -> sends == 1);
        assertThat(split.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(NOTICES);
        assertThat(split.keySet()).containsExactlyInAnyOrder("node-a", "node-b");
        ids.forEach(id -> assertThat(a.notice(id).get("state").asText()).isEqualTo("DELIVERED"));
    }

    private Api start(String nodeId, Map<String, String> settings) {
        List<String> arguments = settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.toCollection(ArrayList::new));
        arguments.addAll(
                List.of("--server.port=0", "--amanat.delivery.node-id=" + nodeId, "--spring.jmx.enabled=false"));
        ConfigurableApplicationContext node =
                new SpringApplicationBuilder(AmanatApplication.class).run(arguments.toArray(String[]::new));
        nodes.add(node);
        return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
    }
}
