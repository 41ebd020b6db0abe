package org.amanat.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.amanat.protocol.Category;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Urgency;

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

    /** The row of a notice issued as it is, by {@code actor}, with its exact signed JSON. */
    public static NewNotice of(Notice notice, String actor) {
        return new NewNotice(
                notice.noticeId(),
                notice.partnerId(),
                notice.type(),
                notice.urgency(),
                notice.category(),
                notice.issuedAt(),
                notice.ackDeadline(),
                notice.actionDeadline(),
                new String(ProtocolJson.write(notice), StandardCharsets.UTF_8),
                notice.relatesTo(),
                null,
                null,
                actor,
                null);
    }

    /** The same, moving the notice it relates to from {@code was} to {@code becomes} in the same transaction. */
    public NewNotice moving(NoticeState was, NoticeState becomes) {
        return new NewNotice(
                id,
                partnerId,
                type,
                urgency,
                category,
                issuedAt,
                ackDeadline,
                actionDeadline,
                noticeJson,
                relatesTo,
                becomes,
                was,
                actor,
                heldFor);
    }

    /** The same, held by the approval policy for this reason. */
    public NewNotice heldFor(String reason) {
        return new NewNotice(
                id,
                partnerId,
                type,
                urgency,
                category,
                issuedAt,
                ackDeadline,
                actionDeadline,
                noticeJson,
                relatesTo,
                relatedBecomes,
                relatedWas,
                actor,
                reason);
    }

    public boolean held() {
        return heldFor != null;
    }
}
