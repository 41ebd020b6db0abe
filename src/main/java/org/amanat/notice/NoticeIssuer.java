package org.amanat.notice;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.amanat.ledger.IdempotencyKey;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile.Obligations;
import org.amanat.protocol.Category;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Urgency;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.NotFoundException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Turns valid requests into notices with deadlines from the partner's obligations, and records them:
 * new notices, RESTOREs of notices acted on, and withdrawals. The person who acts ({@code actor}) is the one signed
 * in: the signed notice names them as {@code issuer.officerId}, and the history names them for each step. A notice
 * the {@link ApprovalPolicy} holds is recorded PENDING_APPROVAL, to be approved or declined by a second person
 * ({@link NoticeApprovals}).
 */
@Service
class NoticeIssuer {
    static final Set<NoticeState> RESTORABLE = Set.of(NoticeState.ACTIONED, NoticeState.PARTIALLY_ACTIONED);
    private static final Set<NoticeState> UNDELIVERED = Set.of(NoticeState.ISSUED, NoticeState.DELIVERY_FAILED);
    private static final Set<NoticeState> WITHDRAWABLE_BY_NOTICE =
            Set.of(NoticeState.DELIVERED, NoticeState.NEEDS_CLARIFICATION);
    private static final Duration ATTEMPT_WAIT = Duration.ofSeconds(2);
    private static final Duration ATTEMPT_POLL = Duration.ofMillis(20);

    private final NoticeRequestValidator validator;
    private final PartnerDirectory partners;
    private final NoticeLedger ledger;
    private final NoticeIds ids;
    private final ApprovalPolicy policy;
    private final Clock clock;

    NoticeIssuer(
            NoticeRequestValidator validator,
            PartnerDirectory partners,
            NoticeLedger ledger,
            NoticeIds ids,
            ApprovalPolicy policy,
            Clock clock) {
        this.validator = validator;
        this.partners = partners;
        this.ledger = ledger;
        this.ids = ids;
        this.policy = policy;
        this.clock = clock;
    }

    /** @param actor the person signed in: the notice's officer, on record, and the one person who can never approve it */
    Notice issue(NoticeRequest request, String actor) {
        return issue(request, actor, null);
    }

