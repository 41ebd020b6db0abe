package org.amanat.status;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amanat.Api;
import org.amanat.PartnerSimulator;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.HostileDer;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.Notice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A load test, not a timed assertion: 200 bodies nested 250,000 levels deep (just under the 1 MiB
 * limit) are posted to the partner endpoint by 8 clients while a genuine partner keeps sending
 * status updates. Each hostile body must be refused as MALFORMED with one security event and one
 * log line; the genuine updates' latency is printed (target p99 under 1 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HostileLoadIT {
    private static final int HOSTILE = 200;
    private static final int MIN_GENUINE = 20;
    private static final WireMockServer PARTNERS =
            new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
    private static final TestGateway GATEWAY;

    static {
        PARTNERS.start();
        GATEWAY = new TestGateway()
                .partner("chirp", "http://localhost:" + PARTNERS.port() + "/chirp", AlgorithmProfile.EC, "NONE");
        PARTNERS.stubFor(post(urlEqualTo("/chirp")).willReturn(PartnerSimulator.receipt("chirp", "EC", "VALID")));
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void nestedBodiesAreRefusedCheaplyWhileAGenuinePartnerIsServed(CapturedOutput output) throws Exception {
        Api api = new Api(port);
        String id = api.issue(Api.validNotice("chirp"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.notice(id).get("state").asText(), "DELIVERED"::equals);
        byte[] nested = HostileDer.nestedIndefinite(250_000);
        URI status = URI.create("http://localhost:" + port + "/partner/v1/status");
        HttpClient http = HttpClient.newHttpClient();
        StatusSender sender = sender(status);
        List<Long> quietMillis = new ArrayList<>();
        for (int i = 0; i < MIN_GENUINE; i++) {
            quietMillis.add(timed(sender, id));
        }
        ExecutorService hostile = Executors.newFixedThreadPool(8);
        long hostileStart = System.nanoTime();

        List<Future<Integer>> refusals = new ArrayList<>();
        for (int i = 0; i < HOSTILE; i++) {
            refusals.add(hostile.submit(() -> http.send(
                            HttpRequest.newBuilder(status)
                                    .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                    .header(HttpWire.PARTNER_HEADER, "chirp")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(nested))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode()));
        }
        hostile.shutdown();
        List<Long> genuineMillis = new ArrayList<>();
        while (!hostile.isTerminated() || genuineMillis.size() < MIN_GENUINE) {
            genuineMillis.add(timed(sender, id));
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> refusal : refusals) {
            codes.add(refusal.get(60, TimeUnit.SECONDS));
        }
        long hostileMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - hostileStart);
        long events = jdbc.sql(
                        "select count(*) from security_event where kind = 'MALFORMED' and detail like '%nested deeper than 32%'")
                .query(Long.class)
                .single();
        List<Long> sorted = genuineMillis.stream().sorted().toList();
        List<Long> quiet = quietMillis.stream().sorted().toList();
        System.out.printf(
                "hostile-load: nested=%d security-events=%d genuine=%d p99=%d ms (p50=%d ms; without the hostile load"
                        + " p99=%d ms, p50=%d ms; the %d hostile posts took %d ms)%n",
                HOSTILE,
                events,
                sorted.size(),
                p99(sorted),
                sorted.get(sorted.size() / 2),
                p99(quiet),
                quiet.get(quiet.size() / 2),
                HOSTILE,
                hostileMillis);

        assertThat(codes).hasSize(HOSTILE).containsOnly(400);
        assertThat(events).isEqualTo(HOSTILE);
        assertThat(output.getAll()
                        .lines()
                        .filter(line -> line.contains("refused status update from chirp (MALFORMED)")))
                .hasSize(HOSTILE);
        assertThat(output.getAll()).doesNotContain("StackOverflowError").doesNotContain("at org.bouncycastle");
    }

    private static long timed(StatusSender sender, String noticeId) throws Exception {
        long start = System.nanoTime();
        sender.send(new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                noticeId,
                Instant.now(),
                Status.NEEDS_CLARIFICATION,
                List.of(),
                "which video is meant?"));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long p99(List<Long> sorted) {
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }

    private static StatusSender sender(URI status) {
        var kit = new PartnerKit(
                "chirp",
                TestPki.partner(KeyType.EC_P256).signing(),
                TestPki.partner(KeyType.EC_P256).encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        return new StatusSender(
                kit, TestPki.ministry(KeyType.EC_P256).encryption().certificate(), status, null);
    }
}
