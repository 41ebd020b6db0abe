package org.amanat.ledger;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which state a partner's report may follow (docs/protocol.md section 5). Before any answer, or after
 * a question (NEEDS_CLARIFICATION), any report applies. PARTIALLY_ACTIONED may still become
 * ACTIONED, or report more progress; it cannot become REJECTED (what was done stays done; refused
 * items are reported as item outcomes) nor a question again (the answer stopped the action clock).
 * ACTIONED and REJECTED are final. WITHDRAWN, RESTORED and ABANDONED are the ministry's and final:
 * a late report is kept but changes nothing.
 */
final class StatusTransitions {
    private static final Set<NoticeState> UNANSWERED = EnumSet.of(
            NoticeState.ISSUED, NoticeState.DELIVERED, NoticeState.DELIVERY_FAILED, NoticeState.NEEDS_CLARIFICATION);
    private static final Set<NoticeState> CLOSED_BY_MINISTRY =
            EnumSet.of(NoticeState.WITHDRAWN, NoticeState.RESTORED, NoticeState.ABANDONED);

    private StatusTransitions() {}

    /** The states in which a report of {@code reported} applies. */
    static Set<NoticeState> appliesIn(NoticeState reported) {
        Set<NoticeState> from = EnumSet.copyOf(UNANSWERED);
        if (reported == NoticeState.ACTIONED || reported == NoticeState.PARTIALLY_ACTIONED) {
            from.add(NoticeState.PARTIALLY_ACTIONED);
        }
        return from;
    }

    /** A report that does not apply but is no fault of the partner: the ministry closed the notice, or the final answer is sent again. */
    static boolean keptNotApplied(NoticeState current, NoticeState reported) {
        return CLOSED_BY_MINISTRY.contains(current)
                || (current == reported && (current == NoticeState.ACTIONED || current == NoticeState.REJECTED));
    }
}
