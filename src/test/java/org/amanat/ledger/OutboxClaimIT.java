package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** Leasing outbox entries on the real schema: issue order, the limit, and what the claiming node has in flight. */
@JdbcTest
@Import({Outbox.class, NoticeLedger.class, NoticeEvents.class})
class OutboxClaimIT {
    private static final Instant ISSUED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(1);

    @Autowired
    Outbox outbox;

    @Autowired
    NoticeLedger ledger;

    @BeforeEach
    void threeNotices() {
        for (int i = 1; i <= 3; i++) {
            Instant at = ISSUED.plusSeconds(i);
            ledger.issue(new NewNotice(
                    "n" + i,
                    "chirp",
                    NoticeType.TAKEDOWN,
                    Urgency.STANDARD,
                    Category.GAMBLING,
                    at,
                    at.plusSeconds(3600),
                    at.plusSeconds(7200),
                    "{}",
                    null,
                    null,
                    null,
                    "officer-17",
                    null));
        }
    }

    @Test
    void leasesTheOldestDueEntriesUpToTheLimit() {
        List<DueDelivery> claimed = outbox.claim("chirp", "node-a", ISSUED.plusSeconds(10), LEASE, 2, false, Set.of());

        assertThat(claimed).extracting(DueDelivery::noticeId).containsExactly("n1", "n2");
    }

    @Test
    void neverLeasesAgainWhatTheNodeStillHasInFlightEvenOnceItsLeaseRanOut() {
        Instant now = ISSUED.plusSeconds(10);
        assertThat(outbox.claim("chirp", "node-a", now, LEASE, 1, false, Set.of()))
                .extracting(DueDelivery::noticeId)
                .containsExactly("n1");

        Instant afterTheLease = now.plus(LEASE).plusSeconds(1);
        List<DueDelivery> again = outbox.claim("chirp", "node-a", afterTheLease, LEASE, 1, false, Set.of("n1"));

        assertThat(again)
                .as("n1 is still being sent: the next one instead, the limit still filled")
                .extracting(DueDelivery::noticeId)
                .containsExactly("n2");
        assertThat(outbox.claim("chirp", "node-b", afterTheLease, LEASE, 3, false, Set.of()))
                .as("another node, which has nothing in flight, may take the run-out lease over")
                .extracting(DueDelivery::noticeId)
                .containsExactly("n1", "n3");
    }
}
