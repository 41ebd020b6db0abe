package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Notices and their history: written once when issued, read by the officers' API. */
@Repository
public class NoticeLedger {
    static final String COLUMNS = """
            id, partner_id, type, urgency, category, state, issued_at, ack_deadline, action_deadline, notice_json,
            delivered_at, receipt_disposition, receipt_partner_reference, receipt_signature_algorithm, receipt_digest,
            receipt_der, relates_to, acted_at, action_late, status_reason, submitted_at, submitted_by, held_for, decision,
            decided_by, decided_at, decision_reason""";

    private final JdbcClient jdbc;
    private final NoticeEvents events;

    NoticeLedger(JdbcClient jdbc, NoticeEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * The notice, its outbox entry and its ISSUED event, in one transaction: once this returns, nothing
     * is lost. A notice the approval policy holds ({@link NewNotice#held()}) is recorded PENDING_APPROVAL
     * instead, with no outbox entry and no deadlines, and a RESTORE among them moves the notice it relates to
     * only when approved ({@link ApprovalLedger#approve}). A RESTORE or WITHDRAWAL ({@code relatedBecomes} set) moves the notice it relates to into its new state in the same
     * transaction, only from the state the decision was made on: if another request or node changed it
     * meanwhile, nothing is recorded and {@link OptimisticLockingFailureException} is thrown.
     */
    @Transactional
    public void issue(NewNotice notice) {
        if (notice.held()) {
            insertHeld(notice);
            return;
        }
        if (notice.relatedBecomes() != null) {
            int moved = jdbc.sql(
                            "update notice set state = ?, closed_at = coalesce(closed_at, ?) where id = ? and state = ?")
                    .params(
                            notice.relatedBecomes().name(),
                            utc(notice.issuedAt()),
                            notice.relatesTo(),
                            notice.relatedWas().name())
                    .update();
            if (moved == 0) {
                throw new OptimisticLockingFailureException(
                        "notice " + notice.relatesTo() + " is no longer " + notice.relatedWas());
            }
            events.append(
                    notice.relatesTo(),
                    notice.issuedAt(),
                    NoticeEventKind.closedAs(notice.relatedBecomes()),
                    "by " + notice.type() + " notice " + notice.id(),
                    notice.actor());
        }
        insert(notice);
    }

    /**
     * {@link #issue(NewNotice)} with the {@code Idempotency-Key} it was asked with, recorded in the same transaction:
     * the notice and its key are stored together or not at all. An expired row of the same key is replaced. If another
     * request recorded the key meanwhile, nothing is recorded and {@link IdempotencyKeyTakenException} is thrown (on
     * PostgreSQL this waits for that request's transaction to end: the primary key is the race guard).
     */
    @Transactional
    public void issue(NewNotice notice, IdempotencyKey key) {
        issue(notice);
        jdbc.sql("delete from idempotency_key where principal = ? and idem_key = ? and expires_at <= ?")
                .params(key.principal(), key.key(), utc(key.createdAt()))
                .update();
        try {
            jdbc.sql("""
                    insert into idempotency_key (principal, idem_key, request_digest, notice_id, created_at, expires_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(
                            key.principal(),
                            key.key(),
                            key.requestDigest(),
                            notice.id(),
                            utc(key.createdAt()),
                            utc(key.expiresAt()))
                    .update();
        } catch (DuplicateKeyException taken) {
            throw new IdempotencyKeyTakenException(taken);
        }
    }

    /** What a person's key, still honoured at {@code now}, was used for; empty when unknown or expired. */
    public Optional<IdempotencyKey.Use> idempotencyKey(String principal, String key, Instant now) {
        return jdbc.sql(
                        "select request_digest, notice_id from idempotency_key where principal = ? and idem_key = ? and expires_at > ?")
                .params(principal, key, utc(now))
                .query((rs, row) -> new IdempotencyKey.Use(rs.getString(1), rs.getString(2)))
                .optional();
    }

    private void insert(NewNotice notice) {
        jdbc.sql("""
                insert into notice (id, partner_id, type, urgency, category, state, issued_at, ack_deadline, action_deadline,
                    notice_json, relates_to, submitted_at, submitted_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        notice.id(),
                        notice.partnerId(),
                        notice.type().name(),
                        notice.urgency().name(),
                        notice.category().name(),
                        NoticeState.ISSUED.name(),
                        utc(notice.issuedAt()),
                        utc(notice.ackDeadline()),
                        utc(notice.actionDeadline()),
                        notice.noticeJson(),
                        notice.relatesTo(),
                        utc(notice.issuedAt()),
                        notice.actor())
                .update();
        jdbc.sql("insert into outbox (notice_id, partner_id, due_at, attempts, issued_at) values (?, ?, ?, 0, ?)")
                .params(notice.id(), notice.partnerId(), utc(notice.issuedAt()), utc(notice.issuedAt()))
                .update();
        events.append(
                notice.id(), notice.issuedAt(), NoticeEventKind.ISSUED, "for " + notice.partnerId(), notice.actor());
    }

    /**
     * A held notice: no deadlines and no outbox entry until approved. Its issued_at holds the submission
     * time meanwhile, so lists keep their order; it is read as "not issued" ({@link NoticeRecord#issuedToPartner()}).
     */
    private void insertHeld(NewNotice notice) {
        jdbc.sql("""
                insert into notice (id, partner_id, type, urgency, category, state, issued_at, notice_json, relates_to,
                    submitted_at, submitted_by, held_for)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        notice.id(),
                        notice.partnerId(),
                        notice.type().name(),
                        notice.urgency().name(),
                        notice.category().name(),
                        NoticeState.PENDING_APPROVAL.name(),
                        utc(notice.issuedAt()),
                        notice.noticeJson(),
                        notice.relatesTo(),
                        utc(notice.issuedAt()),
                        notice.actor(),
                        truncate(notice.heldFor(), 200))
                .update();
        events.append(
                notice.id(),
                notice.issuedAt(),
                NoticeEventKind.APPROVAL_REQUESTED,
                "by " + notice.actor() + " for " + notice.partnerId() + "; held for a second person's approval: "
                        + notice.heldFor(),
                notice.actor());
    }

    /** How {@link #endUndelivered} went. */
    public enum Ending {
        /** Ended; no attempt can have reached the partner. */
        NEVER_SENT,
        /** Ended; an attempt may have reached the partner, so the WITHDRAWAL given (if any) was recorded to follow it. */
        POSSIBLY_DELIVERED,
        /** Nothing changed: a delivery attempt holds the outbox entry now; decide again once it has ended. */
        ATTEMPT_UNDER_WAY,
        /** Nothing changed: the notice is not (or no longer) waiting for delivery. */
        NOT_UNDELIVERED
    }

    /**
     * Ends the delivery of a notice not delivered — WITHDRAWN by an officer or ABANDONED by an
     * administrator: it leaves the outbox, so it is not sent again. One transaction.
     *
     * <p>The rule that keeps this safe against delivery on any node: the outbox entry is removed only
     * while no node holds its lease (an attempt under way may be putting it in the partner's hands
     * right now), by a conditional delete, so of this and a node leasing the entry exactly one wins.
     * If an earlier attempt may have reached the partner ({@code possibly_delivered}), the notice is
     * not "never sent": {@code withdrawal}, when given, is recorded in the same transaction and tells
     * the partner.
     */
    @Transactional
    public Ending endUndelivered(
            String id, NoticeState end, Instant at, String detail, String actor, NewNotice withdrawal) {
        Boolean possiblyDelivered = jdbc.sql("select possibly_delivered from outbox where notice_id = ?")
                .param(id)
                .query(Boolean.class)
                .optional()
                .orElse(null);
        if (possiblyDelivered == null) {
            return Ending.NOT_UNDELIVERED;
        }
        // Also conditional on what was read: an attempt that ended since may have changed it.
        int removed = jdbc.sql(
                        "delete from outbox where notice_id = ? and possibly_delivered = ? and (lease_until is null or lease_until < ?)")
                .params(id, possiblyDelivered, utc(at))
                .update();
        if (removed == 0) {
            return Ending.ATTEMPT_UNDER_WAY;
        }
        int changed = jdbc.sql("update notice set state = ?, closed_at = ? where id = ? and state in (?, ?)")
                .params(end.name(), utc(at), id, NoticeState.ISSUED.name(), NoticeState.DELIVERY_FAILED.name())
                .update();
        if (changed == 0) {
            // Every other way out of ISSUED and DELIVERY_FAILED removes the entry too; the caller reads the state
            // afresh.
            return Ending.NOT_UNDELIVERED;
        }
        if (!possiblyDelivered) {
            events.append(id, at, NoticeEventKind.closedAs(end), detail + " (never sent)", actor);
            return Ending.NEVER_SENT;
        }
        if (withdrawal == null) {
            events.append(
                    id,
                    at,
                    NoticeEventKind.closedAs(end),
                    detail + " (an earlier attempt may have reached the partner)",
                    actor);
        } else {
            events.append(
                    id,
                    at,
                    NoticeEventKind.closedAs(end),
                    detail + " (an earlier attempt may have reached the partner: WITHDRAWAL notice " + withdrawal.id()
                            + " tells it)",
                    actor);
            insert(withdrawal);
        }
        return Ending.POSSIBLY_DELIVERED;
    }

    /**
     * An officer withdraws a held notice before anyone decided on it: WITHDRAWN, final, never sent. Conditional
     * on PENDING_APPROVAL, like every decision on it ({@link ApprovalLedger}): of this and an approval, one wins.
     *
     * @return false if it was no longer waiting (approved, declined or withdrawn meanwhile); nothing changed then
     */
    @Transactional
    public boolean withdrawPending(String id, Instant at, String detail, String actor) {
        int won = jdbc.sql("update notice set state = ?, closed_at = ? where id = ? and state = ?")
                .params(NoticeState.WITHDRAWN.name(), utc(at), id, NoticeState.PENDING_APPROVAL.name())
                .update();
        if (won == 1) {
            events.append(
                    id,
                    at,
                    NoticeEventKind.WITHDRAWN,
                    detail + " (never sent: withdrawn while awaiting approval)",
                    actor);
        }
        return won == 1;
    }

    public Optional<NoticeRecord> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from notice where id = ?")
                .param(id)
                .query(NoticeLedger::notice)
                .optional();
    }

    /** One page of notices, newest first, optionally for one partner and in one state. */
    public List<NoticeRecord> list(String partnerId, NoticeState state, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from notice"
                        + " where (cast(? as varchar(64)) is null or partner_id = ?) and (cast(? as varchar(24)) is null or state = ?)"
                        + " order by issued_at desc, id desc limit ? offset ?")
                .params(partnerId, partnerId, name(state), name(state), size, page * size)
                .query(NoticeLedger::notice)
                .list();
    }

    public long count(String partnerId, NoticeState state) {
        return jdbc.sql(
                        "select count(*) from notice"
                                + " where (cast(? as varchar(64)) is null or partner_id = ?) and (cast(? as varchar(24)) is null or state = ?)")
                .params(partnerId, partnerId, name(state), name(state))
                .query(Long.class)
                .single();
    }

    /** How many notices each partner has in each state: partner → state → count. */
    public Map<String, Map<NoticeState, Long>> countsByPartnerAndState() {
        Map<String, Map<NoticeState, Long>> counts = new TreeMap<>();
        jdbc.sql("select partner_id, state, count(*) from notice group by partner_id, state")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(NoticeState.class))
                            .put(NoticeState.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return counts;
    }

    public List<AttemptRecord> attempts(String noticeId) {
        return jdbc.sql("""
                select attempt_no, started_at, finished_at, outcome, http_status, reason, sent_digest
                from delivery_attempt where notice_id = ? order by attempt_no, id""")
                .param(noticeId)
                .query((rs, row) -> new AttemptRecord(
                        rs.getInt("attempt_no"),
                        LedgerRecords.time(rs, "started_at"),
                        LedgerRecords.time(rs, "finished_at"),
                        rs.getString("outcome"),
                        (Integer) rs.getObject("http_status"),
                        rs.getString("reason"),
                        rs.getString("sent_digest")))
                .list();
    }

    public List<EventRecord> events(String noticeId) {
        return jdbc.sql("select at, kind, detail, actor from notice_event where notice_id = ? order by id")
                .param(noticeId)
                .query((rs, row) -> new EventRecord(
                        LedgerRecords.time(rs, "at"),
                        NoticeEventKind.valueOf(rs.getString("kind")),
                        rs.getString("detail"),
                        rs.getString("actor")))
                .list();
    }

    /** The raw receipt as the partner sent it: evidence of delivery. */
    public Optional<byte[]> receiptDer(String noticeId) {
        return jdbc.sql("select receipt_der from notice where id = ? and receipt_der is not null")
                .param(noticeId)
                .query((rs, row) -> rs.getBytes(1))
                .optional();
    }

    private static String name(NoticeState state) {
        return state == null ? null : state.name();
    }

    static NoticeRecord notice(ResultSet rs, int row) throws SQLException {
        byte[] der = rs.getBytes("receipt_der");
        var receipt = der == null
                ? null
                : new NoticeRecord.ReceiptSummary(
                        rs.getString("receipt_disposition"),
                        rs.getString("receipt_partner_reference"),
                        rs.getString("receipt_signature_algorithm"),
                        rs.getString("receipt_digest"),
                        der.length);
        String heldFor = rs.getString("held_for");
        var approval = heldFor == null
                ? null
                : new NoticeRecord.Approval(
                        heldFor,
                        rs.getString("decision"),
                        rs.getString("decided_by"),
                        LedgerRecords.time(rs, "decided_at"),
                        rs.getString("decision_reason"));
        Instant ackDeadline = LedgerRecords.time(rs, "ack_deadline");
        // A notice without deadlines was held and never approved: it was never issued to its partner.
        Instant issuedAt = ackDeadline == null ? null : LedgerRecords.time(rs, "issued_at");
        Instant submittedAt = LedgerRecords.time(rs, "submitted_at");
        return new NoticeRecord(
                rs.getString("id"),
                rs.getString("partner_id"),
                NoticeType.valueOf(rs.getString("type")),
                Urgency.valueOf(rs.getString("urgency")),
                Category.valueOf(rs.getString("category")),
                NoticeState.valueOf(rs.getString("state")),
                issuedAt,
                ackDeadline,
                LedgerRecords.time(rs, "action_deadline"),
                rs.getString("notice_json"),
                LedgerRecords.time(rs, "delivered_at"),
                receipt,
                rs.getString("relates_to"),
                LedgerRecords.time(rs, "acted_at"),
                (Boolean) rs.getObject("action_late"),
                rs.getString("status_reason"),
                submittedAt == null ? issuedAt : submittedAt,
                rs.getString("submitted_by"),
                approval);
    }
}
