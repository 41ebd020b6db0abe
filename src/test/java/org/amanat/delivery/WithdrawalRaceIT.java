package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Withdrawal and abandonment racing delivery. Each trial issues a notice through the real API and at
 * once withdraws (or abandons) it, while the delivery route polls every 20 ms and the partner kit's
 * receiver answers with real signed receipts. What the partner received is the judge: a notice the
 * gateway answered "withdrawn, never sent" or ABANDONED must never reach it, and that final state must
 * stay whatever comes back later. Prints {@code withdraw-race: …} and {@code abandon-race: …}, each
 * ending in {@code delivered-after-final=…}. On PostgreSQL when AMANAT_TEST_PG_URL is set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithdrawalRaceIT {
    private static final int TRIALS = 200;
    private static final int WORKERS = 4;
    private static final String PARTNER = "racer";
    static final Set<String> RECEIVED = ConcurrentHashMap.newKeySet();
    static final ReferenceReceiver RECEIVER;
    static final TestGateway GATEWAY;

    static {
        var partner = TestPki.partner(KeyType.EC_P256);
        var kit = new PartnerKit(
                PARTNER,
                partner.signing(),
                partner.encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        try {
            RECEIVER = new ReferenceReceiver(
                            kit, opened -> RECEIVED.add(opened.notice().noticeId()))
                    .start(new InetSocketAddress("127.0.0.1", 0), "/notices", null, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GATEWAY = new TestGateway()
                .partner(PARTNER, "http://127.0.0.1:" + RECEIVER.port() + "/notices", AlgorithmProfile.EC, "NONE");
    }

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        var properties = GATEWAY.properties();
        // A lease soon after each notice is issued, so that the withdrawal often meets an attempt under way.
        properties.put("amanat.delivery.poll-interval", "20");
        properties.forEach((name, value) -> registry.add(name, () -> value));
        if (TestDatabases.postgresConfigured()) {
            TestDatabases.postgres(registry);
        } else {
            TestDatabases.h2(registry);
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    /** The answer 200 says "withdrawn, never sent"; 201 says a WITHDRAWAL notice follows the notice. */
    @Test
    void aNoticeWithdrawnAsNeverSentNeverReachesThePartner() throws Exception {
        List<Trial> trials = run(id -> api().post(
                        "/api/v1/notices/" + id + "/withdrawal",
                        "application/json",
                        "{\"reason\": \"Court order lifted\"}"));

        List<Trial> neverSent = trials.stream().filter(t -> t.status() == 200).toList();
        List<Trial> followed = trials.stream().filter(t -> t.status() == 201).toList();
        long deliveredAfterFinal =
                neverSent.stream().filter(t -> RECEIVED.contains(t.id())).count();
        long overwritten =
                trials.stream().filter(t -> !"WITHDRAWN".equals(state(t.id()))).count();
        System.out.printf(
                "withdraw-race: trials=%d never-sent=%d withdrawal-sent=%d final-overwritten=%d delivered-after-final=%d%n",
                trials.size(), neverSent.size(), followed.size(), overwritten, deliveredAfterFinal);

        assertThat(neverSent.size() + followed.size())
                .as("each answer 200 or 201")
                .isEqualTo(TRIALS);
        assertThat(deliveredAfterFinal)
                .as("notices answered 'never sent' that the partner received")
                .isZero();
        assertThat(overwritten)
                .as("withdrawn notices whose state changed later")
                .isZero();
        assertThat(followed).allSatisfy(t -> {
            assertThat(RECEIVED)
                    .as("the WITHDRAWAL of a notice the partner may have")
                    .contains(t.withdrawalId());
            assertThat(state(t.withdrawalId())).isEqualTo("DELIVERED");
        });
    }

    /** The answer 200 says ABANDONED, never sent; 409 says it was delivered first. */
    @Test
    void aNoticeAbandonedNeverReachesThePartner() throws Exception {
        List<Trial> trials = run(id -> api().as("admin-2")
                .post(
                        "/api/v1/notices/" + id + "/abandonment",
                        "application/json",
                        "{\"reason\": \"platform ceased operating\"}"));

        List<Trial> abandoned = trials.stream().filter(t -> t.status() == 200).toList();
        List<Trial> delivered = trials.stream().filter(t -> t.status() == 409).toList();
        long deliveredAfterFinal =
                abandoned.stream().filter(t -> RECEIVED.contains(t.id())).count();
        long overwritten = abandoned.stream()
                .filter(t -> !"ABANDONED".equals(state(t.id())))
                .count();
        System.out.printf(
                "abandon-race: trials=%d abandoned=%d delivered-first=%d final-overwritten=%d delivered-after-final=%d%n",
                trials.size(), abandoned.size(), delivered.size(), overwritten, deliveredAfterFinal);

        assertThat(abandoned.size() + delivered.size())
                .as("each answer 200 or 409")
                .isEqualTo(TRIALS);
        assertThat(deliveredAfterFinal)
                .as("notices answered ABANDONED that the partner received")
                .isZero();
        assertThat(overwritten)
                .as("abandoned notices whose state changed later")
                .isZero();
        assertThat(delivered).allSatisfy(t -> {
            assertThat(RECEIVED).contains(t.id());
            assertThat(state(t.id())).isEqualTo("DELIVERED");
        });
    }

    /**
     * Issues and at once ends {@value #TRIALS} notices, {@value #WORKERS} at a time; an answer that an
     * attempt is under way is asked again. Returns once nothing is left to send and nothing more arrives.
     */
    private List<Trial> run(Function<String, HttpResponse<String>> end) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        List<Future<Trial>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < TRIALS; i++) {
                futures.add(workers.submit(() -> {
                    String id = api().issue(Api.validNotice(PARTNER));
                    HttpResponse<String> answer = end.apply(id);
                    while (answer.statusCode() == 409
                            && Api.json(answer).get("type").asText().endsWith("delivery-under-way")) {
                        answer = end.apply(id);
                    }
                    JsonNode body = Api.json(answer);
                    return new Trial(
                            id,
                            answer.statusCode(),
                            answer.statusCode() == 201 ? body.get("id").asText() : null);
                }));
            }
            List<Trial> trials = new ArrayList<>();
            for (Future<Trial> future : futures) {
                trials.add(future.get());
            }
            await().atMost(Duration.ofSeconds(30))
                    .during(Duration.ofMillis(500))
                    .until(() -> pending() == 0);
            return trials;
        } finally {
            workers.shutdownNow();
        }
    }

    private record Trial(String id, int status, String withdrawalId) {}

    private int pending() {
        return jdbc.sql("select count(*) from outbox").query(Integer.class).single();
    }

    private String state(String id) {
        return jdbc.sql("select state from notice where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private Api api() {
        return new Api(port);
    }
}
