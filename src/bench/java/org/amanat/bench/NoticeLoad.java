package org.amanat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.amanat.Api;

/**
 * Issues notices through the gateway's real API (flat out, or at a fixed rate), waits until they are
 * DELIVERED, and measures each one from the start of its POST (harness clock) to its deliveredAt
 * (the ledger's time, written by the gateway on the same machine and clock).
 */
final class NoticeLoad {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final List<String> partners;
    private final LongAdder clientCpuNanos = new LongAdder();

    /** TestGateway's officer; its bcrypt hash has the lowest cost, so signing in on every request costs little. */
    private static final String SIGN_IN = Api.basic(Api.OFFICER, Api.PASSWORD);

    NoticeLoad(int port, List<String> partners) {
        this.base = "http://127.0.0.1:" + port;
        this.partners = partners;
    }

    /** A notice answered 201, and when its POST was meant to start (for a fixed rate, the schedule's time). */
    record Issued(String id, Instant start) {}

    /** Flat out: {@code clients} threads POST back to back for {@code duration}, or until {@code limit} notices. */
    List<Issued> flatOut(int clients, Duration duration, int limit) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        AtomicInteger next = new AtomicInteger();
        return run(
                clients,
                () -> {
                    int i = next.getAndIncrement();
                    return System.nanoTime() < until && i < limit ? i : -1;
                },
                i -> Instant.now());
    }

    /** A fixed rate, open loop: notice i is due at start + i/rate, whatever happened to the ones before. */
    List<Issued> fixedRate(int clients, double perSecond, Duration duration) throws InterruptedException {
        int count = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Instant startInstant = Instant.now().plusMillis(100);
        AtomicInteger next = new AtomicInteger();
        return run(
                clients,
                () -> {
                    int i = next.getAndIncrement();
                    if (i >= count) {
                        return -1;
                    }
                    LockSupport.parkNanos(startNanos + (long) (i * 1e9 / perSecond) - System.nanoTime());
                    return i;
                },
                i -> startInstant.plusNanos((long) (i * 1e9 / perSecond)));
    }

    private interface Ticket {
        int next();
    }

    private interface StartTime {
        Instant of(int i);
    }

    private List<Issued> run(int clients, Ticket tickets, StartTime startTime) throws InterruptedException {
        var issued = new ConcurrentLinkedQueue<Issued>();
        var failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(
                    () -> {
                        int i;
                        while ((i = tickets.next()) >= 0) {
                            Instant start = startTime.of(i);
                            String id = post(partners.get(i % partners.size()));
                            if (id == null) {
                                failures.incrementAndGet();
                            } else {
                                issued.add(new Issued(id, start));
                            }
                        }
                        clientCpuNanos.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    },
                    "issuer-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.get() > 0) {
            System.out.println("  warning: " + failures.get() + " POSTs were not answered 201");
        }
        return new ArrayList<>(issued);
    }

    /** CPU time of the issuing threads so far (not the HTTP client's own selector thread). */
    long clientCpuNanos() {
        return clientCpuNanos.sum();
    }

    /** One notice; its id, or null unless the answer was 201. */
    String post(String partnerId) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/notices"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", SIGN_IN)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    Api.validNotice(partnerId).toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201
                    ? Api.JSON.readTree(response.body()).get("id").asText()
                    : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    JsonNode get(String path) {
        try {
            return Api.JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(base + path))
                                    .header("Authorization", SIGN_IN)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many notices the ledger holds in this state (all partners, or one). */
    long count(String state, String partner) {
        return get("/api/v1/notices?size=1" + (state == null ? "" : "&state=" + state)
                        + (partner == null ? "" : "&partner=" + partner))
                .get("total")
                .asLong();
    }

    /** Waits until {@code expected} notices are DELIVERED, then reads each issued one's deliveredAt. */
    Map<String, Instant> awaitDelivered(List<Issued> issued, long expected, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (count("DELIVERED", null) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "only " + count("DELIVERED", null) + " of " + expected + " notices DELIVERED after " + atMost);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        // Newest first, so the notices just issued are on the first pages.
        Map<String, Instant> wanted = new HashMap<>();
        issued.forEach(notice -> wanted.put(notice.id(), null));
        Map<String, Instant> delivered = new HashMap<>();
        for (int page = 0; delivered.size() < wanted.size(); page++) {
            JsonNode items =
                    get("/api/v1/notices?state=DELIVERED&size=200&page=" + page).get("items");
            for (JsonNode item : items) {
                if (wanted.containsKey(item.get("id").asText())) {
                    delivered.put(
                            item.get("id").asText(),
                            Instant.parse(item.get("deliveredAt").asText()));
                }
            }
            if (items.size() < 200) {
                break;
            }
        }
        return delivered;
    }

    /** What one phase measured. */
    record Result(
            int notices, double issuedPerSecond, double deliveredPerSecond, long p50, long p95, long p99, long max) {
        static Result of(List<Issued> issued, Map<String, Instant> delivered, Instant lastPostAnswered) {
            long[] latencies = issued.stream()
                    .mapToLong(notice -> Duration.between(notice.start(), delivered.get(notice.id()))
                            .toMillis())
                    .sorted()
                    .toArray();
            Instant first = Collections.min(issued.stream().map(Issued::start).toList());
            Instant last = Collections.max(delivered.values());
            double span = Duration.between(first, last).toNanos() / 1e9;
            double issueSpan = Duration.between(first, lastPostAnswered).toNanos() / 1e9;
            return new Result(
                    issued.size(),
                    issued.size() / issueSpan,
                    issued.size() / span,
                    percentile(latencies, 50),
                    percentile(latencies, 95),
                    percentile(latencies, 99),
                    latencies[latencies.length - 1]);
        }

        private static long percentile(long[] sorted, int p) {
            return sorted[Math.max(0, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
        }

        @Override
        public String toString() {
            return String.format(
                    "%d notices, 201 at %.0f/s, 201 -> DELIVERED %.0f notices/s; POST -> DELIVERED p50 %d ms, p95 %d ms, "
                            + "p99 %d ms, max %d ms",
                    notices, issuedPerSecond, deliveredPerSecond, p50, p95, p99, max);
        }
    }
}
