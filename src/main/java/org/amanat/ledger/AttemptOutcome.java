package org.amanat.ledger;

import java.time.Instant;

/**
 * How one attempt ended, to be recorded.
 *
 * @param receiptDer the raw receipt, kept as evidence; null for a failed attempt
 * @param reason why it failed; null for a delivered one
 */
public record AttemptOutcome(
        DueDelivery delivery,
        Instant startedAt,
        Instant finishedAt,
        Integer httpStatus,
        String sentDigest,
        byte[] receiptDer,
        String disposition,
        String partnerReference,
        String signatureAlgorithm,
        String reason) {

    public static AttemptOutcome delivered(DueDelivery delivery, Instant startedAt, Instant finishedAt, int httpStatus,
            String sentDigest, byte[] receiptDer, String disposition, String partnerReference, String signatureAlgorithm) {
        return new AttemptOutcome(delivery, startedAt, finishedAt, httpStatus, sentDigest, receiptDer, disposition,
                partnerReference, signatureAlgorithm, null);
    }

    public static AttemptOutcome failed(DueDelivery delivery, Instant startedAt, Instant finishedAt, Integer httpStatus,
            String sentDigest, String reason) {
        return new AttemptOutcome(delivery, startedAt, finishedAt, httpStatus, sentDigest, null, null, null, null, reason);
    }
}
