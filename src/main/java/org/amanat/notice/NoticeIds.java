package org.amanat.notice;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** UUIDv7 (RFC 9562): time-ordered, so ids sort roughly by issue time and index well. */
@Component
class NoticeIds {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    NoticeIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long millis = clock.millis();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
