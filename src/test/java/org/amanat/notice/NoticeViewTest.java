package org.amanat.notice;

import static org.amanat.notice.NoticeIssuerTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeEventKind;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusRecord;
import org.amanat.protocol.NoticeType;
import org.junit.jupiter.api.Test;

/** What the officers' API shows of a notice: every field of the record, and the list's summary without the body and history. */
class NoticeViewTest {
    /** As Spring Boot's mapper writes: ISO instants, not numbers. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final NoticeRecord.ReceiptSummary RECEIPT =
            new NoticeRecord.ReceiptSummary("RECEIVED", "ref-1", "Ed25519", "d", 99);
    private static final NoticeRecord.Approval APPROVAL =
            new NoticeRecord.Approval("URGENT", "APPROVED", "approver-1", NOW, null);
    private static final NoticeRecord RECORD = NoticeRecords.notice("n-1")
            .state(NoticeState.ACTIONED)
            .issued(NOW.plusSeconds(1), NOW.plusSeconds(2), NOW.plusSeconds(3))
            .noticeJson("{\"a\":1}")
            .delivered(NOW.plusSeconds(4), RECEIPT)
            .relatesTo("n-0")
            .acted(NOW.plusSeconds(5), true, "done late")
            .submitted(NOW, "officer-1")
            .approval(APPROVAL)
            .build();

    @Test
    void theDetailShowsEveryFieldOfTheRecordWithTheSignedJsonAsJsonAndItsAttemptsHistoryAndItemOutcomes()
            throws Exception {
        var attempts = List.of(new AttemptRecord(1, NOW, NOW, "DELIVERED", 200, null, "digest"));
        var history = List.of(new EventRecord(NOW, NoticeEventKind.ISSUED, "issued", "officer-1"));
        var outcomes = List.of(new StatusRecord.Item("https://casino.example/play", "ACTIONED", NOW));

        JsonNode view = written(NoticeView.detail(RECORD, attempts, history, outcomes));

        assertRecordFields(view);
        assertThat(view.get("notice")).as("the signed JSON, as JSON").isEqualTo(JSON.readTree("{\"a\":1}"));
        assertThat(view.has("noticeJson")).as("not twice").isFalse();
        assertThat(view.get("attempts").get(0).get("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(view.get("history").get(0).get("kind").asText()).isEqualTo("ISSUED");
        assertThat(view.get("itemOutcomes").get(0).get("locator").asText()).isEqualTo("https://casino.example/play");
    }

    @Test
    void theSummaryLeavesOutTheBodyAndHistory() throws Exception {
        JsonNode summary = written(NoticeView.summary(RECORD));

        assertRecordFields(summary);
        assertThat(summary.has("notice")).isFalse();
        assertThat(summary.has("noticeJson")).isFalse();
        assertThat(summary.has("attempts")).isFalse();
        assertThat(summary.has("history")).isFalse();
        assertThat(summary.has("itemOutcomes")).isFalse();
    }

    @Test
    void whatANoticeDoesNotYetHaveIsLeftOutNotSentAsNull() throws Exception {
        var held = NoticeRecords.notice("n-2")
                .type(NoticeType.BLOCK)
                .state(NoticeState.PENDING_APPROVAL)
                .submitted(NOW, "officer-1")
                .approval(APPROVAL)
                .build();

        JsonNode view = written(NoticeView.summary(held));

        assertThat(view.has("issuedAt")).isFalse();
        assertThat(view.has("receipt")).isFalse();
        assertThat(view.has("relatesTo")).isFalse();
        assertThat(view.get("approval").has("reason")).isFalse();
    }

    /** As the API sends it: written out, then read back. */
    private static JsonNode written(NoticeView view) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(view));
    }

    private static void assertRecordFields(JsonNode view) {
        assertThat(view.get("id").asText()).isEqualTo("n-1");
        assertThat(view.get("partnerId").asText()).isEqualTo("tube");
        assertThat(view.get("type").asText()).isEqualTo("TAKEDOWN");
        assertThat(view.get("urgency").asText()).isEqualTo("URGENT");
        assertThat(view.get("category").asText()).isEqualTo("GAMBLING");
        assertThat(view.get("state").asText()).isEqualTo("ACTIONED");
        assertThat(view.get("issuedAt").asText()).isEqualTo(NOW.plusSeconds(1).toString());
        assertThat(view.get("ackDeadline").asText())
                .isEqualTo(NOW.plusSeconds(2).toString());
        assertThat(view.get("actionDeadline").asText())
                .isEqualTo(NOW.plusSeconds(3).toString());
        assertThat(view.get("deliveredAt").asText())
                .isEqualTo(NOW.plusSeconds(4).toString());
        assertThat(view.get("receipt").get("partnerReference").asText()).isEqualTo("ref-1");
        assertThat(view.get("relatesTo").asText()).isEqualTo("n-0");
        assertThat(view.get("actedAt").asText()).isEqualTo(NOW.plusSeconds(5).toString());
        assertThat(view.get("actionLate").asBoolean()).isTrue();
        assertThat(view.get("statusReason").asText()).isEqualTo("done late");
        assertThat(view.get("submittedAt").asText()).isEqualTo(NOW.toString());
        assertThat(view.get("submittedBy").asText()).isEqualTo("officer-1");
        assertThat(view.get("approval").get("decidedBy").asText()).isEqualTo("approver-1");
    }
}
