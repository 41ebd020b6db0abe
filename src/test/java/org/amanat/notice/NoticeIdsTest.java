package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.amanat.protocol.Notice;
import org.junit.jupiter.api.Test;

/** Notice ids are UUIDv7 (RFC 9562): the issue time in the first 48 bits, so they sort by it. */
class NoticeIdsTest {
    @Test
    void anIdIsAVersion7UuidCarryingTheIssueTime() {
        Instant at = Instant.parse("2026-11-24T10:15:30.123Z");
        var ids = new NoticeIds(Clock.fixed(at, ZoneOffset.UTC));
        var seen = new HashSet<String>();

        for (int i = 0; i < 200; i++) {
            String id = ids.next();
            UUID uuid = UUID.fromString(id);
            assertThat(id).matches(Notice.ID);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
            seen.add(id);
        }
        assertThat(seen).as("the random bits differ").hasSize(200);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        String earlier = new NoticeIds(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC)).next();
        String later = new NoticeIds(Clock.fixed(Instant.parse("2026-11-24T10:00:00.001Z"), ZoneOffset.UTC)).next();

        assertThat(later).isGreaterThan(earlier);
    }
}
