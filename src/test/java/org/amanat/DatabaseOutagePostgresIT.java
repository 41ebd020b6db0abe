package org.amanat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.Notice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database cut away mid-stream: a {@link TcpProxy} between the gateway and PostgreSQL, closed and reopened
 * while notices are issued, so no other test's database is touched. Every 201 answered must be in the ledger
 * with its outbox entry and ISSUED event, answers during the outage are 503 problem+json with Retry-After,
 * health says DOWN during and UP after, and delivery resumes without a restart.
 */
@EnabledIfEnvironmentVariable(
        named = TestDatabases.PG_URL_VARIABLE,
        matches = ".+",
        disabledReason =
                "set AMANAT_TEST_PG_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run on PostgreSQL")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutagePostgresIT {
    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:?]+)(?::(\\d+))?");
    private static final String PARTNER = "chirp";
    private static final CapturedLog LOG = new CapturedLog();

    private static WireMockServer partners;
    private static TcpProxy database;

    record Answer(int status, String id, HttpResponse<String> response, boolean afterRecovery) {}

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        partners = new WireMockServer(options().dynamicPort().extensions(new PartnerSimulator()));
        partners.start();
        partners.stubFor(post(urlEqualTo("/" + PARTNER)).willReturn(PartnerSimulator.receipt(PARTNER, "EC", "VALID")));
        new TestGateway()
                .partner(PARTNER, "http://localhost:" + partners.port() + "/" + PARTNER, AlgorithmProfile.EC, "NONE")
                .register(registry);
        Map<String, String> postgres = TestDatabases.postgres();
        String url = postgres.get("spring.datasource.url");
        Matcher server = HOST_AND_PORT.matcher(url);
        assertThat(server.find()).as("host in %s", url).isTrue();
        database = new TcpProxy(server.group(1), server.group(2) == null ? 5432 : Integer.parseInt(server.group(2)));
        postgres.forEach((name, value) -> registry.add(name, () -> value));
        String throughProxy = server.replaceFirst("//127.0.0.1:" + database.port());
        registry.add("spring.datasource.url", () -> throughProxy);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        database.close();
        partners.stop();
    }

    @Test
    void losesNothingAnswers503DuringTheOutageAndRecoversWithoutARestart() throws Exception {
        // attached once the context is up: Spring Boot resets Logback while it starts
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        LOG.start();
        Api api = new Api(port);
        List<Answer> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean recovered = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService officers = Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "officer");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < 2; i++) {
            officers.submit(() -> {
                while (!stop.get()) {
                    boolean after = recovered.get();
                    HttpResponse<String> response = api.postNotice(Api.validNotice(PARTNER));
                    String id = response.statusCode() == 201
                            ? Api.json(response).get("id").asText()
                            : null;
                    answers.add(new Answer(response.statusCode(), id, response, after));
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> count(answers, 201) >= 10);
            // a cold gateway's first exchanges may run past the time limit and be tried again: any delivered notice
            // will do
            String delivered = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> jdbc.sql("select id from notice where state = 'DELIVERED' order by id limit 1")
                                    .query(String.class)
                                    .optional(),
                            Optional::isPresent)
                    .get();
            byte[] rejection = rejection(delivered);

            database.close();
            int cutAt = answers.size();
            await().atMost(Duration.ofSeconds(15)).until(() -> count(answers.subList(cutAt, answers.size()), 503) >= 4);
            HttpResponse<String> downHealth = api.get("/actuator/health");
            assertThat(downHealth.statusCode()).isEqualTo(503);
            assertThat(Api.json(downHealth).at("/components/db/status").asText())
                    .isEqualTo("DOWN");
            HttpResponse<String> statusDuring = postStatus(rejection);
            assertThat(statusDuring.statusCode()).as(statusDuring.body()).isEqualTo(503);
            assertThat(statusDuring.headers().firstValue("Retry-After")).hasValue(String.valueOf(5));
            assertThat(statusDuring.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            database.reopen();
            recovered.set(true);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/actuator/health").statusCode() == 200);
            assertThat(Api.json(api.get("/actuator/health"))
                            .at("/components/db/status")
                            .asText())
                    .isEqualTo("UP");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> answers.stream()
                                    .filter(a -> a.afterRecovery() && a.status() == 201)
                                    .count()
                            >= 10);
            assertThat(postStatus(rejection).statusCode())
                    .as("the same update, sent again once the database is back")
                    .isEqualTo(200);
            assertThat(api.notice(delivered).get("state").asText()).isEqualTo("REJECTED");
        } finally {
            stop.set(true);
            officers.shutdown();
        }
        assertThat(officers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<Answer> unavailable =
                answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(answers)
                .as("every answer is 201 or 503")
                .allSatisfy(a -> assertThat(a.status()).isIn(201, 503));
        assertThat(unavailable).allSatisfy(a -> {
            assertThat(a.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(a.response().headers().firstValue("Retry-After"))
                    .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 30));
            JsonNode problem = Api.json(a.response());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("errors")).isNotEmpty();
            assertThat(a.response().body()).doesNotContain("Exception", "org.", "java.");
        });

        List<String> issued =
                answers.stream().filter(a -> a.status() == 201).map(Answer::id).toList();
        List<String> lost = new ArrayList<>();
        for (String id : issued) {
            boolean whole = jdbc.sql("select count(*) from notice where id = ?")
                                    .param(id)
                                    .query(Long.class)
                                    .single()
                            == 1
                    && jdbc.sql("select count(*) from notice_event where notice_id = ? and kind = 'ISSUED'")
                                    .param(id)
                                    .query(Long.class)
                                    .single()
                            == 1;
            if (!whole) {
                lost.add(id);
            }
        }
        long halfWritten = jdbc.sql("""
                select count(*) from notice n
                where not exists (select 1 from notice_event e where e.notice_id = n.id and e.kind = 'ISSUED')
                   or (n.delivered_at is null and not exists (select 1 from outbox o where o.notice_id = n.id))""").query(Long.class).single();
        long stored = jdbc.sql("select count(*) from notice").query(Long.class).single();
        List<String> afterRecovery = answers.stream()
                .filter(a -> a.afterRecovery() && a.status() == 201)
                .map(Answer::id)
                .toList();
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(afterRecovery)
                        .allSatisfy(id ->
                                assertThat(api.notice(id).get("state").asText()).isEqualTo("DELIVERED")));

        System.out.printf(
                "database-outage: issued=%d answered201=%d answered503=%d stored=%d lost=%d half-written=%d"
                        + " delivered-after-recovery=%d%n",
                answers.size(),
                issued.size(),
                unavailable.size(),
                stored,
                lost.size(),
                halfWritten,
                afterRecovery.size());
        assertThat(lost).as("answered 201 but not in the ledger").isEmpty();
        assertThat(halfWritten)
                .as("notices without their ISSUED event or outbox entry")
                .isZero();
        assertThat(stored)
                .as("at most the 201s and the answers whose commit may have landed")
                .isBetween((long) issued.size(), (long) answers.size());
        assertThat(LOG.events())
                .as("no exception with a null pointer anywhere")
                .noneMatch(e -> causes(e.getThrowableProxy()).contains("java.lang.NullPointerException"));
        assertThat(jdbc.sql("select reason from delivery_attempt where reason is not null")
                        .query(String.class)
                        .list())
                .as("the partner was up all along: the database's refused connections are not blamed on it")
                .noneMatch(reason -> reason.startsWith("cannot connect"));
        List<ILoggingEvent> delivery = LOG.events().stream()
                .filter(e -> e.getLoggerName().startsWith("org.amanat.delivery")
                        && e.getLevel().isGreaterOrEqual(Level.WARN)
                        && e.getThrowableProxy() != null)
                .toList();
        assertThat(delivery).as("no stack trace from the delivery loop").isEmpty();
        assertThat(LOG.events())
                .as("no delivery route's exchange fails, not even an attempt cut short")
                .noneMatch(e -> e.getThreadName().contains("deliver-")
                        && e.getLoggerName().startsWith("org.apache.camel")
                        && e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(LOG.messages("database unavailable"))
                .as("one line when the outage starts")
                .hasSize(1);
        assertThat(LOG.messages("database answers again"))
                .as("one line when it ends")
                .hasSize(1);
    }

    /** A genuine status update from the partner, sealed now and posted later. */
    private static byte[] rejection(String noticeId) {
        var kit = new PartnerKit(
                PARTNER,
                TestPki.partner(KeyType.EC_P256).signing(),
                TestPki.partner(KeyType.EC_P256).encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        var update = new StatusUpdate(
                Notice.PROTOCOL,
                UUID.randomUUID().toString(),
                noticeId,
                Instant.now(),
                Status.REJECTED,
                List.of(),
                "lawful under our policy 4.2");
        return kit.sealStatus(
                update, TestPki.ministry(KeyType.EC_P256).encryption().certificate());
    }

    private HttpResponse<String> postStatus(byte[] body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/partner/v1/status"))
                                .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                                .header(HttpWire.PARTNER_HEADER, PARTNER)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static long count(List<Answer> answers, int status) {
        return answers.stream().filter(a -> a.status() == status).count();
    }

    private static String causes(IThrowableProxy thrown) {
        StringBuilder names = new StringBuilder();
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            names.append(t.getClassName()).append(' ');
        }
        return names.toString();
    }

    /** Every log event of the run, to count the lines the outage makes. */
    static final class CapturedLog extends AppenderBase<ILoggingEvent> {
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }

        List<ILoggingEvent> events() {
            return events;
        }

        List<String> messages(String containing) {
            return events.stream()
                    .filter(e -> e.getLoggerName().equals("org.amanat.delivery.DueDeliveries"))
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(containing))
                    .toList();
        }
    }
}
