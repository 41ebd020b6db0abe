package org.amanat.ledger;

import java.time.Instant;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/**
 * A {@link NoticeRecord} for a test, built by name: an URGENT GAMBLING TAKEDOWN to "tube", ISSUED, with nothing else
 * set, and the test names only what it is about. A field added to the record is one more line here, not an edit of
 * every test.
 */
public final class NoticeRecords {
    private String id;
    private String partnerId = "tube";
    private NoticeType type = NoticeType.TAKEDOWN;
    private Urgency urgency = Urgency.URGENT;
    private Category category = Category.GAMBLING;
    private NoticeState state = NoticeState.ISSUED;
    private Instant issuedAt;
    private Instant ackDeadline;
    private Instant actionDeadline;
    private String noticeJson = "{}";
    private Instant deliveredAt;
    private NoticeRecord.ReceiptSummary receipt;
    private String relatesTo;
    private Instant actedAt;
    private Boolean actionLate;
    private String statusReason;
    private Instant submittedAt;
    private String submittedBy;
    private NoticeRecord.Approval approval;

    private NoticeRecords(String id) {
        this.id = id;
    }

    public static NoticeRecords notice(String id) {
        return new NoticeRecords(id);
    }

    public NoticeRecords partner(String partnerId) {
        this.partnerId = partnerId;
        return this;
    }

    public NoticeRecords type(NoticeType type) {
        this.type = type;
        return this;
    }

    public NoticeRecords urgency(Urgency urgency) {
        this.urgency = urgency;
        return this;
    }

    public NoticeRecords category(Category category) {
        this.category = category;
        return this;
    }

    public NoticeRecords state(NoticeState state) {
        this.state = state;
        return this;
    }

    /** Issued to its partner at {@code at}, with these deadlines (a held notice has none of the three). */
    public NoticeRecords issued(Instant at, Instant ackDeadline, Instant actionDeadline) {
        this.issuedAt = at;
        this.ackDeadline = ackDeadline;
        this.actionDeadline = actionDeadline;
        return this;
    }

    public NoticeRecords noticeJson(String noticeJson) {
        this.noticeJson = noticeJson;
        return this;
    }

    public NoticeRecords delivered(Instant at, NoticeRecord.ReceiptSummary receipt) {
        this.deliveredAt = at;
        this.receipt = receipt;
        return this;
    }

    public NoticeRecords relatesTo(String relatesTo) {
        this.relatesTo = relatesTo;
        return this;
    }

    /** What the partner's status updates set. */
    public NoticeRecords acted(Instant at, Boolean late, String statusReason) {
        this.actedAt = at;
        this.actionLate = late;
        this.statusReason = statusReason;
        return this;
    }

    public NoticeRecords submitted(Instant at, String by) {
        this.submittedAt = at;
        this.submittedBy = by;
        return this;
    }

    public NoticeRecords approval(NoticeRecord.Approval approval) {
        this.approval = approval;
        return this;
    }

    public NoticeRecord build() {
        return new NoticeRecord(
                id,
                partnerId,
                type,
                urgency,
                category,
                state,
                issuedAt,
                ackDeadline,
                actionDeadline,
                noticeJson,
                deliveredAt,
                receipt,
                relatesTo,
                actedAt,
                actionLate,
                statusReason,
                submittedAt,
                submittedBy,
                approval);
    }
}
