package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amanat.Api;
import org.amanat.TestClock;
import org.amanat.TestGateway;
import org.amanat.ledger.IdempotencyKey;
import org.amanat.ledger.IdempotencyKeyTakenException;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
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
 * {@code Idempotency-Key} on {@code POST /api/v1/notices}: a retry gets the first notice, another request under the same
 * key is refused, keys are per person and expire (judged with the gateway's clock, which the test moves), and many
 * requests racing with one key make one notice. Delivery is off: this is about what is stored.
 */
@Import(AbstractIdempotencyKeyIT.Time.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"amanat.delivery.enabled=false", "amanat.api.idempotency-key-lifetime=24h"})
abstract class AbstractIdempotencyKeyIT {
    static final TestClock CLOCK = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");

    /** Not a @Configuration, so that no other gateway in the test run finds it by component scanning. */
    static class Time {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NoticeLedger ledger;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstNotice() {
        String key = newKey();
        long before = notices();

        HttpResponse<String> first = api().postNotice(Api.validNotice("tube"), key);
        HttpResponse<String> retry = api().postNotice(Api.validNotice("tube"), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        String id = Api.json(first).get("id").asText();
        assertThat(Api.json(retry).get("id").asText()).isEqualTo(id);
        assertThat(retry.headers().firstValue("Location")).hasValue("/api/v1/notices/" + id);
        assertThat(notices()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select notice_id from idempotency_key where idem_key = ?")
                        .param(key)
                        .query(String.class)
                        .single())
                .isEqualTo(id);
    }

    @Test
    void theDraftsQuotedFormNamesTheSameKey() {
        String key = newKey();

        String id = Api.json(api().postNotice(Api.validNotice("tube"), key))
                .get("id")
                .asText();
        HttpResponse<String> quoted = api().postNotice(Api.validNotice("tube"), "\"" + key + "\"");

        assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(200);
        assertThat(Api.json(quoted).get("id").asText()).isEqualTo(id);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String key = newKey();
        api().postNotice(Api.validNotice("tube"), key);
        long before = notices();

        HttpResponse<String> other = api().postNotice(Api.validNotice("tube").put("urgency", "STANDARD"), key);

        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(notices()).isEqualTo(before);
    }

    @Test
    void keysArePerPerson() {
        String key = newKey();
        String mine = Api.json(api().postNotice(Api.validNotice("tube"), key))
                .get("id")
                .asText();

        HttpResponse<String> theirs = api().as(Api.OTHER_OFFICER).postNotice(Api.validNotice("tube"), key);

        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(201);
        assertThat(Api.json(theirs).get("id").asText()).isNotEqualTo(mine);
    }

    @Test
    void aKeyExpiresAfterItsLifetime() {
        String key = newKey();
        String first = Api.json(api().postNotice(Api.validNotice("tube"), key))
                .get("id")
                .asText();
        CLOCK.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(Api.json(api().postNotice(Api.validNotice("tube"), key))
                        .get("id")
                        .asText())
                .as("still honoured a second before it expires")
                .isEqualTo(first);

        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> later = api().postNotice(Api.validNotice("tube"), key);

        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        String second = Api.json(later).get("id").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("select notice_id from idempotency_key where idem_key = ?")
                        .param(key)
                        .query(String.class)
                        .list())
                .as("the expired row was replaced")
                .containsExactly(second);
    }

    @Test
    void refusesMalformedKeysAndStoresNothing() {
        long before = notices();

        assertProblem(
                api().postNotice(Api.validNotice("tube"), "x".repeat(IdempotencyKeyHeader.MAX_LENGTH + 1)),
                400,
                "invalid-idempotency-key");
        assertProblem(api().postNotice(Api.validNotice("tube"), "two words"), 400, "invalid-idempotency-key");
        assertProblem(api().postNotice(Api.validNotice("tube"), "\"\""), 400, "invalid-idempotency-key");
        assertProblem(api().postNotice(Api.validNotice("tube"), "a,b"), 400, "invalid-idempotency-key");
        assertProblem(api().postNotice(Api.validNotice("tube"), "caf\u00e9"), 400, "invalid-idempotency-key");
        HttpResponse<String> twice = api().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notices"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", "one")
                                .header("Idempotency-Key", "two")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        Api.validNotice("tube").toString())));
        assertProblem(twice, 400, "invalid-idempotency-key");

        assertThat(notices()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from idempotency_key where idem_key in ('one', 'two', 'a', 'b')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anInvalidNoticeStoresNoKeySoTheCorrectedRequestCanUseIt() {
        String key = newKey();

        assertProblem(api().postNotice(Api.validNotice("nosuchplatform"), key), 422, "invalid-notice");
        HttpResponse<String> corrected = api().postNotice(Api.validNotice("tube"), key);

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    }

    /**
     * Many requests at once with one key: exactly one notice. Each answer is that notice (201 once, 200 for a request
     * that found it recorded) or 409 for one that came while the first was still being handled.
     */
    @Test
    void manyRequestsRacingWithOneKeyMakeOneNotice() throws Exception {
        int threads = 16;
        String key = newKey();
        long before = notices();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api().postNotice(Api.validNotice("tube"), key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                if (response.statusCode() == 409) {
                    assertProblem(response, 409, "idempotency-key-in-use");
                    continue;
                }
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                created += response.statusCode() == 201 ? 1 : 0;
                ids.add(Api.json(response).get("id").asText());
            }
            assertThat(created).as("answered 201").isEqualTo(1);
            assertThat(ids)
                    .as("every 2xx answer is the one notice")
                    .hasSizeGreaterThanOrEqualTo(1)
                    .containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(notices()).isEqualTo(before + 1);
        // after the race, a retry still gets that notice
        HttpResponse<String> retry = api().postNotice(Api.validNotice("tube"), key);
        assertThat(retry.statusCode()).isEqualTo(200);
    }

    /**
     * The guard between nodes, where no in-process check helps: many transactions at once record one key, each with its
     * own notice. The primary key lets one through; every other rolls back whole, its notice with it.
     */
    @Test
    void theLedgerLetsOneOfManyRacingTransactionsRecordAKey() throws Exception {
        int threads = 8;
        String key = newKey();
        long before = notices();
        Instant now = CLOCK.instant();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    NewNotice notice = new NewNotice(
                            UUID.randomUUID().toString(),
                            "tube",
                            NoticeType.TAKEDOWN,
                            Urgency.URGENT,
                            Category.FRAUD,
                            now,
                            now.plusSeconds(3600),
                            now.plusSeconds(7200),
                            "{}",
                            null,
                            null,
                            null,
                            Api.OFFICER,
                            null);
                    start.await();
                    try {
                        ledger.issue(
                                notice,
                                new IdempotencyKey(Api.OFFICER, key, "digest", now, now.plus(Duration.ofHours(24))));
                        return "recorded";
                    } catch (IdempotencyKeyTakenException taken) {
                        return "taken";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsOnlyOnce("recorded").containsOnly("recorded", "taken");
        } finally {
            pool.shutdownNow();
        }
        assertThat(notices()).isEqualTo(before + 1);
        assertThat(jdbc.sql(
                                "select count(*) from notice n join idempotency_key k on k.notice_id = n.id where k.idem_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private long notices() {
        return jdbc.sql("select count(*) from notice").query(Long.class).single();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:" + kind);
        if (!kind.equals("invalid-notice")) {
            assertThat(problem.get("errors").findValuesAsText("field")).containsExactly(IdempotencyKeyHeader.NAME);
        }
    }

    private Api api() {
        return new Api(port);
    }
}
