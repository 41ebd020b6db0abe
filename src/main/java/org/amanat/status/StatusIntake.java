package org.amanat.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.SecurityEventKind;
import org.amanat.ledger.SecurityEvents;
import org.amanat.ledger.SecurityEvents.SecurityEvent;
import org.amanat.ledger.StatusLedger;
import org.amanat.ledger.StatusRecord;
import org.amanat.ledger.TransitionRefusedException;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.AlgorithmNotAllowedException;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.InvalidFieldsException;
import org.amanat.protocol.Notice;
import org.amanat.protocol.OpenedStatus;
import org.amanat.protocol.ProtocolException;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusMessages;
import org.amanat.protocol.StatusReceipt;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.Violation;
import org.amanat.web.OversizedRequestRefused;
import org.amanat.web.PartnerCertificateRefused;
import org.amanat.web.RateLimitRefused;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks and applies one status update; any refusal is recorded as a security event and changes nothing else. */
@Component
class StatusIntake {
    private static final Logger log = LoggerFactory.getLogger(StatusIntake.class);

    /** The form of partner ids (partner profiles are named so); anything else in the header is refused before any look-up. */
    private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final PartnerDirectory partners;
    private final MinistryKeys ministry;
    private final NoticeLedger notices;
    private final StatusLedger statuses;
    private final SecurityEvents securityEvents;
    private final StatusMessages messages;
    private final Clock clock;
    private final MeterRegistry meters;

    StatusIntake(
            PartnerDirectory partners,
            MinistryKeys ministry,
            NoticeLedger notices,
            StatusLedger statuses,
            SecurityEvents securityEvents,
            Envelope envelope,
            Clock clock,
            MeterRegistry meters) {
        this.meters = meters;
        this.partners = partners;
        this.ministry = ministry;
        this.notices = notices;
        this.statuses = statuses;
        this.securityEvents = securityEvents;
        this.messages = new StatusMessages(envelope);
        this.clock = clock;
    }

    /** Route step: the body becomes the ministry's signed receipt. */
    public byte[] receiveForRoute(
            @Body byte[] body,
            @Header(HttpWire.PARTNER_HEADER) String partnerId,
            @Headers Map<String, Object> headers) {
        byte[] receipt = receive(partnerId, body == null ? new byte[0] : body);
        headers.clear();
        headers.put(Exchange.HTTP_RESPONSE_CODE, 200);
        headers.put(Exchange.CONTENT_TYPE, HttpWire.RECEIPT_CONTENT_TYPE);
        return receipt;
    }

    byte[] receive(String partnerHeader, byte[] sealed) {
        Instant now = clock.instant();
        String digest = Digests.sha256Base64(sealed);
        String noticeId = null;
        try {
            Partner partner = partner(partnerHeader);
            OpenedStatus opened = open(partner, sealed);
            StatusUpdate update = opened.update();
            noticeId = update.noticeId();
            Duration skew = partner.policy().maxClockSkew();
            checkSentAt(update, skew, now);
            // A notice held for approval and never approved never went to the partner: the partner cannot know it.
            NoticeRecord notice = notices.find(update.noticeId())
                    .filter(NoticeRecord::issuedToPartner)
                    .orElseThrow(() -> refused(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            SecurityEventKind.UNKNOWN_NOTICE,
                            "noticeId",
                            "no such notice",
                            null));
            if (!notice.partnerId().equals(partner.id())) {
                throw refused(
                        HttpStatus.FORBIDDEN,
                        SecurityEventKind.FOREIGN_NOTICE,
                        "noticeId",
                        "the notice was not sent to " + partner.id(),
                        null);
            }
            checkAgainstNotice(update, notice, skew, now);
            StatusLedger.Outcome outcome = record(partner, opened, notice, sealed, now);
            log.info(
                    "status {} for notice {} from {}: {} {}",
                    update.statusId(),
                    notice.id(),
                    partner.id(),
                    update.status(),
                    outcome == StatusLedger.Outcome.APPLIED
                            ? "applied"
                            : "kept, not applied (notice is " + notice.state() + ")");
            return messages.signReceipt(
                    new StatusReceipt(Notice.PROTOCOL, update.statusId(), notice.id(), now, digest),
                    ministry.signing(partner.profile().algorithmProfile()));
        } catch (StatusRefusedException refusal) {
            recordRefusal(now, partnerHeader, refusal, noticeId, digest);
            logRefused(partnerHeader, refusal);
            throw refusal;
        } catch (RuntimeException unexpected) {
            if (DatabaseUnavailable.causedBy(unexpected)) {
                throw unexpected; // not the update's fault, and nothing can be recorded: 503, the partner sends it
                // again
            }
            var failed = refused(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    SecurityEventKind.INTERNAL_ERROR,
                    "(body)",
                    "could not be processed; it was not applied",
                    unexpected);
            recordRefusal(now, partnerHeader, failed, noticeId, digest);
            log.error(
                    "status update from {} failed unexpectedly; not applied, recorded as a security event",
                    SafeText.forLog(partnerHeader),
                    unexpected);
            throw failed;
        }
    }

