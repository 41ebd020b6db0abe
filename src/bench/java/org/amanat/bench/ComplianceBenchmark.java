package org.amanat.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amanat.AmanatApplication;
import org.amanat.TestClock;
import org.amanat.TestGateway;
import org.amanat.compliance.deadlines.DeadlineWatch;
import org.amanat.compliance.scorecard.Scorecard;
import org.amanat.compliance.scorecard.Scorecards;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.AlgorithmProfile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5's benchmark: on PostgreSQL with 1,000,000 notices, the time of one partner-month scorecard
 * and of one deadline scan (targets: under 1 s and under 100 ms). It prints figures; it asserts nothing.
 * The notices are made once, by SQL, in schema {@value #SCHEMA}, and kept for later runs.
 *
 * <p>Run: {@code mvn -Pcompliance-benchmark verify} (PostgreSQL at AMANAT_BENCH_PG_URL, by default
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres).
 */
public final class ComplianceBenchmark {
    static final String SCHEMA = "amanat_bench";
    static final int NOTICES = 1_000_000;
    static final List<String> PARTNERS = List.of("globaltube", "chirp", "pasarlokal");
    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-31T00:00:00Z"));
    private static final int WARM_UP = 5;
    private static final int RUNS = 20;

    /** The benchmark's clock; not a @Configuration, so component scanning never finds it. */
    static class Time {
        @Bean
        @Primary
        TestClock benchmarkClock() {
            return CLOCK;
        }
    }

    public static void main(String[] args) {
        String url = System.getenv()
                .getOrDefault("AMANAT_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        try (ConfigurableApplicationContext gateway = start(url)) {
            JdbcClient jdbc = gateway.getBean(JdbcClient.class);
            seed(jdbc);
            scorecard(gateway, jdbc);
            deadlineScan(gateway, jdbc, Duration.ofSeconds(10));
            deadlineScan(gateway, jdbc, Duration.ofHours(1));
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        TestGateway files = new TestGateway();
        PARTNERS.forEach(id -> files.partner(id, "http://127.0.0.1:9/" + id, AlgorithmProfile.EC, "NONE"));
        Map<String, String> properties = new HashMap<>(files.properties());
        properties.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        properties.put("spring.flyway.schemas", SCHEMA);
        properties.put("server.port", "0");
        properties.put("amanat.delivery.enabled", "false");
        properties.put("amanat.compliance.jobs-enabled", "false");
        properties.put("logging.level.root", "WARN");
        String[] arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AmanatApplication.class, Time.class).run(arguments);
    }

    /**
     * One notice every 30 s through 2026, round robin over three partners (about 29,000 per partner
     * and month); a quarter urgent; receipts 0 to 89 min after issue (a third late); reports 0 to 1,499
     * min after issue, none for one in twenty; one in twenty-five rejected.
     */
    private static void seed(JdbcClient jdbc) {
        long existing =
                jdbc.sql("select count(*) from notice").query(Long.class).single();
        if (existing == NOTICES) {
            System.out.printf("compliance-benchmark: reusing %,d notices in schema %s%n", existing, SCHEMA);
            return;
        }
        long started = System.nanoTime();
        for (String table : List.of(
                "breach",
                "deadline_scan",
                "status_item",
                "status_update",
                "notice_event",
                "delivery_attempt",
                "outbox",
                "security_event",
                "security_finding",
                "notice")) {
            jdbc.sql("delete from " + table).update();
        }
        jdbc.sql("""
                insert into notice (id, partner_id, type, urgency, category, state, issued_at, ack_deadline, action_deadline,
                    notice_json, delivered_at, responded_at, status_reason, receipt_signature_algorithm)
                select 'bench-' || g,
                    (array['globaltube', 'chirp', 'pasarlokal'])[1 + g % 3],
                    case when g % 10 = 0 then 'BLOCK' else 'TAKEDOWN' end,
                    case when g % 4 = 0 then 'URGENT' else 'STANDARD' end,
                    (array['GAMBLING', 'FRAUD', 'DISINFORMATION', 'OTHER'])[1 + g % 4],
                    case when g % 20 = 1 then 'DELIVERED' when g % 25 = 0 then 'REJECTED' else 'ACTIONED' end,
                    t, t + interval '1 hour', t + case when g % 4 = 0 then interval '4 hours' else interval '24 hours' end,
                    '{}', t + (g % 90) * interval '1 minute',
                    case when g % 20 = 1 then null else t + (g % 1500) * interval '1 minute' end,
                    case when g % 25 = 0 then 'lawful under local law' end,
                    'ECDSA-P256/SHA-256'
                from (select g, timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '30 seconds' as t
                      from generate_series(1, ?) g) s""").param(NOTICES).update();
        jdbc.sql("analyze notice").update();
        System.out.printf(
                "compliance-benchmark: seeded %,d notices in %.1f s%n", NOTICES, (System.nanoTime() - started) / 1e9);
    }

    private static void scorecard(ConfigurableApplicationContext gateway, JdbcClient jdbc) {
        Scorecards scorecards = gateway.getBean(Scorecards.class);
        var partner = gateway.getBean(PartnerDirectory.class).get("chirp");
        YearMonth month = YearMonth.of(2026, 6);
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Scorecard card = null;
        List<Double> millis = new ArrayList<>();
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            long started = System.nanoTime();
            card = scorecards.of(partner, from, to);
            if (run >= WARM_UP) {
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        System.out.printf(
                "compliance-benchmark: scorecard chirp %s over %,d notices of %,d: median %.0f ms, max %.0f ms"
                        + " (%d runs; ack on time %.3f, action on time %.3f)%n",
                month,
                card.notices(),
                NOTICES,
                median(millis),
                max(millis),
                RUNS,
                card.acknowledgement().onTimeRate(),
                card.action().onTimeRate());
    }

    /** The scan the watch makes every interval: the deadlines that passed in the last {@code window}. */
    private static void deadlineScan(ConfigurableApplicationContext gateway, JdbcClient jdbc, Duration window) {
        DeadlineWatch watch = gateway.getBean(DeadlineWatch.class);
        Instant now = Instant.parse("2026-06-15T12:00:00Z");
        long due = jdbc.sql("select (select count(*) from notice where ack_deadline > ? and ack_deadline <= ?)"
                        + " + (select count(*) from notice where action_deadline > ? and action_deadline <= ?)")
                .params(
                        now.minus(window).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC),
                        now.minus(window).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        List<Double> millis = new ArrayList<>();
        int recorded = 0;
        for (int run = 0; run < WARM_UP + RUNS; run++) {
            for (String kind : List.of("ACK", "ACTION")) {
                jdbc.sql("delete from deadline_scan where kind = ?").param(kind).update();
                jdbc.sql("insert into deadline_scan (kind, scanned_to) values (?, ?)")
                        .params(kind, now.minus(window).atOffset(ZoneOffset.UTC))
                        .update();
            }
            CLOCK.set(now);
            long started = System.nanoTime();
            int breaches = watch.scan();
            double elapsed = (System.nanoTime() - started) / 1e6;
            if (run == 0) {
                recorded = breaches;
                System.out.printf(
                        "compliance-benchmark: deadline scan of a %s window, first run (records %d breaches): %.1f ms%n",
                        window, breaches, elapsed);
            }
            if (run >= WARM_UP) {
                millis.add(elapsed);
            }
        }
        System.out.printf(
                "compliance-benchmark: deadline scan of a %s window (%d deadlines due, %d breaches) in %,d notices:"
                        + " median %.1f ms, max %.1f ms (%d runs)%n",
                window, due, recorded, NOTICES, median(millis), max(millis), RUNS);
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private ComplianceBenchmark() {}
}
