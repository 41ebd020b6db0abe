package org.amanat.compliance.deadlines;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.amanat.ledger.DeadlineKind;
import org.amanat.ledger.LedgerRecords;
import org.amanat.ledger.NoticeEventKind;
import org.amanat.ledger.NoticeEvents;
import org.amanat.ledger.PassedDeadline;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Missed deadlines: how far the watch has looked, each breach once, and its escalation. */
@Repository
public class Breaches {
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    private static final String COLUMNS = """
            b.id, b.notice_id, b.partner_id, b.kind, b.deadline, b.detected_at, b.detail, n.type, n.urgency, n.category,
            b.escalated_at, b.escalation_attempts, b.escalation_error""";

    private final JdbcClient jdbc;
    private final NoticeEvents events;

    public Breaches(JdbcClient jdbc, NoticeEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Deadlines of this kind up to the returned time have been looked at; the very first scan starts at the beginning. */
    Instant scannedTo(DeadlineKind kind) {
        return jdbc.sql("select scanned_to from deadline_scan where kind = ?")
                .param(kind.name())
                .query((rs, row) -> LedgerRecords.time(rs, "scanned_to"))
                .optional()
                .orElse(BEGINNING);
    }

    void scannedTo(DeadlineKind kind, Instant to) {
        int updated = jdbc.sql("update deadline_scan set scanned_to = ? where kind = ?")
                .params(utc(to), kind.name())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into deadline_scan (kind, scanned_to) values (?, ?)")
                    .params(kind.name(), utc(to))
                    .update();
        }
    }

    /**
     * Records the breach and its audit event in one transaction, unless it is already on record.
     *
     * @param escalateAt when its webhook is due; null when no webhook is configured
     * @return the new breach, or empty if this notice's breach of this kind was recorded before
     */
    @Transactional
    public Optional<BreachRecord> record(PassedDeadline passed, Instant now, String detail, Instant escalateAt) {
        int inserted = jdbc.sql("""
                insert into breach (notice_id, partner_id, kind, deadline, detected_at, detail, escalation_due_at)
                select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from breach where notice_id = ? and kind = ?)""")
                .params(
                        passed.noticeId(),
                        passed.partnerId(),
                        passed.kind().name(),
                        utc(passed.deadline()),
                        utc(now),
                        truncate(detail),
                        utc(escalateAt),
                        passed.noticeId(),
                        passed.kind().name())
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        events.append(passed.noticeId(), now, NoticeEventKind.breach(passed.kind()), detail, null);
        return jdbc.sql("select " + COLUMNS
                        + " from breach b join notice n on n.id = b.notice_id where b.notice_id = ? and b.kind = ?")
                .params(passed.noticeId(), passed.kind().name())
                .query(Breaches::breach)
                .optional();
    }

    List<BreachRecord> dueEscalations(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from breach b join notice n on n.id = b.notice_id"
                        + " where b.escalation_due_at <= ? order by b.escalation_due_at, b.id limit ?")
                .params(utc(now), limit)
                .query(Breaches::breach)
                .list();
    }

    void escalated(long id, Instant at) {
        jdbc.sql("""
                update breach set escalated_at = ?, escalation_due_at = null, escalation_attempts = escalation_attempts + 1,
                    escalation_error = null where id = ?""").params(utc(at), id).update();
    }

    void escalationFailed(long id, Instant retryAt, String error) {
        jdbc.sql("""
                update breach set escalation_due_at = ?, escalation_attempts = escalation_attempts + 1, escalation_error = ?
                where id = ?""").params(utc(retryAt), truncate(error), id).update();
    }

    /** The breaches of a partner's notices issued in [{@code from}, {@code to}), in deadline order; all partners if null. */
    public List<BreachRecord> ofNoticesIssued(String partnerId, Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + " from breach b join notice n on n.id = b.notice_id"
                        + " where (cast(? as varchar(64)) is null or n.partner_id = ?) and n.issued_at >= ? and n.issued_at < ?"
                        + " order by b.deadline, b.id")
                .params(partnerId, partnerId, utc(from), utc(to))
                .query(Breaches::breach)
                .list();
    }

    private static BreachRecord breach(ResultSet rs, int row) throws SQLException {
        return new BreachRecord(
                rs.getLong("id"),
                rs.getString("notice_id"),
                rs.getString("partner_id"),
                DeadlineKind.valueOf(rs.getString("kind")),
                LedgerRecords.time(rs, "deadline"),
                LedgerRecords.time(rs, "detected_at"),
                rs.getString("detail"),
                NoticeType.valueOf(rs.getString("type")),
                Urgency.valueOf(rs.getString("urgency")),
                Category.valueOf(rs.getString("category")),
                LedgerRecords.time(rs, "escalated_at"),
                rs.getInt("escalation_attempts"),
                rs.getString("escalation_error"));
    }
}
