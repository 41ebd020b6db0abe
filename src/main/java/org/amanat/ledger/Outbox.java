package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pending deliveries. A node leases due entries before working on them, so two nodes never deliver
 * the same entry at once, and a lease left by a crashed node runs out and the entry is due again.
 */
@Repository
public class Outbox {
    /** States that no later receipt changes. */
    private static final Set<String> ENDED_BY_THE_MINISTRY =
            Set.of(NoticeState.WITHDRAWN.name(), NoticeState.ABANDONED.name(), NoticeState.RESTORED.name());
    /** The condition of a lease still held: this owner, this token, not run out. */
    private static final String HELD = "notice_id = ? and lease_owner = ? and lease_token = ? and lease_until >= ?";

    private final JdbcClient jdbc;
    private final NoticeEvents events;

    Outbox(JdbcClient jdbc, NoticeEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Leases up to {@code limit} of a partner's entries, in issue order, for {@code lease}: those due
     * now, or with {@code oldestEvenIfNotDue} the oldest ones whatever their time (a probe of a
     * recovering partner goes with the head of its queue). Each lease gets a new fencing token. Entries in
     * {@code inFlight} are left alone even if their lease ran out: the caller is still sending them, and
     * leasing one again would send it twice.
     */
    public List<DueDelivery> claim(
            String partnerId,
            String owner,
            Instant now,
            Duration lease,
            int limit,
            boolean oldestEvenIfNotDue,
            Set<String> inFlight) {
        List<String> candidates = jdbc.sql("""
                select notice_id from outbox
                where partner_id = ? and (cast(? as boolean) or due_at <= ?) and (lease_until is null or lease_until < ?)
                order by issued_at, notice_id limit ?""")
                .params(partnerId, oldestEvenIfNotDue, utc(now), utc(now), limit + inFlight.size())
                .query(String.class)
                .list();
        List<DueDelivery> claimed = new ArrayList<>();
        for (String id : candidates) {
            if (claimed.size() == limit) {
                break;
            }
            if (inFlight.contains(id)) {
                continue;
            }
            // The condition repeats the lease check, so of two nodes racing for one entry exactly one wins.
            int won = jdbc.sql("""
                    update outbox set lease_owner = ?, lease_until = ?, lease_token = lease_token + 1
                    where notice_id = ? and (lease_until is null or lease_until < ?)""")
                    .params(owner, utc(now.plus(lease)), id, utc(now))
                    .update();
            if (won == 1) {
                // Read again once ours: another node may have recorded an attempt since the first select.
                claimed.add(jdbc.sql("""
                        select o.notice_id, o.partner_id, o.attempts, n.notice_json, o.issued_at, o.lease_owner, o.lease_token,
                            o.flagged_at
                        from outbox o join notice n on n.id = o.notice_id where o.notice_id = ?""")
                        .param(id)
                        .query((rs, row) -> new DueDelivery(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getString(4),
                                LedgerRecords.time(rs, "issued_at"),
                                rs.getString("lease_owner"),
                                rs.getLong("lease_token"),
                                rs.getObject("flagged_at") != null))
                        .single());
            }
        }
        return claimed;
    }

    /** Extends a lease this node still holds; false once it has lost it (it ran out, or another node took the entry). */
    public boolean renew(DueDelivery delivery, Instant now, Duration lease) {
        return jdbc.sql("update outbox set lease_until = ? where " + HELD)
                        .params(
                                utc(now.plus(lease)),
                                delivery.noticeId(),
                                delivery.leaseOwner(),
                                delivery.leaseToken(),
                                utc(now))
                        .update()
                == 1;
    }

    /** Gives a lease back with no attempt counted: nothing was sent. Only this lease: another node's is left alone. */
    public void release(DueDelivery delivery) {
        jdbc.sql(
                        "update outbox set lease_owner = null, lease_until = null where notice_id = ? and lease_owner = ? and lease_token = ?")
                .params(delivery.noticeId(), delivery.leaseOwner(), delivery.leaseToken())
                .update();
    }

    /** A partner is back: its whole backlog is due now, and is claimed in issue order. */
    public int makeDueNow(String partnerId, Instant now) {
        return jdbc.sql("update outbox set due_at = ? where partner_id = ? and due_at > ?")
                .params(utc(now), partnerId, utc(now))
                .update();
    }

    /** At start-up: whatever this node had leased before it stopped is due again at once. */
    public int releaseLeasesOf(String owner) {
        return jdbc.sql("update outbox set lease_owner = null, lease_until = null where lease_owner = ?")
                .param(owner)
                .update();
    }

    public int pending() {
        return jdbc.sql("select count(*) from outbox").query(Integer.class).single();
    }

    /** Delivered notices per node, from the attempts that delivered them. */
    public Map<String, Integer> deliveredByNode() {
        var byNode = new TreeMap<String, Integer>();
        jdbc.sql("select node_id, count(*) from delivery_attempt where outcome = 'DELIVERED' group by node_id")
                .query((rs, row) -> byNode.put(rs.getString(1), rs.getInt(2)))
                .list();
        return byNode;
    }

    /**
     * DELIVERED with the receipt as evidence; the entry leaves the outbox. One transaction. Applied only
     * while this node still holds the lease it sent under; otherwise the attempt is recorded as LATE
     * with its receipt and nothing else changes. The notice's receipt is the first verified one of its
     * attempts and is never replaced. A notice the ministry has already ended (WITHDRAWN, ABANDONED,
     * RESTORED) or the partner has already reported on keeps its state; a receipt for a notice no longer
     * waiting for delivery is still kept as evidence if it is the first.
     *
     * @return whether it was applied (false: the lease was lost, the attempt is LATE)
     */
    @Transactional
    public boolean recordDelivered(AttemptOutcome outcome) {
        String id = outcome.delivery().noticeId();
        // The outbox row first, then the notice row: the order withdrawal takes them in.
        boolean held = jdbc.sql("delete from outbox where " + HELD)
                        .params(heldParams(outcome))
                        .update()
                == 1;
        boolean waiting = !held
                && jdbc.sql("select count(*) from outbox where notice_id = ?")
                                .param(id)
                                .query(Integer.class)
                                .single()
                        > 0;
        int attemptNo = insertAttempt(
                outcome,
                held ? "DELIVERED" : "LATE",
                held
                        ? null
                        : "receipt " + outcome.disposition() + " came after this node had lost its lease; not applied");
        int moved = !held
                ? 0
                : jdbc.sql("update notice set state = ? where id = ? and state in (?, ?)")
                        .params(
                                NoticeState.DELIVERED.name(),
                                id,
                                NoticeState.ISSUED.name(),
                                NoticeState.DELIVERY_FAILED.name())
                        .update();
        boolean kept = !waiting && keepFirstReceipt(id);
        String detail = outcome.disposition() + " by " + outcome.delivery().partnerId() + ", attempt " + attemptNo;
        if (!held && !kept) {
            event(
                    id,
                    outcome.finishedAt(),
                    NoticeEventKind.ATTEMPT_LATE,
                    detail + " from node " + outcome.delivery().leaseOwner()
                            + " after its lease was lost; kept with the attempt, not applied");
            return false;
        }
        if (moved == 0) {
            String state = jdbc.sql("select state from notice where id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            if (ENDED_BY_THE_MINISTRY.contains(state)) {
                detail += "; the notice stays " + state;
            }
        }
        event(
                id,
                outcome.finishedAt(),
                NoticeEventKind.DELIVERED,
                held ? detail : detail + "; recorded late, the receipt kept as evidence");
        return held;
    }

    /** The notice's receipt, if it has none yet: the first verified receipt of its attempts. */
    private boolean keepFirstReceipt(String id) {
        return jdbc.sql("""
                select finished_at, receipt_der, receipt_disposition, receipt_partner_reference, receipt_signature_algorithm, sent_digest
                from delivery_attempt where notice_id = ? and receipt_der is not null order by attempt_no limit 1""")
                .param(id)
                .query((rs, row) -> new Object[] {
                    utc(LedgerRecords.time(rs, "finished_at")),
                    rs.getBytes("receipt_der"),
                    rs.getString("receipt_disposition"),
                    rs.getString("receipt_partner_reference"),
                    rs.getString("receipt_signature_algorithm"),
                    rs.getString("sent_digest"),
                    id
                })
                .optional()
                .map(first -> jdbc.sql("""
                        update notice set delivered_at = ?, receipt_der = ?, receipt_disposition = ?,
                            receipt_partner_reference = ?, receipt_signature_algorithm = ?, receipt_digest = ?
                        where id = ? and receipt_der is null""").params(first).update() == 1)
                .orElse(false);
    }

    /**
     * A failed attempt: recorded with its reason, the entry stays due at {@code nextDueAt}, and once an
     * attempt may have reached the partner the entry says so for good (see {@link NoticeLedger#endUndelivered}). When
     * {@code immediateAttemptsSpent}, an ISSUED notice becomes DELIVERY_FAILED; when {@code overdue}, the
     * entry is flagged once, with a DELIVERY_OVERDUE event. One transaction. Applied only while this node
     * still holds the lease it sent under; otherwise the attempt is recorded as LATE and only the fact that
     * the partner may have the notice is kept.
     *
     * @return whether it was applied (false: the lease was lost, the attempt is LATE)
     */
    @Transactional
    public boolean recordFailed(
            AttemptOutcome outcome, Instant nextDueAt, boolean immediateAttemptsSpent, boolean overdue) {
        String id = outcome.delivery().noticeId();
        List<Object> params = new ArrayList<>(List.of(utc(nextDueAt), outcome.mayHaveReachedPartner()));
        params.addAll(List.of(heldParams(outcome)));
        boolean held = jdbc.sql("""
                update outbox set attempts = attempts + 1, due_at = ?, lease_owner = null, lease_until = null,
                    possibly_delivered = (possibly_delivered or ?)
                where""" + " " + HELD).params(params).update() == 1;
        if (!held) {
            if (outcome.mayHaveReachedPartner()) {
                // Not applied, but a withdrawal must still know that the partner may have the notice.
                jdbc.sql("update outbox set possibly_delivered = true where notice_id = ?")
                        .param(id)
                        .update();
            }
            int attemptNo = insertAttempt(
                    outcome, "LATE", "failed after this node had lost its lease, not applied: " + outcome.reason());
            event(
                    id,
                    outcome.finishedAt(),
                    NoticeEventKind.ATTEMPT_LATE,
                    "attempt " + attemptNo + " from node " + outcome.delivery().leaseOwner()
                            + " failed after its lease was lost; not applied");
            return false;
        }
        insertAttempt(outcome, "FAILED", outcome.reason());
        if (overdue
                && jdbc.sql("update outbox set flagged_at = ? where notice_id = ? and flagged_at is null")
                                .params(utc(outcome.finishedAt()), id)
                                .update()
                        == 1) {
            event(
                    id,
                    outcome.finishedAt(),
                    NoticeEventKind.DELIVERY_OVERDUE,
                    "still undelivered after " + outcome.delivery().attemptNo() + " attempts since "
                            + outcome.delivery().issuedAt() + "; retrying until withdrawn or abandoned");
        }
        if (immediateAttemptsSpent) {
            int changed = jdbc.sql("update notice set state = ? where id = ? and state = ?")
                    .params(NoticeState.DELIVERY_FAILED.name(), id, NoticeState.ISSUED.name())
                    .update();
            if (changed == 1) {
                event(
                        id,
                        outcome.finishedAt(),
                        NoticeEventKind.DELIVERY_FAILED,
                        "after " + outcome.delivery().attemptNo() + " attempts: " + outcome.reason()
                                + "; next attempt at " + nextDueAt);
            }
        }
        return true;
    }

    private static Object[] heldParams(AttemptOutcome outcome) {
        DueDelivery delivery = outcome.delivery();
        return new Object[] {
            delivery.noticeId(), delivery.leaseOwner(), delivery.leaseToken(), utc(outcome.finishedAt())
        };
    }

    /**
     * Records an attempt under the next number of its notice: attempts made under different leases
     * (a late one among them) never share a number. The notice row is locked so two writers count in turn.
     */
    private int insertAttempt(AttemptOutcome outcome, String result, String reason) {
        String id = outcome.delivery().noticeId();
        jdbc.sql("select id from notice where id = ? for update")
                .param(id)
                .query(String.class)
                .single();
        int attemptNo = jdbc.sql("select coalesce(max(attempt_no), 0) + 1 from delivery_attempt where notice_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
        jdbc.sql("""
                insert into delivery_attempt (notice_id, attempt_no, started_at, finished_at, outcome, http_status, reason, sent_digest,
                    node_id, receipt_der, receipt_disposition, receipt_partner_reference, receipt_signature_algorithm)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        attemptNo,
                        utc(outcome.startedAt()),
                        utc(outcome.finishedAt()),
                        result,
                        outcome.httpStatus(),
                        truncate(reason),
                        outcome.sentDigest(),
                        outcome.delivery().leaseOwner(),
                        outcome.receiptDer(),
                        outcome.disposition(),
                        outcome.partnerReference(),
                        outcome.signatureAlgorithm())
                .update();
        return attemptNo;
    }

    /** The delivery's steps are the gateway's own: no person acts in them. */
    private void event(String noticeId, Instant at, NoticeEventKind kind, String detail) {
        events.append(noticeId, at, kind, detail, null);
    }
}