    /** A body over the limit is refused before the route is reached; it goes on the record like every other refusal. */
    @EventListener
    void recordOversized(OversizedRequestRefused oversized) {
        if (!oversized.path().startsWith("/partner/")) {
            return;
        }
        var refusal = refused(
                HttpStatus.PAYLOAD_TOO_LARGE,
                SecurityEventKind.TOO_LARGE,
                "(body)",
                "larger than " + oversized.limit() + " bytes",
                null);
        recordRefusal(clock.instant(), oversized.partnerId(), refusal, null, null);
        logRefused(oversized.partnerId(), refusal);
    }

    /**
     * A partner over its rate limit was answered 429 before the route was reached: on the record like every other
     * refusal, once per period (the rate limit's filter has logged it), so a flood does not become a flood of writes.
     */
    @EventListener
    void recordRateLimited(RateLimitRefused limited) {
        var refusal = refused(
                HttpStatus.TOO_MANY_REQUESTS,
                SecurityEventKind.RATE_LIMITED,
                "(request)",
                "more than " + limited.limit()
                        + "; refused with 429, and so is every further request in this period, unrecorded",
                null);
        recordRefusal(clock.instant(), limited.partnerId(), refusal, null, null);
    }

    /** The partner listener refused a request whose client certificate names another partner, or none (logged there). */
    @EventListener
    void recordCertificateMismatch(PartnerCertificateRefused refused) {
        String detail = refused.certificatePartner() == null
                ? "the client certificate (" + refused.certificateSubject() + ") is no partner's"
                : "the client certificate is " + refused.certificatePartner() + "'s, not the partner the header names";
        recordRefusal(
                clock.instant(),
                refused.partnerHeader(),
                refused(
                        HttpStatus.FORBIDDEN,
                        SecurityEventKind.CERTIFICATE_MISMATCH,
                        HttpWire.PARTNER_HEADER,
                        detail,
                        null),
                null,
                null);
    }

    /** A client's fault: one escaped log line, no stack trace. */
    private static void logRefused(String partnerHeader, StatusRefusedException refusal) {
        log.warn(
                "refused status update from {} ({}): {}",
                SafeText.forLog(partnerHeader),
                refusal.kind(),
                SafeText.forLog(refusal.getMessage()));
    }

    /** Every refusal goes on the security record; if even that fails, the log says so and the answer still goes out. */
    private void recordRefusal(
            Instant now, String partnerHeader, StatusRefusedException refusal, String noticeId, String digest) {
        try {
            securityEvents.record(new SecurityEvent(
                    now,
                    partnerHeader,
                    refusal.kind(),
                    noticeId,
                    refusal.getMessage(),
                    digest,
                    refusal.getCause() instanceof AlgorithmNotAllowedException weak ? weak.algorithm() : null));
        } catch (DataAccessException e) {
            log.error(
                    "could not record the refusal ({}) of a status update from {}: {}",
                    refusal.kind(),
                    SafeText.forLog(partnerHeader),
                    SafeText.forLog(e.getMessage()));
        }
    }

    private Partner partner(String header) {
        if (header == null || header.isBlank()) {
            throw refused(
                    HttpStatus.BAD_REQUEST, SecurityEventKind.MALFORMED, HttpWire.PARTNER_HEADER, "is required", null);
        }
        if (!PARTNER_ID.matcher(header).matches()) {
            throw refused(
                    HttpStatus.BAD_REQUEST,
                    SecurityEventKind.MALFORMED,
                    HttpWire.PARTNER_HEADER,
                    "must be a partner id: 2 to 63 of a-z 0-9 -, starting with a letter or digit",
                    null);
        }
        return partners.find(header)
                .orElseThrow(() -> refused(
                        HttpStatus.FORBIDDEN,
                        SecurityEventKind.UNKNOWN_PARTNER,
                        HttpWire.PARTNER_HEADER,
                        "names no registered platform",
                        null));
    }

