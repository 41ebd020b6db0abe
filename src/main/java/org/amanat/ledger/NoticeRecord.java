package org.amanat.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;

/**
 * A notice as the ledger holds it. {@code receipt} is null until DELIVERED; {@code actedAt} and
 * {@code actionLate} are set by the partner's status updates. {@code issuedAt} and the deadlines are null
 * while a held notice was never issued to its partner (pending approval, declined, or withdrawn while pending).
 * {@code approval} is null unless the approval policy held it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeRecord(
        String id,
        String partnerId,
        NoticeType type,
        Urgency urgency,
        Category category,
        NoticeState state,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        String noticeJson,
        Instant deliveredAt,
        ReceiptSummary receipt,
        String relatesTo,
        Instant actedAt,
        Boolean actionLate,
        String statusReason,
        Instant submittedAt,
        String submittedBy,
        Approval approval) {

    /** Whether it went to its partner: a held notice goes at approval, and one never approved never does. */
    public boolean issuedToPartner() {
        return issuedAt != null;
    }

    /**
     * Four-eyes approval of a held notice.
     *
     * @param heldFor why the policy held it
     * @param decision APPROVED or DECLINED; null while it waits (or if it was withdrawn while waiting)
     * @param reason the reason given with a decline
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Approval(String heldFor, String decision, String decidedBy, Instant decidedAt, String reason) {}

    /** What the partner's verified receipt said; the raw DER is kept in the ledger as evidence. */
    public record ReceiptSummary(
            String disposition, String partnerReference, String signatureAlgorithm, String digest, int derLength) {}
}
