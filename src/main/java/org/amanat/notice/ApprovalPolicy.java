package org.amanat.notice;

import java.util.ArrayList;
import java.util.List;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.springframework.stereotype.Component;

/**
 * Decides, when an officer issues a notice, whether it must wait for a second person (APPROVER) before it
 * is sealed and sent. WITHDRAWAL notices never reach it: holding a cancellation would keep an order in force.
 */
@Component
class ApprovalPolicy {
    private final ApprovalSettings settings;

    ApprovalPolicy(ApprovalSettings settings) {
        this.settings = settings;
    }

    /** Why the notice is held, every reason that applies, or null if it goes out at once. */
    String heldFor(Notice notice) {
        if (!settings.enabled() || notice.type() == NoticeType.WITHDRAWAL) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        if (settings.holdUrgent() && notice.urgency() == Urgency.URGENT) {
            reasons.add("URGENT");
        }
        if (settings.holdDomainBlocks()
                && notice.type() == NoticeType.BLOCK
                && notice.items().stream().anyMatch(item -> item.kind() == ItemKind.DOMAIN)) {
            reasons.add("BLOCK of a DOMAIN");
        }
        if (notice.items().size() > settings.holdOverItems()) {
            reasons.add("more than " + settings.holdOverItems() + " items");
        }
        return reasons.isEmpty() ? null : String.join(", ", reasons);
    }
}
