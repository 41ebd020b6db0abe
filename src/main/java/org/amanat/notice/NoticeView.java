package org.amanat.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusRecord;

/**
 * A notice as the officers' API shows it; the list leaves out the notice body and history. A notice held for
 * approval has {@code approval}, and no {@code issuedAt} or deadlines until it is approved; its {@code notice}
 * is the draft until then (approval sets its issue time and deadlines).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NoticeView(
        String id,
        NoticeState state,
        String partnerId,
        String type,
        String urgency,
        String category,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        Instant deliveredAt,
        NoticeRecord.ReceiptSummary receipt,
        String relatesTo,
        Instant actedAt,
        Boolean actionLate,
        String statusReason,
        Instant submittedAt,
        NoticeRecord.Approval approval,
        @JsonRawValue String notice,
        List<AttemptRecord> attempts,
        List<EventRecord> history,
        List<StatusRecord.Item> itemOutcomes) {

    static NoticeView summary(NoticeRecord r) {
        return new NoticeView(r.id(), r.state(), r.partnerId(), r.type(), r.urgency(), r.category(), r.issuedAt(),
                r.ackDeadline(), r.actionDeadline(), r.deliveredAt(), r.receipt(), r.relatesTo(), r.actedAt(), r.actionLate(),
                r.statusReason(), r.submittedAt(), r.approval(), null, null, null, null);
    }

    static NoticeView detail(NoticeRecord r, List<AttemptRecord> attempts, List<EventRecord> history,
            List<StatusRecord.Item> itemOutcomes) {
        return new NoticeView(r.id(), r.state(), r.partnerId(), r.type(), r.urgency(), r.category(), r.issuedAt(),
                r.ackDeadline(), r.actionDeadline(), r.deliveredAt(), r.receipt(), r.relatesTo(), r.actedAt(), r.actionLate(),
                r.statusReason(), r.submittedAt(), r.approval(), r.noticeJson(), attempts, history, itemOutcomes);
    }
}
