package org.amanat.delivery;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.amanat.ledger.SecurityEventKind;
import org.amanat.ledger.SecurityEvents;
import org.amanat.ledger.SecurityEvents.SecurityEvent;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.AlgorithmNotAllowedException;
import org.amanat.protocol.ProtocolException;
import org.amanat.protocol.SafeText;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a failed attempt with a reason an officer can read, and schedules the next one with
 * Resilience4j's exponential random backoff (from the profile's first backoff, doubling, capped at
 * its later interval, with jitter). The notice stays in the outbox; nothing is dropped. A notice
 * undelivered after the profile's attempt count or age is flagged once: a DELIVERY_OVERDUE event, a
 * warning in the log and the {@code amanat.delivery.overdue} metric. An attempt held back before the
 * send gives its lease back and is not counted; one that ended after its lease was lost is recorded
 * as late, not applied.
 */
@Component
class DeliveryFailures {
    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    static final String ATTEMPTS = "amanat.delivery.attempts";

    private final PartnerDirectory partners;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecurityEvents securityEvents;
    private final DueDeliveries deliveries;

    DeliveryFailures(
            PartnerDirectory partners,
            Outbox outbox,
            Clock clock,
            MeterRegistry meters,
            SecurityEvents securityEvents,
            DueDeliveries deliveries) {
        this.partners = partners;
        this.outbox = outbox;
        this.securityEvents = securityEvents;
        this.clock = clock;
        this.meters = meters;
        this.deliveries = deliveries;
    }

    public void record(
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
            @ExchangeProperty(DeliveryRoute.DELIVERY) DueDelivery delivery,
            @ExchangeProperty(NoticeSealer.SEALED) SealedNotice sealed,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer answered) {
        if (delivery == null) {
            // the claim itself failed, before any notice was leased: there is no attempt to record
            log.warn("delivery poll failed before leasing any notice: {}", SafeText.forLog(reason(failure)));
            return;
        }
        try {
            if (neverSent(failure)) {
                outbox.release(delivery);
                log.info(
                        "notice {} to {}: not sent ({}); the lease is given back, no attempt counted",
                        delivery.noticeId(),
                        delivery.partnerId(),
                        reason(failure));
                return;
            }
            recordAttempt(failure, delivery, sealed, answered);
        } finally {
            deliveries.finished(delivery);
        }
    }

    private void recordAttempt(Throwable failure, DueDelivery delivery, SealedNotice sealed, Integer answered) {
        Instant now = clock.instant();
        PartnerProfile.Delivery policy =
                partners.get(delivery.partnerId()).profile().delivery();
        int attempt = delivery.attemptNo();
        Instant next = now.plusMillis(backoff(policy).apply(attempt));
        boolean overdue = !delivery.flagged()
                && (attempt >= policy.flagAfterAttempts()
                        || Duration.between(delivery.issuedAt(), now).compareTo(policy.flagAfterAge()) >= 0);
        String reason = reason(failure);
        Integer httpStatus = httpStatus(failure, answered);
        ReceiptNotRecordedException unrecorded = cause(failure, ReceiptNotRecordedException.class);
        AttemptOutcome outcome;
        if (unrecorded != null) {
            // The partner has the notice and its signed receipt says so: never thrown away. If the ledger
            // cannot take even the failure, the log is where it is kept (DER in base64: plain ASCII).
            outcome = unrecorded.outcome().unrecorded(now, reason);
            log.error(
                    "notice {} to {}: the partner's verified {} receipt could not be recorded; receipt (DER, base64): {}",
                    delivery.noticeId(),
                    delivery.partnerId(),
                    outcome.disposition(),
                    Base64.getEncoder().encodeToString(outcome.receiptDer()));
        } else {
            outcome = AttemptOutcome.failed(
                    delivery,
                    sealed == null ? now : sealed.startedAt(),
                    now,
                    httpStatus,
                    sealed == null ? null : sealed.digest(),
                    reason,
                    sealed != null && mayHaveReachedPartner(failure, httpStatus));
        }
        boolean applied;
        try {
            applied = outbox.recordFailed(outcome, next, attempt >= policy.immediateAttempts(), overdue);
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            // an attempt under way when the database went: its lease keeps the entry until it runs out, then it is
            // tried again
            log.warn(
                    "notice {} to {}: attempt {} could not be recorded, the database is unavailable; tried again when its lease ends",
                    delivery.noticeId(),
                    delivery.partnerId(),
                    attempt);
            return;
        }
        if (!applied) {
            log.warn(
                    "notice {} to {}: attempt failed after this node lost its lease ({}); recorded as a late attempt, not applied",
                    delivery.noticeId(),
                    delivery.partnerId(),
                    reason);
            meters.counter(ATTEMPTS, "partner", delivery.partnerId(), "outcome", "late")
                    .increment();
            return;
        }
        log.warn(
                "notice {} to {}: attempt {} failed: {}; next attempt at {}",
                delivery.noticeId(),
                delivery.partnerId(),
                attempt,
                reason,
                next);
        recordIfRefusedReceipt(failure, delivery, now);
        meters.counter(ATTEMPTS, "partner", delivery.partnerId(), "outcome", "failed")
                .increment();
        if (overdue) {
            meters.counter("amanat.delivery.overdue", "partner", delivery.partnerId())
                    .increment();
            log.warn(
                    "ALERT notice {} to {} is overdue: undelivered after {} attempts since {}",
                    delivery.noticeId(),
                    delivery.partnerId(),
                    attempt,
                    delivery.issuedAt());
        }
    }

