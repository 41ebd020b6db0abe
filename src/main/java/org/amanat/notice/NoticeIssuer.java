package org.amanat.notice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile.Obligations;
import org.amanat.protocol.Notice;
import org.amanat.protocol.ProtocolJson;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns a valid request into a notice with deadlines from the partner's obligations, and records it. */
@Service
class NoticeIssuer {
    private final NoticeRequestValidator validator;
    private final PartnerDirectory partners;
    private final NoticeLedger ledger;
    private final NoticeIds ids;
    private final Clock clock;

    NoticeIssuer(NoticeRequestValidator validator, PartnerDirectory partners, NoticeLedger ledger, NoticeIds ids, Clock clock) {
        this.validator = validator;
        this.partners = partners;
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
    }

    Notice issue(NoticeRequest request) {
        List<Violation> violations = new ArrayList<>(validator.validate(request));
        if (violations.isEmpty() && request.relatesTo() != null && ledger.find(request.relatesTo()).isEmpty()) {
            violations.add(new Violation("relatesTo", "no notice " + request.relatesTo()));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-notice", violations);
        }
        Obligations obligations = partners.get(request.partnerId()).profile().obligations();
        Instant issuedAt = clock.instant();
        var notice = new Notice(Notice.PROTOCOL, ids.next(), request.type(), request.partnerId(), issuedAt, request.urgency(),
                issuedAt.plus(obligations.ackWithin()), issuedAt.plus(obligations.actionWithin().get(request.urgency())),
                request.category(), request.legalBasis(), request.items(), request.statementOfReasons(), request.issuer(),
                request.evidence(), request.relatesTo(), request.territorialScope(), request.redress());
        ledger.issue(new NewNotice(notice.noticeId(), notice.partnerId(), notice.type().name(), notice.urgency().name(),
                notice.category().name(), issuedAt, notice.ackDeadline(), notice.actionDeadline(),
                new String(ProtocolJson.write(notice), StandardCharsets.UTF_8)));
        return notice;
    }
}
