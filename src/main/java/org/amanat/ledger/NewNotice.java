package org.amanat.ledger;

import org.amanat.protocol.Urgency;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Category;
import java.time.Instant;

/**
 * A notice to record as ISSUED, with the exact JSON that will be signed for the partner.
 *
 * @param relatesTo for RESTORE and WITHDRAWAL, the earlier notice; it moves to {@code relatedBecomes}
 * @param relatedWas the state the earlier notice must still be in for that move
 * @param actor the person signed in who issued it, named in its history (and the one person who can never approve it)
 * @param heldFor why the approval policy holds it for a second person; null when it goes out at once
 */
public record NewNotice(
        String id,
        String partnerId,
        NoticeType type,
        Urgency urgency,
        Category category,
        Instant issuedAt,
        Instant ackDeadline,
        Instant actionDeadline,
        String noticeJson,
        String relatesTo,
        NoticeState relatedBecomes,
        NoticeState relatedWas,
        String actor,
        String heldFor) {

    public boolean held() {
        return heldFor != null;
    }
}
