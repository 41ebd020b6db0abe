package org.amanat.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.SecurityEvents;
import org.amanat.ledger.SecurityEvents.SecurityEvent;
import org.amanat.ledger.StatusLedger;
import org.amanat.ledger.StatusRecord;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.AlgorithmNotAllowedException;
import org.amanat.protocol.DecryptionFailedException;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.MalformedMessageException;
import org.amanat.protocol.Notice;
import org.amanat.protocol.OpenedStatus;
import org.amanat.protocol.ProtocolException;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.SignatureInvalidException;
import org.amanat.protocol.SigningTimeOutOfRangeException;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusMessages;
import org.amanat.protocol.StatusReceipt;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.UntrustedSignerException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks and applies one status update; any refusal is recorded as a security event and changes nothing else. */
@Component
class StatusIntake {
    private static final Logger log = LoggerFactory.getLogger(StatusIntake.class);

    private final PartnerDirectory partners;
    private final MinistryKeys ministry;
    private final NoticeLedger notices;
    private final StatusLedger statuses;
    private final SecurityEvents securityEvents;
    private final StatusMessages messages;
    private final Clock clock;
    private final MeterRegistry meters;

    StatusIntake(PartnerDirectory partners, MinistryKeys ministry, NoticeLedger notices, StatusLedger statuses,
            SecurityEvents securityEvents, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.partners = partners;
        this.ministry = ministry;
        this.notices = notices;
        this.statuses = statuses;
        this.securityEvents = securityEvents;
        this.messages = new StatusMessages(new Envelope(clock));
        this.clock = clock;
    }

    /** Route step: the body becomes the ministry's signed receipt. */
    public byte[] receiveForRoute(@Body byte[] body, @Header(StatusSender.PARTNER_HEADER) String partnerId,
            @Headers Map<String, Object> headers) {
        byte[] receipt = receive(partnerId, body == null ? new byte[0] : body);
        headers.clear();
        headers.put(Exchange.HTTP_RESPONSE_CODE, 200);
        headers.put(Exchange.CONTENT_TYPE, ReferenceReceiver.RECEIPT_CONTENT_TYPE);
        return receipt;
    }

    byte[] receive(String partnerId, byte[] sealed) {
        Instant now = clock.instant();
        String digest = Digests.sha256Base64(sealed);
        String noticeId = null;
        try {
            Partner partner = partners.find(partnerId).orElseThrow(() -> refused(HttpStatus.FORBIDDEN, "UNKNOWN_PARTNER",
                    "unknown partner '" + partnerId + "' in header " + StatusSender.PARTNER_HEADER, null));
            OpenedStatus opened = open(partner, sealed);
            StatusUpdate update = opened.update();
            noticeId = update.noticeId();
            checkSentAt(update, partner.policy().maxClockSkew(), now);
            NoticeRecord notice = notices.find(update.noticeId()).orElseThrow(() -> refused(HttpStatus.UNPROCESSABLE_ENTITY,
                    "UNKNOWN_NOTICE", "no notice " + update.noticeId(), null));
            if (!notice.partnerId().equals(partner.id())) {
                throw refused(HttpStatus.FORBIDDEN, "FOREIGN_NOTICE", "notice " + notice.id() + " was not sent to " + partner.id(), null);
            }
            record(partner, opened, notice, sealed, now);
            log.info("status {} for notice {} from {}: {}", update.statusId(), notice.id(), partner.id(), update.status());
            return messages.signReceipt(new StatusReceipt(Notice.PROTOCOL, update.statusId(), notice.id(), now, digest),
                    ministry.signing(partner.profile().algorithmProfile()));
        } catch (StatusRefusedException refusal) {
            securityEvents.record(new SecurityEvent(now, partnerId, refusal.kind(), noticeId, refusal.getMessage(), digest,
                    refusal.getCause() instanceof AlgorithmNotAllowedException weak ? weak.algorithm() : null));
            log.warn("refused status update from {} ({}): {}", partnerId, refusal.kind(), refusal.getMessage());
            throw refusal;
        }
    }

    private OpenedStatus open(Partner partner, byte[] sealed) {
        try {
            return messages.open(sealed, ministry.encryption(partner.profile().algorithmProfile()), partner.signingCertificate(),
                    partner.policy());
        } catch (UntrustedSignerException | SignatureInvalidException e) {
            throw refused(HttpStatus.FORBIDDEN, e instanceof UntrustedSignerException ? "UNTRUSTED_SIGNER" : "BAD_SIGNATURE",
                    e.getMessage(), e);
        } catch (DecryptionFailedException e) {
            throw refused(HttpStatus.BAD_REQUEST, "DECRYPTION_FAILED", e.getMessage(), e);
        } catch (AlgorithmNotAllowedException e) {
            throw refused(HttpStatus.BAD_REQUEST, "ALGORITHM_REFUSED", e.getMessage(), e);
        } catch (SigningTimeOutOfRangeException e) {
            throw refused(HttpStatus.UNPROCESSABLE_ENTITY, "STALE_OR_FUTURE", e.getMessage(), e);
        } catch (MalformedMessageException e) {
            throw refused(HttpStatus.BAD_REQUEST, "MALFORMED", e.getMessage(), e);
        } catch (ProtocolException e) {
            throw refused(HttpStatus.BAD_REQUEST, "REFUSED", e.getMessage(), e);
        }
    }

    private static void checkSentAt(StatusUpdate update, Duration skew, Instant now) {
        if (update.sentAt().isBefore(now.minus(skew)) || update.sentAt().isAfter(now.plus(skew))) {
            throw refused(HttpStatus.UNPROCESSABLE_ENTITY, "STALE_OR_FUTURE",
                    "sentAt " + update.sentAt() + " is more than " + skew + " away from " + now, null);
        }
    }

    private void record(Partner partner, OpenedStatus opened, NoticeRecord notice, byte[] sealed, Instant now) {
        StatusUpdate update = opened.update();
        Instant actedAt = actedAt(update);
        boolean late = actedAt != null && actedAt.isAfter(notice.actionDeadline());
        var items = update.items().stream()
                .map(item -> new StatusRecord.Item(item.locator(), item.outcome(), item.actionedAt()))
                .toList();
        if (update.status() != Status.NEEDS_CLARIFICATION) {
            Timer.builder("amanat.notice.action.latency").description("from issue to the partner's final report")
                    .tag("partner", partner.id()).publishPercentileHistogram().register(meters)
                    .record(Duration.between(notice.issuedAt(), now));
        }
        try {
            statuses.record(new StatusRecord(update.statusId(), notice.id(), partner.id(), NoticeState.valueOf(update.status().name()),
                    update.sentAt(), now, actedAt, late, update.reason(), opened.signatureAlgorithm(), opened.digest(), sealed, items));
        } catch (DuplicateKeyException e) {
            throw refused(HttpStatus.CONFLICT, "REPLAY", "statusId " + update.statusId() + " was received before", e);
        }
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

    private static StatusRefusedException refused(HttpStatus status, String kind, String message, Throwable cause) {
        return new StatusRefusedException(status, kind, message, cause);
    }
}