    /** The same, recording the request's {@code Idempotency-Key} (when not null) with the notice, in its transaction. */
    Notice issue(NoticeRequest request, String actor, IdempotencyKey key) {
        List<Violation> violations = new ArrayList<>(validator.validate(request));
        if (request.type() == NoticeType.WITHDRAWAL) {
            violations.add(new Violation("type", "withdraw with POST /api/v1/notices/{id}/withdrawal"));
        }
        NoticeRecord related = null;
        if (violations.isEmpty() && request.relatesTo() != null) {
            related = ledger.find(request.relatesTo()).orElse(null);
            violations.addAll(relatedProblems(request, related));
        }
        refuse("invalid-notice", violations);
        Notice notice = build(
                request.type(),
                request.partnerId(),
                request.urgency(),
                request.category(),
                request.legalBasis(),
                request.items(),
                request.statementOfReasons(),
                new Notice.Issuer(
                        request.issuer().authority(), actor, request.issuer().contact()),
                request.evidence(),
                request.relatesTo(),
                request.territorialScope(),
                request.redress());
        boolean restore = request.type() == NoticeType.RESTORE;
        String heldFor = policy.heldFor(notice);
        try {
            // A held RESTORE moves the notice it undoes only when approved.
            NewNotice recorded = heldFor != null
                    ? NewNotice.of(notice, actor).heldFor(heldFor)
                    : restore
                            ? NewNotice.of(notice, actor).moving(related.state(), NoticeState.RESTORED)
                            : NewNotice.of(notice, actor);
            if (key == null) {
                ledger.issue(recorded);
            } else {
                ledger.issue(recorded, key);
            }
        } catch (OptimisticLockingFailureException changed) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.CONFLICT,
                    "changed-meanwhile",
                    List.of(
                            new Violation(
                                    "relatesTo",
                                    "notice " + related.id()
                                            + " changed while this RESTORE was recorded; nothing was recorded, look at it again")));
        }
        return notice;
    }

    /** A RESTORE must undo a TAKEDOWN or BLOCK of the same partner that was acted on. */
    private static List<Violation> relatedProblems(NoticeRequest request, NoticeRecord related) {
        if (related == null) {
            return List.of(new Violation("relatesTo", "no notice " + request.relatesTo()));
        }
        if (!related.partnerId().equals(request.partnerId())) {
            return List.of(new Violation(
                    "relatesTo",
                    "notice " + related.id() + " is for " + related.partnerId() + ", not " + request.partnerId()));
        }
        if (request.type() == NoticeType.RESTORE && !RESTORABLE.contains(related.state())) {
            return List.of(new Violation(
                    "relatesTo", "nothing to restore: notice " + related.id() + " is " + related.state()));
        }
        return List.of();
    }

    /**
     * Withdraws a notice. Never sent: it leaves the outbox (null is returned). Delivered but not acted
     * on, or possibly delivered (an attempt failed after the notice was sent): a WITHDRAWAL notice
     * travels to the partner like any notice, and is returned. Acted on: refused, as that is what a
     * RESTORE is for. While a delivery attempt holds the notice, nobody can tell which of these it
     * is, so this waits for the attempt to end and decides on what it left ({@link #awaitAttempt}).
     */
    Notice withdraw(String id, WithdrawalRequest request, String actor) {
        refuse("invalid-withdrawal", validator.validateReason(request.reason()));
        NoticeRecord original = find(id);
        Notice earlier = ProtocolJson.read(original.noticeJson().getBytes(StandardCharsets.UTF_8), Notice.class);
        if (!actor.equals(earlier.issuer().officerId())) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.FORBIDDEN,
                    "not-your-notice",
                    List.of(new Violation(
                            "(path)",
                            "an officer withdraws only their own notices; notice " + id
                                    + " was issued by someone else")));
        }
        String detail = "by officer " + actor + ": " + request.reason();
        var issuer = new Notice.Issuer(
                earlier.issuer().authority(), actor, earlier.issuer().contact());
        for (int waits = 0; ; ) {
            NoticeState state = ledger.find(id).orElseThrow().state();
            if (state == NoticeState.PENDING_APPROVAL) {
                if (ledger.withdrawPending(id, clock.instant(), detail, actor)) {
                    return null;
                }
                throw new InvalidRequestException(
                        InvalidRequestException.Kind.CONFLICT,
                        "changed-meanwhile",
                        List.of(
                                new Violation(
                                        "state",
                                        "notice " + id
                                                + " was approved or declined while this withdrawal was made; nothing was recorded, look at it again")));
            }
            Notice withdrawal = build(
                    NoticeType.WITHDRAWAL,
                    earlier.partnerId(),
                    Urgency.URGENT,
                    earlier.category(),
                    earlier.legalBasis(),
                    earlier.items(),
                    request.reason(),
                    issuer,
                    List.of(),
                    id,
                    earlier.territorialScope(),
                    earlier.redress());
            if (UNDELIVERED.contains(state)) {
                switch (ledger.endUndelivered(
                        id, NoticeState.WITHDRAWN, clock.instant(), detail, actor, NewNotice.of(withdrawal, actor))) {
                    case NEVER_SENT -> {
                        return null;
                    }
                    case POSSIBLY_DELIVERED -> {
                        return withdrawal;
                    }
                    case ATTEMPT_UNDER_WAY -> awaitAttempt(waits++, original.partnerId());
                    case NOT_UNDELIVERED -> {} // decide on the state it has now
                }
                continue;
            }
            if (!WITHDRAWABLE_BY_NOTICE.contains(state)) {
                String hint = RESTORABLE.contains(state) ? "; it was acted on: issue a RESTORE instead" : "";
                throw new InvalidRequestException(
                        InvalidRequestException.Kind.CONFLICT,
                        "cannot-withdraw",
                        List.of(new Violation("state", "cannot withdraw a notice that is " + state + hint)));
            }
            try {
                ledger.issue(NewNotice.of(withdrawal, actor).moving(state, NoticeState.WITHDRAWN));
                return withdrawal;
            } catch (OptimisticLockingFailureException changed) {
                // a report came in, or another officer withdrew it: decide on the state it has now
            }
        }
    }

    /**
     * An administrator gives up delivering a notice, explicitly and on record (ABANDONED): it leaves
     * the outbox. Only for a notice not delivered; like a withdrawal, it waits for an attempt under way.
     */
    void abandon(String id, AbandonmentRequest request, String actor) {
        refuse("invalid-abandonment", validator.validateReason(request.reason()));
        NoticeRecord notice = find(id);
        String detail = "delivery given up by administrator " + actor + ": " + request.reason();
        for (int waits = 0; ; ) {
            switch (ledger.endUndelivered(id, NoticeState.ABANDONED, clock.instant(), detail, actor, null)) {
                case NEVER_SENT, POSSIBLY_DELIVERED -> {
                    return;
                }
                case ATTEMPT_UNDER_WAY -> awaitAttempt(waits++, notice.partnerId());
                case NOT_UNDELIVERED ->
                    throw new InvalidRequestException(
                            InvalidRequestException.Kind.CONFLICT,
                            "cannot-abandon",
                            List.of(new Violation(
                                    "state",
                                    "only an undelivered notice can be abandoned; this one is "
                                            + ledger.find(id).orElseThrow().state())));
            }
        }
    }

    /**
     * An attempt under way holds the outbox entry: it may be putting the notice in the partner's hands
     * right now, so the notice may neither be called "never sent" nor taken out of the outbox. Most
     * attempts take milliseconds; this waits up to {@link #ATTEMPT_WAIT}, then answers 409.
     */
    private static void awaitAttempt(int waitsSoFar, String partnerId) {
        if (waitsSoFar >= ATTEMPT_WAIT.dividedBy(ATTEMPT_POLL)) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.CONFLICT,
                    "delivery-under-way",
                    List.of(new Violation(
                            "state",
                            "a delivery attempt to " + partnerId + " is under way; try again once it has ended")));
        }
        LockSupport.parkNanos(ATTEMPT_POLL.toNanos());
    }

    private static void refuse(String problemType, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.Kind.INVALID, problemType, violations);
        }
    }

    /** A notice by the id in a path; an id that is not a notice id is not echoed back. */
    NoticeRecord find(String id) {
        if (!NoticeRequestValidator.isNoticeId(id)) {
            throw new NotFoundException("no such notice: the id must be a notice id (a UUID)");
        }
        return ledger.find(id).orElseThrow(() -> new NotFoundException("no notice " + id));
    }

    private Notice build(
            NoticeType type,
            String partnerId,
            Urgency urgency,
            Category category,
            Notice.LegalBasis legalBasis,
            List<Notice.Item> items,
            String reasons,
            Notice.Issuer issuer,
            List<Notice.Evidence> evidence,
            String relatesTo,
            String territorialScope,
            String redress) {
        Obligations obligations = partners.get(partnerId).profile().obligations();
        Notice notice = new Notice(
                Notice.PROTOCOL,
                ids.next(),
                type,
                partnerId,
                null,
                urgency,
                null,
                null,
                category,
                legalBasis,
                items,
                reasons,
                issuer,
                evidence,
                relatesTo,
                territorialScope,
                redress);
        return Deadlines.issuedAt(notice, clock.instant(), obligations);
    }
}