    private OpenedStatus open(Partner partner, byte[] sealed) {
        try {
            return messages.open(
                    sealed,
                    ministry.encryption(partner.profile().algorithmProfile()),
                    partner.signingCertificate(),
                    partner.policy());
        } catch (InvalidFieldsException e) {
            throw new StatusRefusedException(
                    HttpStatus.BAD_REQUEST, SecurityEventKind.statusRefused(e.kind()), e.problems(), e);
        } catch (ProtocolException e) {
            throw refused(httpStatus(e), SecurityEventKind.statusRefused(e.kind()), "(body)", e.getMessage(), e);
        }
    }

    private static HttpStatus httpStatus(ProtocolException e) {
        return switch (e.kind()) {
            case UNTRUSTED_SIGNER, BAD_SIGNATURE -> HttpStatus.FORBIDDEN;
            case STALE_OR_FUTURE -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private static void checkSentAt(StatusUpdate update, Duration skew, Instant now) {
        if (update.sentAt().isBefore(now.minus(skew)) || update.sentAt().isAfter(now.plus(skew))) {
            throw refused(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    SecurityEventKind.STALE_OR_FUTURE,
                    "sentAt",
                    update.sentAt() + " is more than " + skew + " away from " + now,
                    null);
        }
    }

    private void checkAgainstNotice(StatusUpdate update, NoticeRecord notice, Duration skew, Instant now) {
        Notice sent = ProtocolJson.read(notice.noticeJson().getBytes(StandardCharsets.UTF_8), Notice.class);
        Instant firstSent = notices.attempts(notice.id()).stream()
                .map(AttemptRecord::startedAt)
                .min(Comparator.naturalOrder())
                .orElse(notice.issuedAt());
        List<Violation> problems = ReportRules.check(update, sent, firstSent, now, skew);
        if (!problems.isEmpty()) {
            throw new StatusRefusedException(
                    HttpStatus.UNPROCESSABLE_ENTITY, SecurityEventKind.INVALID_REPORT, problems, null);
        }
    }

    private StatusLedger.Outcome record(
            Partner partner, OpenedStatus opened, NoticeRecord notice, byte[] sealed, Instant now) {
        StatusUpdate update = opened.update();
        Instant actedAt = actedAt(update);
        boolean late = actedAt != null && actedAt.isAfter(notice.actionDeadline());
        var items = update.items().stream()
                .map(item -> new StatusRecord.Item(item.locator(), item.outcome(), item.actionedAt()))
                .toList();
        StatusLedger.Outcome outcome;
        try {
            outcome = statuses.record(new StatusRecord(
                    update.statusId(),
                    notice.id(),
                    partner.id(),
                    NoticeState.valueOf(update.status().name()),
                    update.sentAt(),
                    now,
                    actedAt,
                    late,
                    update.reason(),
                    opened.signatureAlgorithm(),
                    opened.digest(),
                    sealed,
                    items));
        } catch (DuplicateKeyException e) {
            throw refused(
                    HttpStatus.CONFLICT,
                    SecurityEventKind.REPLAY,
                    "statusId",
                    "was received before; send a new statusId",
                    e);
        } catch (TransitionRefusedException e) {
            throw refused(HttpStatus.CONFLICT, SecurityEventKind.TRANSITION_REFUSED, "status", e.getMessage(), e);
        }
        if (outcome == StatusLedger.Outcome.APPLIED && update.status() != Status.NEEDS_CLARIFICATION) {
            Timer.builder("amanat.notice.action.latency")
                    .description("from issue to the partner's final report")
                    .tag("partner", partner.id())
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(Duration.between(notice.issuedAt(), now));
        }
        return outcome;
    }

    /** When the partner acted: its latest item time, else when it sent the report; null if it reports no action. */
    private static Instant actedAt(StatusUpdate update) {
        if (update.status() != Status.ACTIONED && update.status() != Status.PARTIALLY_ACTIONED) {
            return null;
        }
        return update.items().stream()
                .map(StatusUpdate.ItemOutcome::actionedAt)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(update.sentAt());
    }

    private static StatusRefusedException refused(
            HttpStatus status, SecurityEventKind kind, String field, String message, Throwable cause) {
        return new StatusRefusedException(status, kind, List.of(new Violation(field, message)), cause);
    }
}
