package org.amanat.notice;

import org.amanat.ledger.NoticeEventKind;
import static org.amanat.notice.NoticeIssuerTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusRecord;
import org.junit.jupiter.api.Test;

/** What the officers' API shows of a notice: every field of the record, and the list's summary without the body and history. */
class NoticeViewTest {
    private static final NoticeRecord.ReceiptSummary RECEIPT = new NoticeRecord.ReceiptSummary("RECEIVED", "ref-1", "Ed25519", "d", 99);
    private static final NoticeRecord.Approval APPROVAL = new NoticeRecord.Approval("URGENT", "APPROVED", "approver-1", NOW, null);
    private static final NoticeRecord RECORD = new NoticeRecord("n-1", "tube", "TAKEDOWN", "URGENT", "GAMBLING", NoticeState.ACTIONED,
            NOW.plusSeconds(1), NOW.plusSeconds(2), NOW.plusSeconds(3), "{\"a\":1}", NOW.plusSeconds(4), RECEIPT, "n-0",
            NOW.plusSeconds(5), true, "done late", NOW, "officer-1", APPROVAL);

    @Test
    void theDetailShowsEveryFieldOfTheRecordWithItsAttemptsHistoryAndItemOutcomes() {
        var attempts = List.of(new AttemptRecord(1, NOW, NOW, "DELIVERED", 200, null, "digest"));
        var history = List.of(new EventRecord(NOW, NoticeEventKind.ISSUED, "issued", "officer-1"));
        var outcomes = List.of(new StatusRecord.Item("https://casino.example/play", "ACTIONED", NOW));

        NoticeView view = NoticeView.detail(RECORD, attempts, history, outcomes);

        assertThat(view).isEqualTo(new NoticeView("n-1", NoticeState.ACTIONED, "tube", "TAKEDOWN", "URGENT", "GAMBLING", NOW.plusSeconds(1),
                NOW.plusSeconds(2), NOW.plusSeconds(3), NOW.plusSeconds(4), RECEIPT, "n-0", NOW.plusSeconds(5), true, "done late", NOW,
                APPROVAL, "{\"a\":1}", attempts, history, outcomes));
    }

    @Test
    void theSummaryLeavesOutTheBodyAndHistory() {
        NoticeView summary = NoticeView.summary(RECORD);

        assertThat(summary).isEqualTo(new NoticeView("n-1", NoticeState.ACTIONED, "tube", "TAKEDOWN", "URGENT", "GAMBLING", NOW.plusSeconds(1),
                NOW.plusSeconds(2), NOW.plusSeconds(3), NOW.plusSeconds(4), RECEIPT, "n-0", NOW.plusSeconds(5), true, "done late", NOW,
                APPROVAL, null, null, null, null));
    }
}
