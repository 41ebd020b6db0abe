package org.amanat.notice;

import java.time.Instant;
import org.amanat.partner.PartnerProfile.Obligations;
import org.amanat.protocol.Notice;

/** A notice's issue time and the partner's deadlines that run from it: at issue, or at approval for a held notice. */
final class Deadlines {
    private Deadlines() {}

    static Notice issuedAt(Notice notice, Instant at, Obligations obligations) {
        return new Notice(
                notice.protocol(),
                notice.noticeId(),
                notice.type(),
                notice.partnerId(),
                at,
                notice.urgency(),
                at.plus(obligations.ackWithin()),
                at.plus(obligations.actionWithin().get(notice.urgency())),
                notice.category(),
                notice.legalBasis(),
                notice.items(),
                notice.statementOfReasons(),
                notice.issuer(),
                notice.evidence(),
                notice.relatesTo(),
                notice.territorialScope(),
                notice.redress());
    }
}
