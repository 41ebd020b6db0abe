package org.amanat.delivery;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.ProtocolException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a failed attempt with a reason an officer can read, and schedules the next one: backing
 * off from the profile's first backoff while immediate attempts remain, then every later interval.
 * The notice stays in the outbox; nothing is dropped.
 */
@Component
class DeliveryFailures {
    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    private final PartnerDirectory partners;
    private final Outbox outbox;
    private final Clock clock;

    DeliveryFailures(PartnerDirectory partners, Outbox outbox, Clock clock) {
        this.partners = partners;
        this.outbox = outbox;
        this.clock = clock;
    }

    public void record(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
            @ExchangeProperty(DeliveryRoute.DELIVERY) DueDelivery delivery,
            @ExchangeProperty(NoticeSealer.SEALED) SealedNotice sealed) {
        Instant now = clock.instant();
        PartnerProfile.Delivery policy = partners.get(delivery.partnerId()).profile().delivery();
        int attempt = delivery.attemptNo();
        boolean spent = attempt >= policy.immediateAttempts();
        Instant next = now.plus(spent ? policy.laterInterval() : backoff(policy.firstBackoff(), attempt));
        String reason = reason(failure);
        outbox.recordFailed(AttemptOutcome.failed(delivery, sealed == null ? now : sealed.startedAt(), now, httpStatus(failure),
                sealed == null ? null : sealed.digest(), reason), next, spent);
        log.warn("notice {} to {}: attempt {} failed: {}; next attempt at {}", delivery.noticeId(), delivery.partnerId(),
                attempt, reason, next);
    }

    /** first, 2×first, 4×first…, capped so a long outage does not overflow. */
    static Duration backoff(Duration first, int attempt) {
        return first.multipliedBy(1L << Math.min(attempt - 1, 20));
    }

    static Integer httpStatus(Throwable failure) {
        return failure instanceof HttpOperationFailedException http ? http.getStatusCode() : null;
    }

    static String reason(Throwable failure) {
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
            if (cause instanceof SocketException) {
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
