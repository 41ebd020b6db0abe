package org.amanat.web;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One Resilience4j rate limiter per caller, all with the same limit; a request over the limit waits for nothing and
 * is refused. The callers must be a bounded set (people signed in, known partners): each gets a limiter that is kept.
 */
final class RateLimits {
    private final RateLimiterConfig config;
    private final Duration period;
    private final LongSupplier nanoTime;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();

    RateLimits(RateLimitSettings.Limit limit) {
        this(limit, System::nanoTime);
    }

    RateLimits(RateLimitSettings.Limit limit, LongSupplier nanoTime) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limit.requests())
                .limitRefreshPeriod(limit.per())
                .timeoutDuration(Duration.ZERO)
                .build();
        this.period = limit.per();
        this.nanoTime = nanoTime;
    }

    /**
     * A refused request.
     *
     * @param retryAfterSeconds when the caller's next period starts, rounded up, at least 1
     * @param firstInPeriod whether this is the first refusal of the caller in a period (log and record only those, so a
     *     flood costs one line, not one per request)
     */
    record Refusal(long retryAfterSeconds, boolean firstInPeriod) {}

    /** Null when the caller may go on; otherwise the refusal. */
    Refusal acquire(String caller) {
        Caller limited = callers.computeIfAbsent(caller, name -> new Caller(new AtomicRateLimiter(name, config)));
        if (limited.limiter.acquirePermission()) {
            return null;
        }
        long nanosToWait = Math.max(limited.limiter.getDetailedMetrics().getNanosToWait(), 1);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1));
        return new Refusal(seconds, limited.firstRefusalSince(nanoTime.getAsLong(), period.toNanos()));
    }

    private static final class Caller {
        final AtomicRateLimiter limiter;
        /** When a refusal was last reported; far enough back at first that the first refusal is reported. */
        final AtomicLong reportedAt = new AtomicLong(Long.MIN_VALUE);

        Caller(AtomicRateLimiter limiter) {
            this.limiter = limiter;
        }

        boolean firstRefusalSince(long now, long periodNanos) {
            long last = reportedAt.get();
            return (last == Long.MIN_VALUE || now - last >= periodNanos) && reportedAt.compareAndSet(last, now);
        }
    }
}
