package org.amanat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.amanat.GatewayProcess;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;

/**
 * The end-to-end load harness (issue 6): the real gateway in a JVM of its own (fixed heap), on H2 and
 * on PostgreSQL when reachable, delivering over mutual TLS to N partner-kit receivers in this JVM.
 * For each database and algorithm profile it prints the raw cryptographic limit (before and after),
 * the throughput and latency flat out and at half the maximum rate, the gateway's peak heap, and the
 * ratio end-to-end / limit; then, with one partner down and 100,000 notices queued for it, the peak
 * heap. Run with {@code mvn -Pload verify}; settings are the {@code harness.*} properties of the
 * {@code load} profile in pom.xml.
 */
public final class LoadHarness {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Path runDir;
    private final List<String> summary = new ArrayList<>();

    private LoadHarness(Path runDir) {
        this.runDir = runDir;
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server (the partner kit's receiver) leaves Nagle's algorithm on unless told.
        System.setProperty("sun.net.httpserver.nodelay", setting("receiverNoDelay", "true"));
        Path runDir = Files.createDirectories(Path.of(
                        "target",
                        "load-harness",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath());
        var harness = new LoadHarness(runDir);
        System.out.printf(
                "load-harness: %d cores, Java %s, gateway -Xmx%s, %d partner-kit receivers (mutual TLS), gateway settings %s,"
                        + " load average %s; files in %s%n",
                CORES,
                System.getProperty("java.version"),
                setting("heap", "512m"),
                partners(),
                gatewayOverrides().isEmpty() ? "default" : gatewayOverrides(),
                loadAverage(),
                runDir);
        for (String database : setting("databases", "h2,postgresql").split(",")) {
            if (database.equals("postgresql") && !postgresReachable()) {
                System.out.println("PostgreSQL not reachable at " + postgresUrl() + ": skipped");
                continue;
            }
            for (String profile : setting("profiles", "EC").split(",")) {
                if (profile.equals("none")) {
                    continue; // only the backlog
                }
                harness.throughput(database, AlgorithmProfile.valueOf(profile.trim()));
            }
            if (Integer.parseInt(setting("backlog", "100000")) > 0
                    && Arrays.asList(
                                    setting("backlogDatabases", "h2,postgresql").split(","))
                            .contains(database)) {
                harness.backlog(database);
            }
        }
        System.out.println();
        System.out.println(
                "load-harness summary (targets: end-to-end >= 70% of the limit; p99 < 250 ms at half the maximum rate;"
                        + " peak heap < 512 MB with 100,000 queued):");
        harness.summary.forEach(line -> System.out.println("  " + line));
    }

    /** Flat out, then at half the rate reached, between two measurements of the raw limit. */
    private void throughput(String database, AlgorithmProfile profile) throws Exception {
        String label = database + " " + profile;
        System.out.println();
        System.out.println("[" + label + "]");
        Path dir = Files.createDirectories(runDir.resolve(database + "-" + profile));
        KeyType type = TestGateway.keyType(profile);
        var receivers = startReceivers(type, partners());
        var gateway = new TestGateway();
        List<String> partnerIds = new ArrayList<>();
        for (int i = 0; i < receivers.size(); i++) {
            String id = "p" + (i + 1);
            partnerIds.add(id);
            gateway.partner(id, "https://127.0.0.1:" + receivers.get(i).port() + "/notices", profile, "MUTUAL");
        }
        try (var database0 = Database.open(database, dir);
                var node = startGateway(gateway, database0, dir);
                AutoCloseable stopped = () -> stop(node);
                var monitor = new GatewayMonitor(node.pid())) {
            var load = new NoticeLoad(node.port(), partnerIds);
            int clients = Integer.parseInt(setting("clients", "8"));
            boolean rsa = profile == AlgorithmProfile.RSA;

            // Warm-up (connections, TLS sessions, JIT), not measured.
            var warmUp = load.flatOut(
                    clients, Duration.ofSeconds(Long.parseLong(setting("warmUpSeconds", "20"))), rsa ? 500 : 3000);
            load.awaitDelivered(warmUp, warmUp.size(), Duration.ofMinutes(5));
            JsonNode sample = load.get("/api/v1/notices/" + warmUp.get(0).id());

            CryptoLimit limit = cryptoLimit(type, sample);
            var before = limit.measure(CORES, Duration.ofSeconds(5), Duration.ofSeconds(10));
            System.out.printf(
                    "  raw limit before: %.0f notices/s, %.2f ms CPU each (seal + open + sign receipt + verify receipt, %d threads,"
                            + " no HTTP, no database); load average %s%n",
                    before.perSecond(), before.cpuMs(), CORES, loadAverage());

            monitor.reset();
            long gatewayCpu = monitor.cpuNanos();
            var gatewayThreads = monitor.cpuByThreadGroup();
            long harnessCpu = harnessCpuNanos();
            long clientCpu = load.clientCpuNanos();
            long delivered = load.count("DELIVERED", null);
            var issued = load.flatOut(
                    clients, Duration.ofSeconds(Long.parseLong(setting("flatOutSeconds", "15"))), Integer.MAX_VALUE);
            Instant lastAnswer = Instant.now();
            var flat = NoticeLoad.Result.of(
                    issued, load.awaitDelivered(issued, delivered + issued.size(), Duration.ofMinutes(10)), lastAnswer);
            double gatewayMs = (monitor.cpuNanos() - gatewayCpu) / 1e6 / issued.size();
            double clientMs = (load.clientCpuNanos() - clientCpu) / 1e6 / issued.size();
            double receiverMs = (harnessCpuNanos() - harnessCpu) / 1e6 / issued.size() - clientMs;
            var flatHeap = monitor.heap();
            System.out.println("  flat out (" + clients + " clients): " + flat);
            System.out.printf(
                    "    CPU per notice: gateway %.2f ms, receivers %.2f ms (harness JVM less its issuing threads' %.2f ms); %s;"
                            + " load average %s%n",
                    gatewayMs, receiverMs, clientMs, flatHeap, loadAverage());
            System.out.println("    gateway CPU by thread, ms per notice: "
                    + GatewayMonitor.perNotice(gatewayThreads, monitor.cpuByThreadGroup(), issued.size()));

            double halfRate = flat.deliveredPerSecond() / 2;
            monitor.reset();
            delivered = load.count("DELIVERED", null);
            issued = load.fixedRate(
                    Math.max(clients, 32),
                    halfRate,
                    Duration.ofSeconds(Long.parseLong(setting("halfRateSeconds", "20"))));
            lastAnswer = Instant.now();
            var half = NoticeLoad.Result.of(
                    issued, load.awaitDelivered(issued, delivered + issued.size(), Duration.ofMinutes(10)), lastAnswer);
            var halfHeap = monitor.heap();
            System.out.printf(
                    "  half rate (%.0f/s fixed): %s%n    %s; load average %s%n",
                    halfRate, half, halfHeap, loadAverage());

            var after = limit.measure(CORES, Duration.ofSeconds(5), Duration.ofSeconds(10));
            double limitMean = (before.perSecond() + after.perSecond()) / 2;
            double ratio = flat.deliveredPerSecond() / limitMean;
            double cpuRatio = (before.cpuMs() + after.cpuMs()) / 2 / (gatewayMs + receiverMs);
            System.out.printf(
                    "  raw limit after: %.0f notices/s, %.2f ms CPU each; load average %s%n",
                    after.perSecond(), after.cpuMs(), loadAverage());
            System.out.printf(
                    "  end-to-end / limit = %.0f / %.0f = %.0f%% (CPU time: limit %.2f ms / end-to-end %.2f ms per notice = %.0f%%)%n",
                    flat.deliveredPerSecond(),
                    limitMean,
                    100 * ratio,
                    (before.cpuMs() + after.cpuMs()) / 2,
                    gatewayMs + receiverMs,
                    100 * cpuRatio);
            summary.add(String.format(
                    "%-10s %-3s limit %.0f/s (%.0f before, %.0f after), end-to-end %.0f/s = %.0f%% %s (by CPU time %.0f%%);"
                            + " p99 at half rate (%.0f/s) %d ms %s (p50 %d, p95 %d; flat out p99 %d ms); peak heap %d MB",
                    database,
                    profile,
                    limitMean,
                    before.perSecond(),
                    after.perSecond(),
                    flat.deliveredPerSecond(),
                    100 * ratio,
                    ratio >= 0.70 ? "MET" : "MISSED",
                    100 * cpuRatio,
                    halfRate,
                    half.p99(),
                    half.p99() < 250 ? "MET" : "MISSED",
                    half.p50(),
                    half.p95(),
                    flat.p99(),
                    Math.max(flatHeap.peakMb(), halfHeap.peakMb())));
        } finally {
            receivers.forEach(ReferenceReceiver::close);
        }
    }

    /**
     * One partner down (nothing listening): notices issued to it through the API, the rest of the
     * backlog copied into the ledger while the gateway runs, then held while the whole backlog is queued
     * and retried, a healthy partner getting 20 notices a second meanwhile.
     */
    private void backlog(String database) throws Exception {
        int notices = Integer.parseInt(setting("backlog", "100000"));
        int viaApi = Math.min(notices, Integer.parseInt(setting("backlogViaApi", "5000")));
        System.out.println();
        System.out.println("[" + database + " backlog]");
        Path dir = Files.createDirectories(runDir.resolve(database + "-backlog"));
        var receivers = startReceivers(KeyType.EC_P256, 1);
        var gateway = new TestGateway()
                .partner(
                        "p1",
                        "https://127.0.0.1:" + receivers.get(0).port() + "/notices",
                        AlgorithmProfile.EC,
                        "MUTUAL")
                .partner(
                        "down",
                        "https://127.0.0.1:" + GatewayProcess.freePort() + "/notices",
                        AlgorithmProfile.EC,
                        "MUTUAL");
        try (var database0 = Database.open(database, dir);
                var node = startGateway(gateway, database0, dir);
                AutoCloseable stopped = () -> stop(node);
                var monitor = new GatewayMonitor(node.pid())) {
            monitor.reset();
            long started = System.nanoTime();
            int issued = new NoticeLoad(node.port(), List.of("down"))
                    .flatOut(Integer.parseInt(setting("clients", "8")), Duration.ofHours(2), viaApi)
                    .size();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "  %d notices issued to partner 'down' through the API in %.0f s (%.0f/s); %s%n",
                    issued, seconds, issued / seconds, monitor.heap());
            if (notices > issued) {
                started = System.nanoTime();
                Backlog.copy(database0.url(), database0.user(), "down", notices - issued);
                System.out.printf(
                        "  %d more copied into the ledger while the gateway runs, in %.0f s%n",
                        notices - issued, (System.nanoTime() - started) / 1e9);
            }
            var healthy = new NoticeLoad(node.port(), List.of("p1"));
            var alongside =
                    healthy.fixedRate(8, 20, Duration.ofSeconds(Long.parseLong(setting("backlogHoldSeconds", "30"))));
            var result = NoticeLoad.Result.of(
                    alongside,
                    healthy.awaitDelivered(alongside, alongside.size(), Duration.ofMinutes(2)),
                    Instant.now());
            var held = monitor.heap();
            long pending = healthy.count(null, "down") - healthy.count("DELIVERED", "down");
            System.out.printf(
                    "  held %s s with %d undelivered for 'down' (retried); healthy partner meanwhile: %s%n"
                            + "    over the whole phase: %s; load average %s%n",
                    setting("backlogHoldSeconds", "30"), pending, result, held, loadAverage());
            summary.add(String.format(
                    "%-10s backlog: %d queued for a partner that is down, peak heap %d MB (%d MB live after GC) %s",
                    database, pending, held.peakMb(), held.liveMb(), held.peakMb() < 512 ? "MET" : "MISSED"));
        } finally {
            receivers.forEach(ReferenceReceiver::close);
        }
    }

    private CryptoLimit cryptoLimit(KeyType type, JsonNode sample) {
        JsonNode notice = sample.get("notice");
        var partner = TestPki.partner(type);
        var ministry = TestPki.ministry(type).signing();
        var kit = new PartnerKit(
                notice.get("partnerId").asText(),
                partner.signing(),
                partner.encryption(),
                ministry.certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        return new CryptoLimit(
                notice.toString().getBytes(StandardCharsets.UTF_8),
                notice.get("noticeId").asText(),
                ministry,
                kit,
                partner.encryption().certificate(),
                partner.signing().certificate());
    }

    private static List<ReferenceReceiver> startReceivers(KeyType type, int count) throws Exception {
        var partner = TestPki.partner(type);
        var tls = TlsContexts.create(TestPki.PARTNER_TLS, List.of(TestPki.caCertificate()));
        List<ReferenceReceiver> receivers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var kit = new PartnerKit(
                    "p" + (i + 1),
                    partner.signing(),
                    partner.encryption(),
                    TestPki.ministry(type).signing().certificate(),
                    AlgorithmPolicy.strict(),
                    Clock.systemUTC());
            receivers.add(new ReferenceReceiver(kit, opened -> {})
                    .start(new InetSocketAddress("127.0.0.1", 0), "/notices", tls, true));
        }
        return receivers;
    }

    private GatewayProcess startGateway(TestGateway gateway, Database database, Path dir) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(gateway.properties());
        settings.remove("amanat.delivery.poll-interval"); // the tests' 50 ms; the harness runs the defaults unless told
        settings.putAll(database.settings());
        settings.putAll(gatewayOverrides());
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + setting("heap", "512m")));
        String extra = setting("gatewayJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.replace("{dir}", dir.toString()).split("\\s+")));
        }
        return GatewayProcess.start(jvm, settings, dir.resolve("gateway.log"));
    }

    /** SIGTERM, so the gateway shuts down (and writes its flight recording, if any); SIGKILL after 60 s. */
    private static void stop(GatewayProcess node) throws Exception {
        ProcessHandle.of(node.pid()).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed below
            }
        });
        node.kill();
    }

    /** Extra gateway settings, {@code name=value,name=value}, e.g. {@code amanat.delivery.poll-interval=50}. */
    private static Map<String, String> gatewayOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : setting("gateway", "").split(",")) {
            if (pair.contains("=")) {
                overrides.put(
                        pair.substring(0, pair.indexOf('=')).trim(),
                        pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return overrides;
    }

    private static int partners() {
        return Integer.parseInt(setting("partners", "3"));
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty("harness." + name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static long harnessCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        return String.format(
                "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String postgresUrl() {
        return setting("pgUrl", "jdbc:postgresql://127.0.0.1:5432/amanat_bench?user=postgres");
    }

    /** Reachable, and the database exists (created when missing). */
    private static boolean postgresReachable() {
        String url = postgresUrl();
        String name = url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection server = DriverManager.getConnection(url.replace("/" + name, "/postgres"))) {
            var exists = server.prepareStatement("select 1 from pg_database where datname = ?");
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                server.createStatement().execute("create database " + name);
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The gateway's ledger for one run: an H2 file (written through, as in production) or a fresh PostgreSQL schema. */
    private record Database(Map<String, String> settings, String schema, String url, String user)
            implements AutoCloseable {
        static Database open(String kind, Path dir) {
            if (kind.equals("h2")) {
                // AUTO_SERVER: the harness can reach the gateway's embedded file while it runs (to fill a backlog).
                String url = "jdbc:h2:file:" + dir.resolve("data").resolve("amanat") + ";AUTO_SERVER=TRUE";
                return new Database(Map.of("spring.datasource.url", url + ";WRITE_DELAY=0"), null, url, "sa");
            }
            String schema =
                    "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new Database(
                    Map.of(
                            "spring.datasource.url",
                            url,
                            "spring.flyway.schemas",
                            schema,
                            "spring.datasource.username",
                            "postgres"),
                    schema,
                    url,
                    "postgres");
        }

        /** Drops the PostgreSQL schema; the H2 file stays in target/ with the logs. */
        @Override
        public void close() throws SQLException {
            if (schema != null) {
                try (Connection connection = DriverManager.getConnection(postgresUrl())) {
                    connection.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
    }
}
