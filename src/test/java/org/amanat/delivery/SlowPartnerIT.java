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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.amanat.AmanatApplication;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestGateway;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One healthy node, a partner slower than the lease: a WireMock partner answering each notice after
 * 1.5 s, a 1 s lease, a bulkhead of 4. Every notice is sent once: the node leases no more than the
 * bulkhead can take, and keeps the leases of the notices in flight renewed. Prints
 * {@code slow-partner: notices=… sends=… delivered-twice=…}.
 */
class SlowPartnerIT {
    private static final int NOTICES = 12;
    private static final int PARTNER_DELAY_MS = 1500;
    private final WireMockServer partner = new WireMockServer(
            options().dynamicPort().extensions(new PartnerSimulator()).containerThreads(20));
    private ConfigurableApplicationContext node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        partner.stop();
    }

    @Test
    void aPartnerSlowerThanTheLeaseGetsEveryNoticeOnce() {
        partner.start();
        partner.stubFor(post(urlEqualTo("/slow"))
                .willReturn(PartnerSimulator.receipt("slow", "EC", "VALID").withFixedDelay(PARTNER_DELAY_MS)));
        var gateway = new TestGateway()
                .partner("slow", "http://localhost:" + partner.port() + "/slow", AlgorithmProfile.EC, "NONE");
        List<String> arguments = gateway.properties().entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.toCollection(ArrayList::new));
        arguments.addAll(List.of(
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--amanat.delivery.lease=1s",
                "--server.port=0",
                "--spring.jmx.enabled=false"));
        node = new SpringApplicationBuilder(AmanatApplication.class).run(arguments.toArray(String[]::new));
        Api api = new Api(((WebServerApplicationContext) node).getWebServer().getPort());
        JdbcClient jdbc = node.getBean(JdbcClient.class);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NOTICES; i++) {
            ids.add(api.issue(Api.validNotice("slow")));
        }

        Outbox outbox = node.getBean(Outbox.class);
        await().atMost(Duration.ofSeconds(40)).until(() -> outbox.pending() == 0);
        // Every send that reached the partner has ended in a recorded attempt: nothing more is on its way.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> attempts(jdbc)
                        == sends().values().stream().mapToLong(n -> n).sum());
        Map<String, Long> sends = sends();
        long total = sends.values().stream().mapToLong(n -> n).sum();
        long deliveredTwice = jdbc.sql("""
                select count(*) from (select notice_id from delivery_attempt where outcome = 'DELIVERED'
                group by notice_id having count(*) > 1) twice""").query(Long.class).single();
        System.out.printf("slow-partner: notices=%d sends=%d delivered-twice=%d%n", NOTICES, total, deliveredTwice);
        assertThat(sends.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sends.values()).as("sends per notice").allMatch(n -> n == 1);
        assertThat(total).isEqualTo(NOTICES);
        assertThat(deliveredTwice).isZero();
        ids.forEach(id -> assertThat(api.notice(id).get("state").asText()).isEqualTo("DELIVERED"));
    }

    private Map<String, Long> sends() {
        return partner.findAll(postRequestedFor(urlEqualTo("/slow"))).stream()
                .collect(
                        Collectors.groupingBy(request -> request.getHeader("Amanat-Notice-Id"), Collectors.counting()));
    }

    private static long attempts(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from delivery_attempt")
                .query(Long.class)
                .single();
    }
}
