package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Partners' status updates, kept with their raw bytes; the notice's state follows the latest one. */
@Repository
public class StatusLedger {
    private final JdbcClient jdbc;

    StatusLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the update, its item outcomes and the notice's new state in one transaction. A statusId
     * seen before violates the primary key ({@link org.springframework.dao.DuplicateKeyException}),
     * which makes replay detection safe between concurrent requests and nodes.
     */
    @Transactional
    public void record(StatusRecord s) {
        jdbc.sql("""
                insert into status_update (status_id, notice_id, partner_id, status, sent_at, received_at, late, reason,
                    signature_algorithm, digest, raw_der)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.statusId(), s.noticeId(), s.partnerId(), s.status().name(), utc(s.sentAt()), utc(s.receivedAt()),
                        s.late(), s.reason(), s.signatureAlgorithm(), s.digest(), s.rawDer())
                .update();
        for (StatusRecord.Item item : s.items()) {
            jdbc.sql("insert into status_item (status_id, locator, outcome, actioned_at) values (?, ?, ?, ?)")
                    .params(s.statusId(), item.locator(), item.outcome(), utc(item.actionedAt()))
                    .update();
        }
        // A notice the ministry has withdrawn or restored keeps that state; the report is still kept above.
        jdbc.sql("""
                update notice set state = case when state in (?, ?) then state else ? end,
                    acted_at = coalesce(?, acted_at), action_late = coalesce(?, action_late), status_reason = ?,
                    responded_at = coalesce(responded_at, ?)
                where id = ?""")
                .params(NoticeState.WITHDRAWN.name(), NoticeState.RESTORED.name(), s.status().name(), utc(s.actedAt()),
                        s.actedAt() == null ? null : s.late(), s.reason(), s.status().isResponse() ? utc(s.receivedAt()) : null,
                        s.noticeId())
                .update();
        // The report proves the partner has the notice: no need to send it again.
        jdbc.sql("delete from outbox where notice_id = ?").param(s.noticeId()).update();
        String detail = s.status() + " reported by " + s.partnerId() + " (status " + s.statusId() + ")"
                + (s.late() ? ", after the action deadline" : "") + (s.reason() == null ? "" : ": " + s.reason());
        jdbc.sql("insert into notice_event (notice_id, at, kind, detail) values (?, ?, ?, ?)")
                .params(s.noticeId(), utc(s.receivedAt()), "STATUS_" + s.status().name(),
                        truncate(detail))
                .update();
    }

    /** Item outcomes reported for a notice, newest report last. */
    public List<StatusRecord.Item> items(String noticeId) {
        return jdbc.sql("""
                select i.locator, i.outcome, i.actioned_at from status_item i join status_update u on u.status_id = i.status_id
                where u.notice_id = ? order by u.received_at, i.id""")
                .param(noticeId)
                .query((rs, row) -> new StatusRecord.Item(rs.getString(1), rs.getString(2), NoticeLedger.time(rs, "actioned_at")))
                .list();
    }
}
