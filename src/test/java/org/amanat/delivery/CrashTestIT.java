package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.amanat.Api;
import org.amanat.GatewayProcess;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: 1,000 notices issued through the real API to a gateway JVM that is killed with
 * SIGKILL at random moments (at least 5 times) and restarted, delivering to the partner kit's
 * receiver; at the end the ledger is reconciled with what the receiver saw. Prints one line,
 * {@code crash-test: issued=… delivered=… lost=… duplicate-effects=… resends=…}. Runs on PostgreSQL
 * when AMANAT_TEST_PG_URL is set, else on the default H2 file.
 */
class CrashTestIT {
    private static final int NOTICES = 1000;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void everyNoticeIssuedIsDeliveredOnceDespiteKills() throws Exception {
        Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
        var partner = TestPki.partner(KeyType.EC_P256);
        var kit = new PartnerKit(
                "crash",
                partner.signing(),
                partner.encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                Clock.systemUTC());
        try (var receiver = new ReferenceReceiver(
                        kit,
                        opened -> effects.computeIfAbsent(opened.notice().noticeId(), id -> new AtomicInteger())
                                .incrementAndGet())
                .start(new InetSocketAddress("127.0.0.1", 0), "/notices", null, false)) {
            var gateway = new TestGateway()
                    .partner("crash", "http://127.0.0.1:" + receiver.port() + "/notices", AlgorithmProfile.EC, "NONE");
            Map<String, String> settings = new HashMap<>(gateway.properties());
            settings.putAll(
                    TestDatabases.postgresConfigured()
                            ? TestDatabases.postgres()
                            : Map.of("amanat.data-dir", dir.resolve("data").toString()));
            settings.put("amanat.delivery.lease", "5s");

            Set<String> issued = new HashSet<>();
            Random random = new Random();
            for (int run = 0; run <= KILLS; run++) {
                try (GatewayProcess node = GatewayProcess.start(settings, dir.resolve("gateway-" + run + ".log"))) {
                    boolean last = run == KILLS;
                    long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(4000));
                    // Issue at about 50 a second, so the kills land in the middle of issuing and delivering.
                    while (issued.size() < NOTICES && (last || System.nanoTime() < killAt)) {
                        issue(node.api(), issued);
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                    if (last) {
                        Api api = node.api();
                        await().atMost(Duration.ofMinutes(3)).until(() -> delivered(api, issued) == issued.size());
                        int delivered = delivered(api, issued);
                        long lost = issued.stream()
                                        .filter(id -> !effects.containsKey(id))
                                        .count()
                                + (issued.size() - delivered);
                        long duplicateEffects = effects.values().stream()
                                .filter(count -> count.get() > 1)
                                .count();
                        System.out.printf(
                                "crash-test: issued=%d delivered=%d lost=%d duplicate-effects=%d resends=%d%n",
                                issued.size(), delivered, lost, duplicateEffects, receiver.duplicates());
                        assertThat(issued).hasSize(NOTICES);
                        assertThat(lost).isZero();
                        assertThat(duplicateEffects).isZero();
                    } else {
                        assertThat(node.kill()).isEqualTo(137);
                    }
                }
            }
        }
    }

    /** One POST; a notice counts as issued only when the gateway answered 201. */
    private static void issue(Api api, Set<String> issued) {
        try {
            var response = api.postNotice(Api.validNotice("crash"));
            if (response.statusCode() == 201) {
                issued.add(Api.json(response).get("id").asText());
            }
        } catch (RuntimeException gatewayGone) {
            // killed mid-request: no 201, so not issued (it may still be in the ledger, and is then delivered too)
        }
    }

    /** How many of the issued notices the ledger holds as DELIVERED. */
    private static int delivered(Api api, Set<String> issued) {
        Set<String> delivered = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode items = Api.json(api.get("/api/v1/notices?partner=crash&state=DELIVERED&size=200&page=" + page))
                    .get("items");
            items.forEach(item -> delivered.add(item.get("id").asText()));
            if (items.size() < 200) {
                break;
            }
        }
        delivered.retainAll(issued);
        return delivered.size();
    }
}
