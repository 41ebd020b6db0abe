package org.amanat.notice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.amanat.ledger.ApprovalLedger;
import org.amanat.ledger.ApprovalLedger.Decision;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Texts;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The second pair of eyes: a held notice is approved (then sealed and sent, its deadlines running from
 * the approval) or declined with a reason (final, never sealed), by anyone but the person who asked for
 * it. Of concurrent decisions (and a withdrawal) the database lets exactly one win ({@link ApprovalLedger});
 * the others are answered 409 and change nothing.
 */
@Service
class NoticeApprovals {
    private final NoticeIssuer issuer;
    private final ApprovalLedger approvals;
    private final PartnerDirectory partners;
    private final Clock clock;

    NoticeApprovals(NoticeIssuer issuer, ApprovalLedger approvals, PartnerDirectory partners, Clock clock) {
        this.issuer = issuer;
        this.approvals = approvals;
        this.partners = partners;
        this.clock = clock;
    }

    /** @param approver the acting person (the authenticated principal's name) */
    void approve(String id, String approver) {
        NoticeRecord held = pending(id, approver);
        Notice draft = ProtocolJson.read(held.noticeJson().getBytes(StandardCharsets.UTF_8), Notice.class);
        Instant at = clock.instant();
        Notice issued = Deadlines.issuedAt(
                draft, at, partners.get(held.partnerId()).profile().obligations());
        var approved = new ApprovalLedger.Approved(
                id,
                approver,
                at,
                issued.ackDeadline(),
                issued.actionDeadline(),
                new String(ProtocolJson.write(issued), StandardCharsets.UTF_8),
                draft.type() == NoticeType.RESTORE ? NoticeIssuer.RESTORABLE : null);
        try {
            refuseUnless(approvals.approve(approved), id);
        } catch (OptimisticLockingFailureException changed) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.CONFLICT,
                    "changed-meanwhile",
                    List.of(new Violation(
                            "relatesTo",
                            "notice " + draft.relatesTo()
                                    + " is no longer acted on, so this RESTORE cannot be approved; nothing was"
                                    + " recorded: decline it")));
        }
    }

    /** @param decliner the acting person (the authenticated principal's name) */
    void decline(String id, String decliner, DeclineRequest request) {
        String problem = Texts.textProblem(request.reason(), NoticeRequestValidator.MAX_REASON);
        if (problem != null) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.INVALID, "invalid-decline", List.of(new Violation("reason", problem)));
        }
        pending(id, decliner);
        refuseUnless(approvals.decline(id, decliner, clock.instant(), request.reason()), id);
    }

    /** The notice, if it waits for a decision that this person may make; checked again by the ledger's update. */
    private NoticeRecord pending(String id, String person) {
        NoticeRecord notice = issuer.find(id);
        if (notice.state() != NoticeState.PENDING_APPROVAL) {
            throw notPending(notice);
        }
        if (person.equals(notice.submittedBy())) {
            throw ownNotice();
        }
        return notice;
    }

    private void refuseUnless(Decision decision, String id) {
        switch (decision) {
            case DECIDED -> {}
            case OWN_NOTICE -> throw ownNotice();
            case NOT_PENDING -> throw notPending(issuer.find(id));
        }
    }

    private static InvalidRequestException ownNotice() {
        return new InvalidRequestException(
                InvalidRequestException.Kind.FORBIDDEN,
                "own-notice",
                List.of(new Violation(
                        "(request)",
                        "a notice is approved or declined by someone other than the person who issued it")));
    }

    private static InvalidRequestException notPending(NoticeRecord notice) {
        NoticeRecord.Approval approval = notice.approval();
        String how = approval == null
                ? "it was not held for approval"
                : approval.decision() == null
                        ? "it was withdrawn while waiting"
                        : approval.decision().toLowerCase() + " by " + approval.decidedBy() + " at "
                                + approval.decidedAt();
        return new InvalidRequestException(
                InvalidRequestException.Kind.CONFLICT,
                "not-pending",
                List.of(new Violation(
                        "state",
                        "notice " + notice.id() + " is " + notice.state() + ", not waiting for approval: " + how)));
    }
}
