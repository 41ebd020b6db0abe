package org.amanat.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.Outbox;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.Receipts;
import org.amanat.protocol.VerifiedReceipt;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Accepts a partner's answer only if it is a receipt signed under the partner's pinned certificate,
 * for this notice, over the digest of the exact bytes sent; then records DELIVERED with the raw
 * receipt as evidence. Anything else throws, and the attempt is recorded as failed with the reason.
 */
@Component
class ReceiptAcceptor {
    private static final Logger log = LoggerFactory.getLogger(ReceiptAcceptor.class);

    private final PartnerDirectory partners;
    private final Receipts receipts;
    private final Outbox outbox;
    private final Clock clock;

    private final MeterRegistry meters;
    private final DueDeliveries deliveries;

    ReceiptAcceptor(
            PartnerDirectory partners,
            Outbox outbox,
            Envelope envelope,
            Clock clock,
            MeterRegistry meters,
            DueDeliveries deliveries) {
        this.partners = partners;
        this.meters = meters;
        this.receipts = new Receipts(envelope);
        this.outbox = outbox;
        this.clock = clock;
        this.deliveries = deliveries;
    }

    public void accept(
            @Body byte[] receiptDer,
            @ExchangeProperty(NoticeSealer.SEALED) SealedNotice sealed,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer httpStatus) {
        var delivery = sealed.delivery();
        Partner partner = partners.get(delivery.partnerId());
        VerifiedReceipt verified = receipts.verify(
                receiptDer == null ? new byte[0] : receiptDer,
                partner.signingCertificate(),
                partner.policy(),
                delivery.noticeId(),
                sealed.bytes());
        AttemptOutcome outcome = AttemptOutcome.delivered(
                delivery,
                sealed.startedAt(),
                clock.instant(),
                httpStatus == null ? 200 : httpStatus,
                sealed.digest(),
                receiptDer,
                verified.receipt().disposition().name(),
                verified.receipt().partnerReference(),
                verified.signatureAlgorithm());
        boolean applied;
        try {
            applied = outbox.recordDelivered(outcome);
        } catch (DataAccessException e) {
            // The receipt goes on with the failure, which keeps it with the attempt (or in the log).
            throw new ReceiptNotRecordedException(outcome, e);
        }
        deliveries.finished(delivery);
        if (!applied) {
            meters.counter(DeliveryFailures.ATTEMPTS, "partner", delivery.partnerId(), "outcome", "late")
                    .increment();
            log.warn(
                    "notice {} to {}: {} receipt came after this node lost its lease; recorded as a late attempt, not applied",
                    delivery.noticeId(),
                    delivery.partnerId(),
                    verified.receipt().disposition());
            return;
        }
        meters.counter(DeliveryFailures.ATTEMPTS, "partner", delivery.partnerId(), "outcome", "delivered")
                .increment();
        Timer.builder("amanat.notice.ack.latency")
                .description("from issue to the partner's verified receipt")
                .tag("partner", delivery.partnerId())
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.between(delivery.issuedAt(), clock.instant()));
        log.info(
                "notice {} delivered to {} ({}, attempt {})",
                delivery.noticeId(),
                delivery.partnerId(),
                verified.receipt().disposition(),
                delivery.attemptNo());
    }
}
