package org.amanat.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.amanat.AmanatApplication;
import org.amanat.Api;
import org.amanat.GatewayProcess;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes on one database, one of them paused past its leases. Node A, a JVM of its own, leases
 * notices and sends them to a partner that answers after 2 s; while they are in flight the test stops
 * A with SIGSTOP (as a long GC pause or a frozen VM would), so its 1 s leases run out unrenewed. Node B
 * takes the notices over and delivers them; then A is woken (SIGCONT) and its answers arrive. The
 * partner sees each notice at most twice, the ledger records each DELIVERED once, and the receipt it
 * keeps is never replaced by A's late one. Prints
 * {@code paused-node: notices=… delivered-twice=… overwritten-receipts=…}. On PostgreSQL when
 * AMANAT_TEST_PG_URL is set, else on an H2 database served over TCP to both JVMs.
 */
class PausedNodeIT {
    private static final int NOTICES = 8;
    private final WireMockServer partner = new WireMockServer(
            options().dynamicPort().extensions(new PartnerSimulator()).containerThreads(20));
    private Server h2;
    private GatewayProcess nodeA;
    private ConfigurableApplicationContext nodeB;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (nodeA != null) {
            signal("CONT");
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        partner.stop();
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void aNodePausedPastItsLeasesNeitherDeliversTwiceNorReplacesTheReceipt() throws Exception {
        partner.start();
        partner.stubFor(post(urlEqualTo("/paused"))
                .willReturn(PartnerSimulator.receipt("paused", "EC", "VALID").withFixedDelay(2000)));
        var gateway = new TestGateway()
                .partner("paused", "http://localhost:" + partner.port() + "/paused", AlgorithmProfile.EC, "NONE");
        Map<String, String> settings = new HashMap<>(gateway.properties());
        settings.putAll(
                TestDatabases.postgresConfigured()
                        ? TestDatabases.postgres()
                        : Map.of("spring.datasource.url", sharedH2()));
        settings.put("amanat.delivery.lease", "1s");
        settings.put("spring.jmx.enabled", "false");
        settings.put("amanat.delivery.node-id", "node-a");
        nodeA = GatewayProcess.start(settings, dir.resolve("node-a.log"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NOTICES; i++) {
            ids.add(nodeA.api().issue(Api.validNotice("paused")));
        }
        // A's first notices are with the partner, waiting for its answers: pause A now.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> sends().size() >= 4);
        signal("STOP");

        settings.put("amanat.delivery.node-id", "node-b");
        settings.put("server.port", "0");
        String[] arguments = settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        nodeB = new SpringApplicationBuilder(AmanatApplication.class).run(arguments);
        JdbcClient jdbc = nodeB.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(40)).until(() -> count(jdbc, "select count(*) from outbox") == 0);
        Map<String, byte[]> receiptsBeforeWaking = receipts(jdbc);

        signal("CONT");
        // A's answers arrive and are recorded (late); every send has ended in a recorded attempt.
        // generous: a resumed JVM on a busy machine (another test class runs beside this one) takes a while to catch up
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count(jdbc, "select count(*) from delivery_attempt where node_id = 'node-a'") > 0
                        && count(jdbc, "select count(*) from delivery_attempt")
                                == sends().values().stream().mapToLong(n -> n).sum());

        Map<String, byte[]> receipts = receipts(jdbc);
        long overwritten = ids.stream()
                .filter(id -> !Arrays.equals(receipts.get(id), receiptsBeforeWaking.get(id)))
                .count();
        long deliveredTwice = count(jdbc, """
                select count(*) from (select notice_id from delivery_attempt where outcome = 'DELIVERED'
                group by notice_id having count(*) > 1) twice""");
        long late = count(jdbc, "select count(*) from delivery_attempt where outcome = 'LATE'");
        System.out.printf(
                "paused-node: notices=%d sends=%d late-attempts=%d delivered-twice=%d overwritten-receipts=%d%n",
                NOTICES, sends().values().stream().mapToLong(n -> n).sum(), late, deliveredTwice, overwritten);
        assertThat(deliveredTwice).isZero();
        assertThat(overwritten).isZero();
        assertThat(sends().keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sends().values()).as("sends per notice").allMatch(n -> n <= 2);
        assertThat(late).as("A's answers came after its leases were lost").isPositive();
        for (String id : ids) {
            assertThat(jdbc.sql("select state from notice where id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("DELIVERED");
            // The kept receipt is that of the one DELIVERED attempt, node B's.
            assertThat(jdbc.sql(
                                    "select receipt_der from delivery_attempt where notice_id = ? and outcome = 'DELIVERED'")
                            .param(id)
                            .query(byte[].class)
                            .single())
                    .isEqualTo(receipts.get(id));
        }
    }

    private String sharedH2() throws Exception {
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:paused;DB_CLOSE_DELAY=-1";
    }

    private void signal(String signal) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(nodeA.pid()))
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
    }

    private Map<String, Long> sends() {
        return partner.findAll(postRequestedFor(urlEqualTo("/paused"))).stream()
                .collect(
                        Collectors.groupingBy(request -> request.getHeader("Amanat-Notice-Id"), Collectors.counting()));
    }

    private static Map<String, byte[]> receipts(JdbcClient jdbc) {
        Map<String, byte[]> receipts = new HashMap<>();
        jdbc.sql("select id, receipt_der from notice")
                .query((rs, row) -> receipts.put(rs.getString(1), rs.getBytes(2)))
                .list();
        return receipts;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
