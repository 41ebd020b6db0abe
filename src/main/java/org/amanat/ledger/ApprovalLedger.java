package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions on held notices (four-eyes approval). The rule that makes concurrent decisions safe on
 * any number of nodes: every way out of PENDING_APPROVAL — approve, decline, withdraw ({@link NoticeLedger#withdrawPending}) — is one conditional
 * update {@code where state = 'PENDING_APPROVAL'}, so the database lets exactly one of them win and the
 * others change nothing and are told how the notice was decided. The approve and decline updates also
 * carry {@code submitted_by <> ?}, so not even a caller that skipped the service's check can decide on
 * its own notice.
 */
@Repository
public class ApprovalLedger {
    private final JdbcClient jdbc;
    private final NoticeLedger notices;
    private final NoticeEvents events;

    ApprovalLedger(JdbcClient jdbc, NoticeLedger notices, NoticeEvents events) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.events = events;
    }

    /** How a decision went. */
    public enum Decision {
        /** This decision was recorded. */
        DECIDED,
        /** Nothing changed: the notice is not (or no longer) waiting for approval. */
        NOT_PENDING,
        /** Nothing changed: the person deciding is the one who asked for the notice. */
        OWN_NOTICE
    }

    /**
     * The held notice as it goes out, at approval.
     *
     * @param noticeJson the notice to seal, its issue time and deadlines set from the approval
     * @param relatedMayBe for a RESTORE, the states the notice it undoes may be in; it becomes RESTORED
     */
    public record Approved(
            String id,
            String approver,
            Instant at,
            Instant ackDeadline,
            Instant actionDeadline,
            String noticeJson,
            Set<NoticeState> relatedMayBe) {}

    /**
     * Approves a held notice: it becomes ISSUED with its issue time and deadlines from now, its notice JSON
     * replaced by the one given, and its outbox entry made, in one transaction. A RESTORE moves the notice it
     * undoes to RESTORED in the same transaction, only from {@code relatedMayBe}: if that notice changed
     * meanwhile, nothing is recorded and {@link OptimisticLockingFailureException} is thrown.
     */
    @Transactional
    public Decision approve(Approved a) {
        int won = jdbc.sql("""
                update notice set state = ?, issued_at = ?, ack_deadline = ?, action_deadline = ?, notice_json = ?,
                    decision = 'APPROVED', decided_by = ?, decided_at = ?
                where id = ? and state = ? and submitted_by <> ?""")
                .params(
                        NoticeState.ISSUED.name(),
                        utc(a.at()),
                        utc(a.ackDeadline()),
                        utc(a.actionDeadline()),
                        a.noticeJson(),
                        a.approver(),
                        utc(a.at()),
                        a.id(),
                        NoticeState.PENDING_APPROVAL.name(),
                        a.approver())
                .update();
        if (won == 0) {
            return refused(a.id(), a.approver());
        }
        var row = jdbc.sql("select partner_id, relates_to, held_for from notice where id = ?")
                .param(a.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        String partnerId = row[0];
        String relatesTo = row[1];
        if (a.relatedMayBe() != null && relatesTo != null) {
            List<String> from =
                    a.relatedMayBe().stream().map(Enum::name).sorted().toList();
            List<Object> params = new ArrayList<>(List.of(NoticeState.RESTORED.name(), utc(a.at()), relatesTo));
            params.addAll(from);
            int moved = jdbc.sql(
                            "update notice set state = ?, closed_at = coalesce(closed_at, ?) where id = ? and state in (%s)"
                                    .formatted(String.join(", ", Collections.nCopies(from.size(), "?"))))
                    .params(params)
                    .update();
            if (moved == 0) {
                throw new OptimisticLockingFailureException("notice " + relatesTo + " is no longer " + from);
            }
            events.append(
                    relatesTo,
                    a.at(),
                    NoticeEventKind.RESTORED,
                    "by RESTORE notice " + a.id() + ", approved by " + a.approver(),
                    a.approver());
        }
        jdbc.sql("insert into outbox (notice_id, partner_id, due_at, attempts, issued_at) values (?, ?, ?, 0, ?)")
                .params(a.id(), partnerId, utc(a.at()), utc(a.at()))
                .update();
        events.append(
                a.id(),
                a.at(),
                NoticeEventKind.APPROVED,
                "by " + a.approver() + " (held for: " + row[2] + ")",
                a.approver());
        events.append(
                a.id(),
                a.at(),
                NoticeEventKind.ISSUED,
                "for " + partnerId + ", approved by " + a.approver() + "; deadlines run from now",
                a.approver());
        return Decision.DECIDED;
    }

    /** Declines a held notice, with the decliner's reason: DECLINED is final, and the notice is never sealed or sent. */
    @Transactional
    public Decision decline(String id, String decliner, Instant at, String reason) {
        int won = jdbc.sql("""
                update notice set state = ?, decision = 'DECLINED', decided_by = ?, decided_at = ?, decision_reason = ?
                where id = ? and state = ? and submitted_by <> ?""")
                .params(
                        NoticeState.DECLINED.name(),
                        decliner,
                        utc(at),
                        reason,
                        id,
                        NoticeState.PENDING_APPROVAL.name(),
                        decliner)
                .update();
        if (won == 0) {
            return refused(id, decliner);
        }
        events.append(id, at, NoticeEventKind.DECLINED, "by " + decliner + ": " + reason, decliner);
        return Decision.DECIDED;
    }

    /** One page of the notices waiting for approval, the longest waiting first, optionally of one partner. */
    public List<NoticeRecord> waiting(String partnerId, int page, int size) {
        // issued_at holds the submission time while a notice waits; the (state, issued_at) index serves this.
        return jdbc.sql(
                        "select " + NoticeLedger.COLUMNS + " from notice where state = ?"
                                + " and (cast(? as varchar(64)) is null or partner_id = ?) order by issued_at, id limit ? offset ?")
                .params(NoticeState.PENDING_APPROVAL.name(), partnerId, partnerId, size, page * size)
                .query(NoticeLedger::notice)
                .list();
    }

    public long countWaiting(String partnerId) {
        return notices.count(partnerId, NoticeState.PENDING_APPROVAL);
    }

    private Decision refused(String id, String person) {
        return jdbc.sql("select state, submitted_by from notice where id = ?")
                .param(id)
                .query((rs, n) ->
                        NoticeState.PENDING_APPROVAL.name().equals(rs.getString(1)) && person.equals(rs.getString(2))
                                ? Decision.OWN_NOTICE
                                : Decision.NOT_PENDING)
                .optional()
                .orElse(Decision.NOT_PENDING);
    }
}
