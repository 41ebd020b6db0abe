package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refused messages — forged, replayed, tampered, misaddressed — recorded for compliance review. */
@Repository
public class SecurityEvents {
    private final JdbcClient jdbc;

    SecurityEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param algorithm the refused algorithm, when that was the reason; null otherwise */
    public record SecurityEvent(
            Instant at,
            String partnerId,
            SecurityEventKind kind,
            String noticeId,
            String detail,
            String digest,
            String algorithm) {}

    /** Every value is cut to its column: a refusal is recorded whatever length the sender's values had. */
    public void record(SecurityEvent event) {
        jdbc.sql("insert into security_event (at, partner_id, kind, notice_id, detail, digest, algorithm)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        utc(event.at()),
                        truncate(event.partnerId(), 64),
                        event.kind().name(),
                        truncate(event.noticeId(), 36),
                        truncate(event.detail()),
                        truncate(event.digest(), 64),
                        truncate(event.algorithm(), 64))
                .update();
    }
}
