package org.amanat.notice;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.StatusRecord;

/**
 * A notice as the officers' API shows it: every field of the ledger's record, its signed JSON as it was signed
 * ({@code notice}, not as an escaped string), and in the detail its attempts, history and item outcomes; the list's
 * summary leaves out the body and history. A notice held for approval has {@code approval}, and no {@code issuedAt} or
 * deadlines until it is approved; its {@code notice} is the draft until then (approval sets its issue time and deadlines).
 * A field added to the record shows here with no edit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NoticeView(
        @JsonUnwrapped @JsonIgnoreProperties("noticeJson") NoticeRecord record,
        @JsonRawValue String notice,
        List<AttemptRecord> attempts,
        List<EventRecord> history,
        List<StatusRecord.Item> itemOutcomes) {

    static NoticeView summary(NoticeRecord r) {
        return new NoticeView(r, null, null, null, null);
    }

    static NoticeView detail(
            NoticeRecord r,
            List<AttemptRecord> attempts,
            List<EventRecord> history,
            List<StatusRecord.Item> itemOutcomes) {
        return new NoticeView(r, r.noticeJson(), attempts, history, itemOutcomes);
    }
}
