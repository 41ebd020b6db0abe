package org.amanat.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;

/** A notice as the officers' API shows it; the list leaves out the notice body and history. */
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
        @JsonRawValue String notice,
        List<AttemptRecord> attempts,
        List<EventRecord> history) {

    static NoticeView summary(NoticeRecord r) {
        return new NoticeView(r.id(), r.state(), r.partnerId(), r.type(), r.urgency(), r.category(), r.issuedAt(),
                r.ackDeadline(), r.actionDeadline(), r.deliveredAt(), r.receipt(), null, null, null);
    }

    static NoticeView detail(NoticeRecord r, List<AttemptRecord> attempts, List<EventRecord> history) {
        return new NoticeView(r.id(), r.state(), r.partnerId(), r.type(), r.urgency(), r.category(), r.issuedAt(),
                r.ackDeadline(), r.actionDeadline(), r.deliveredAt(), r.receipt(), r.noticeJson(), attempts, history);
    }
}
