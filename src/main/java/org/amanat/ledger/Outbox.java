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
    private static final Set<String> ENDED_BY_THE_MINISTRY = Set.of(NoticeState.WITHDRAWN.name(), NoticeState.ABANDONED.name(),
            NoticeState.RESTORED.name());

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Leases up to {@code limit} of a partner's entries, in issue order, for {@code lease}: those due
     * now, or with {@code oldestEvenIfNotDue} the oldest ones whatever their time (a probe of a
     * recovering partner goes with the head of its queue).
     */
    public List<DueDelivery> claim(String partnerId, String owner, Instant now, Duration lease, int limit, boolean oldestEvenIfNotDue) {
        List<String> candidates = jdbc.sql("""
                select notice_id from outbox
                where partner_id = ? and (cast(? as boolean) or due_at <= ?) and (lease_until is null or lease_until < ?)
                order by issued_at, notice_id limit ?""")
                .params(partnerId, oldestEvenIfNotDue, utc(now), utc(now), limit)
                .query(String.class)
                .list();
        List<DueDelivery> claimed = new ArrayList<>();
        for (String id : candidates) {
            // The condition repeats the lease check, so of two nodes racing for one entry exactly one wins.
            int won = jdbc.sql("""
                    update outbox set lease_owner = ?, lease_until = ?
                    where notice_id = ? and (lease_until is null or lease_until < ?)""")
                    .params(owner, utc(now.plus(lease)), id, utc(now))
                    .update();
            if (won == 1) {
                // Read again once ours: another node may have recorded an attempt since the first select.
                claimed.add(jdbc.sql("""
                        select o.notice_id, o.partner_id, o.attempts, n.notice_json, o.issued_at, o.lease_owner, o.flagged_at
                        from outbox o join notice n on n.id = o.notice_id where o.notice_id = ?""")
                        .param(id)
                        .query((rs, row) -> new DueDelivery(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                NoticeLedger.time(rs, "issued_at"), rs.getString("lease_owner"), rs.getObject("flagged_at") != null))
                        .single());
            }
        }
        return claimed;
    }

    /** A partner is back: its whole backlog is due now, and is claimed in issue order. */
    public int makeDueNow(String partnerId, Instant now) {
        return jdbc.sql("update outbox set due_at = ? where partner_id = ? and due_at > ?")
                .params(utc(now), partnerId, utc(now))
                .update();
    }

    /** At start-up: whatever this node had leased before it stopped is due again at once. */
    public int releaseLeasesOf(String owner) {
        return jdbc.sql("update outbox set lease_owner = null, lease_until = null where lease_owner = ?").param(owner).update();
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
     * DELIVERED with the receipt as evidence; the entry leaves the outbox. One transaction. A notice the
     * ministry has already ended (WITHDRAWN, ABANDONED, RESTORED) or the partner has already reported on
     * keeps its state: the attempt, the receipt (if none is kept yet) and the event are recorded, not applied.
     */
    @Transactional
    public void recordDelivered(AttemptOutcome outcome) {
        String id = outcome.delivery().noticeId();
        insertAttempt(outcome, "DELIVERED");
        int moved = jdbc.sql("update notice set state = ? where id = ? and state in (?, ?)")
                .params(NoticeState.DELIVERED.name(), id, NoticeState.ISSUED.name(), NoticeState.DELIVERY_FAILED.name())
                .update();
        jdbc.sql("""
                update notice set delivered_at = ?, receipt_der = ?, receipt_disposition = ?,
                    receipt_partner_reference = ?, receipt_signature_algorithm = ?, receipt_digest = ?
                where id = ? and receipt_der is null""")
                .params(utc(outcome.finishedAt()), outcome.receiptDer(), outcome.disposition(),
                        outcome.partnerReference(), outcome.signatureAlgorithm(), outcome.sentDigest(), id)
                .update();
        jdbc.sql("delete from outbox where notice_id = ?").param(id).update();
        String detail = outcome.disposition() + " by " + outcome.delivery().partnerId() + ", attempt " + outcome.delivery().attemptNo();
        if (moved == 0) {
            String state = jdbc.sql("select state from notice where id = ?").param(id).query(String.class).single();
            if (ENDED_BY_THE_MINISTRY.contains(state)) {
                detail += "; the notice stays " + state;
            }
        }
        event(id, outcome.finishedAt(), "DELIVERED", detail);
    }

    /**
     * A failed attempt: recorded with its reason, the entry stays due at {@code nextDueAt}, and once an
     * attempt may have reached the partner the entry says so for good (see {@link NoticeLedger#endUndelivered}). When
     * {@code immediateAttemptsSpent}, an ISSUED notice becomes DELIVERY_FAILED; when {@code overdue}, the
     * entry is flagged once, with a DELIVERY_OVERDUE event. One transaction.
     */
    @Transactional
    public void recordFailed(AttemptOutcome outcome, Instant nextDueAt, boolean immediateAttemptsSpent, boolean overdue) {
        String id = outcome.delivery().noticeId();
        insertAttempt(outcome, "FAILED");
        jdbc.sql("""
                update outbox set attempts = ?, due_at = ?, lease_owner = null, lease_until = null,
                    possibly_delivered = (possibly_delivered or ?)
                where notice_id = ?""")
                .params(outcome.delivery().attemptNo(), utc(nextDueAt), outcome.mayHaveReachedPartner(), id)
                .update();
        if (overdue && jdbc.sql("update outbox set flagged_at = ? where notice_id = ? and flagged_at is null")
                .params(utc(outcome.finishedAt()), id).update() == 1) {
            event(id, outcome.finishedAt(), "DELIVERY_OVERDUE", "still undelivered after " + outcome.delivery().attemptNo()
                    + " attempts since " + outcome.delivery().issuedAt() + "; retrying until withdrawn or abandoned");
        }
        if (immediateAttemptsSpent) {
            int changed = jdbc.sql("update notice set state = ? where id = ? and state = ?")
                    .params(NoticeState.DELIVERY_FAILED.name(), id, NoticeState.ISSUED.name())
                    .update();
            if (changed == 1) {
                event(id, outcome.finishedAt(), "DELIVERY_FAILED",
                        "after " + outcome.delivery().attemptNo() + " attempts: " + outcome.reason() + "; next attempt at " + nextDueAt);
            }
        }
    }

    private void insertAttempt(AttemptOutcome outcome, String result) {
        jdbc.sql("""
                insert into delivery_attempt (notice_id, attempt_no, started_at, finished_at, outcome, http_status, reason, sent_digest,
                    node_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(outcome.delivery().noticeId(), outcome.delivery().attemptNo(), utc(outcome.startedAt()),
                        utc(outcome.finishedAt()), result, outcome.httpStatus(), truncate(outcome.reason()), outcome.sentDigest(),
                        outcome.delivery().leaseOwner())
                .update();
    }

    private void event(String noticeId, Instant at, String kind, String detail) {
        jdbc.sql("insert into notice_event (notice_id, at, kind, detail) values (?, ?, ?, ?)")
                .params(noticeId, utc(at), kind, truncate(detail))
                .update();
    }
}
