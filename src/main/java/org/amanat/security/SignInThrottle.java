package org.amanat.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted per user name and per client address, in memory (per node). After {@code n} failures in a
 * row a key is held back for {@code firstDelay}, doubled at each further failure up to {@code maxDelay}; while held,
 * a sign-in with it is answered 429 with Retry-After and the password is not even checked, so guessing costs time.
 * A success clears the user name's count; a client's count is forgotten after {@code forgetAfter} without failures.
 */
public final class SignInThrottle {
    /** Far more than the people of a ministry; past it, the oldest forgotten entries go first. */
    private static final int MAX_KEYS = 100_000;

    private final SecuritySettings.Throttle settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(SecuritySettings.Throttle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private record Failures(int count, Instant last, Instant heldUntil) {}

    /** How long the user name or the client is still held back; zero when neither is. */
    public Duration heldBack(String user, String client) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(user, client)) {
            Failures f = key == null ? null : failures.get(key);
            if (f != null && f.heldUntil() != null && f.heldUntil().isAfter(now)) {
                Duration left = Duration.between(now, f.heldUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest;
    }

    /** A hold in whole seconds, rounded up and at least 1, as Retry-After and the sign-in page say it. */
    public static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    public void failed(String user, String client) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            failures.values()
                    .removeIf(f -> f.last().plus(settings.forgetAfter()).isBefore(now));
        }
        if (user != null) {
            failures.compute(userKey(user), (k, f) -> next(f, settings.userFailures(), now));
        }
        if (client != null) {
            failures.compute(clientKey(client), (k, f) -> next(f, settings.clientFailures(), now));
        }
    }

    public void succeeded(String user) {
        if (user != null) {
            failures.remove(userKey(user));
        }
    }

    private Failures next(Failures before, int allowed, Instant now) {
        int count = before == null || before.last().plus(settings.forgetAfter()).isBefore(now) ? 1 : before.count() + 1;
        if (count < allowed) {
            return new Failures(count, now, null);
        }
        int doublings = Math.min(count - allowed, 30);
        Duration hold = settings.firstDelay().multipliedBy(1L << doublings);
        if (hold.compareTo(settings.maxDelay()) > 0) {
            hold = settings.maxDelay();
        }
        return new Failures(count, now, now.plus(hold));
    }

    private static String[] keys(String user, String client) {
        return new String[] {user == null ? null : userKey(user), client == null ? null : clientKey(client)};
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }
}
