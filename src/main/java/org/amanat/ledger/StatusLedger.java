package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.utc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Partners' status updates, kept with their raw bytes; the notice's state follows the latest one. */
@Repository
public class StatusLedger {
    private final JdbcClient jdbc;
    private final NoticeEvents events;

    StatusLedger(JdbcClient jdbc, NoticeEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What became of a recorded status update. */
    public enum Outcome {
        /** The notice's state follows the report. */
        APPLIED,
        /** Kept as evidence; the notice's state is unchanged (closed by the ministry, or a final answer sent again). */
        KEPT_NOT_APPLIED
    }

    /**
     * Records the update, its item outcomes and, where {@link StatusTransitions} allows, the notice's new
     * state, in one transaction. The state changes by a conditional update, so of two concurrent
     * reports only one that may follow the other applies. A statusId seen before violates the primary
     * key ({@link org.springframework.dao.DuplicateKeyException}), which makes replay detection safe
     * between concurrent requests and nodes.
     *
     * @throws TransitionRefusedException when the report may not follow the notice's state; nothing is recorded
     */
    @Transactional
    public Outcome record(StatusRecord s) {
        boolean applied = apply(s);
        if (!applied) {
            NoticeState current = jdbc.sql("select state from notice where id = ?")
                    .param(s.noticeId())
                    .query((rs, row) -> NoticeState.valueOf(rs.getString(1)))
                    .single();
            if (!StatusTransitions.keptNotApplied(current, s.status())) {
                throw new TransitionRefusedException(current, s.status());
            }
        }
        jdbc.sql("""
                insert into status_update (status_id, notice_id, partner_id, status, sent_at, received_at, late, reason,
                    signature_algorithm, digest, raw_der, applied)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        s.statusId(),
                        s.noticeId(),
                        s.partnerId(),
                        s.status().name(),
                        utc(s.sentAt()),
                        utc(s.receivedAt()),
                        s.late(),
                        s.reason(),
                        s.signatureAlgorithm(),
                        s.digest(),
                        s.rawDer(),
                        applied)
                .update();
        for (StatusRecord.Item item : s.items()) {
            jdbc.sql("insert into status_item (status_id, locator, outcome, actioned_at) values (?, ?, ?, ?)")
                    .params(s.statusId(), item.locator(), item.outcome(), utc(item.actionedAt()))
                    .update();
        }
        // The report proves the partner has the notice: no need to send it again.
        jdbc.sql("delete from outbox where notice_id = ?").param(s.noticeId()).update();
        String detail = s.status() + " reported by " + s.partnerId() + " (status " + s.statusId() + ")"
                + (applied && s.late() ? ", after the action deadline" : "")
                + (s.reason() == null ? "" : ": " + s.reason());
        events.append(
                s.noticeId(),
                s.receivedAt(),
                applied ? NoticeEventKind.reported(s.status()) : NoticeEventKind.STATUS_NOT_APPLIED,
                applied ? detail : "kept, not applied: " + detail,
                null);
        return applied ? Outcome.APPLIED : Outcome.KEPT_NOT_APPLIED;
    }

    /** The one guard of which report may follow which: the update changes nothing unless the notice's state allows it. */
    private boolean apply(StatusRecord s) {
        List<String> from =
                StatusTransitions.appliesIn(s.status()).stream().map(Enum::name).toList();
        List<Object> params = new ArrayList<>(Arrays.asList(
                s.status().name(),
                utc(s.actedAt()),
                s.actedAt() == null ? null : s.late(),
                s.reason(),
                s.status().isResponse() ? utc(s.receivedAt()) : null,
                s.noticeId()));
        params.addAll(from);
        return jdbc.sql("""
                update notice set state = ?, acted_at = coalesce(?, acted_at), action_late = coalesce(?, action_late),
                    status_reason = ?, responded_at = coalesce(responded_at, ?)
                where id = ? and state in (%s)""".formatted(String.join(", ", Collections.nCopies(from.size(), "?"))))
                        .params(params)
                        .update()
                == 1;
    }

    /** Item outcomes of the reports applied to a notice, newest report last. */
    public List<StatusRecord.Item> items(String noticeId) {
        return jdbc.sql("""
                select i.locator, i.outcome, i.actioned_at from status_item i join status_update u on u.status_id = i.status_id
                where u.notice_id = ? and u.applied order by u.received_at, i.id""")
                .param(noticeId)
                .query((rs, row) ->
                        new StatusRecord.Item(rs.getString(1), rs.getString(2), LedgerRecords.time(rs, "actioned_at")))
                .list();
    }
}