    /**
     * Held back before the request left: the lease was lost or the breaker was open when checked, or
     * the breaker (however it opened) or the bulkhead refused the call. Not an attempt.
     */
    static boolean neverSent(Throwable failure) {
        return cause(failure, NotSentException.class) != null
                || cause(failure, CallNotPermittedException.class) != null
                || cause(failure, BulkheadFullException.class) != null;
    }

    /** A receipt that fails verification may be forged or tampered with: it goes on the security record too. */
    private void recordIfRefusedReceipt(Throwable failure, DueDelivery delivery, Instant now) {
        ProtocolException refused = cause(failure, ProtocolException.class);
        if (refused == null) {
            return;
        }
        securityEvents.record(new SecurityEvent(
                now,
                delivery.partnerId(),
                SecurityEventKind.receiptRefused(refused.kind()),
                delivery.noticeId(),
                refused.getMessage(),
                null,
                refused instanceof AlgorithmNotAllowedException weak ? weak.algorithm() : null));
    }

    /** first, 2×first, 4×first… up to the later interval, each randomised by the jitter. */
    static IntervalFunction backoff(PartnerProfile.Delivery policy) {
        return policy.jitter() == 0
                ? IntervalFunction.ofExponentialBackoff(policy.firstBackoff(), 2.0, policy.laterInterval())
                : IntervalFunction.ofExponentialRandomBackoff(
                        policy.firstBackoff(), 2.0, policy.jitter(), policy.laterInterval());
    }

    /**
     * The partner's HTTP status: from the error status, wherever the guards wrapped the exception that
     * carries it, or else the status of an answer whose receipt was then refused ({@code answered}).
     */
    static Integer httpStatus(Throwable failure, Integer answered) {
        HttpOperationFailedException http = cause(failure, HttpOperationFailedException.class);
        return http == null ? answered : Integer.valueOf(http.getStatusCode());
    }

    /**
     * Whether the partner may have the notice although the attempt failed. Only a failure that proves
     * the request never left counts as not sent: the breaker or the bulkhead held it back, or the
     * connection or the TLS handshake failed (the partner cannot read a request before the handshake
     * is done). An answer of any kind, a reset, a timeout while waiting for the answer: the partner
     * may have opened it, so a withdrawal must tell it.
     */
    static boolean mayHaveReachedPartner(Throwable failure, Integer httpStatus) {
        // the database's refused connection is not the partner's: it says nothing of whether the notice left
        if (httpStatus != null || DatabaseUnavailable.causedBy(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallNotPermittedException
                    || cause instanceof BulkheadFullException
                    || cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof SSLHandshakeException) {
                return false;
            }
        }
        return true;
    }

    /** The first exception of {@code type} in the chain of causes: the guards wrap what the exchange threw. */
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    static String reason(Throwable failure) {
        if (DatabaseUnavailable.causedBy(failure)) {
            return "database unavailable: the attempt's outcome could not be recorded (the partner may have the notice)";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return "partner answered HTTP " + http.getStatusCode() + " " + firstLine(http.getResponseBody());
            }
            if (cause instanceof ProtocolException refused) {
                return "receipt refused: " + refused.getMessage();
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return "cannot connect: " + cause.getMessage();
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out: " + cause.getMessage();
            }
            if (cause instanceof SSLException) {
                return "TLS failure: " + cause.getMessage();
            }
            if (cause instanceof TimeoutException) {
                return "timed out: the exchange took longer than the partner's time limit";
            }
            if (cause instanceof NotSentException notSent) {
                return "not sent: " + notSent.getMessage();
            }
            if (cause instanceof CallNotPermittedException) {
                return "not sent: the partner's circuit breaker is open";
            }
            if (cause instanceof BulkheadFullException) {
                return "not sent: the partner's bulkhead is full";
            }
            if (cause instanceof IOException) {
                return "connection failed: " + cause.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.lines().findFirst().orElse("").strip();
        return "(" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + ")";
    }
}
