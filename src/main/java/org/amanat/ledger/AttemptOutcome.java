package org.amanat.ledger;

import java.time.Instant;

/**
 * How one attempt ended, to be recorded.
 *
 * @param receiptDer the raw receipt, verified, kept as evidence; null when none was verified
 * @param reason why it failed; null for a delivered one
 * @param mayHaveReachedPartner whether the partner may have the notice although no receipt proves it (the
 *        request was sent, then the answer was an error, refused, or did not come in time)
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
        String reason,
        boolean mayHaveReachedPartner) {

    public static AttemptOutcome delivered(
            DueDelivery delivery,
            Instant startedAt,
            Instant finishedAt,
            int httpStatus,
            String sentDigest,
            byte[] receiptDer,
            String disposition,
            String partnerReference,
            String signatureAlgorithm) {
        return new AttemptOutcome(
                delivery,
                startedAt,
                finishedAt,
                httpStatus,
                sentDigest,
                receiptDer,
                disposition,
                partnerReference,
                signatureAlgorithm,
                null,
                true);
    }

    public static AttemptOutcome failed(
            DueDelivery delivery,
            Instant startedAt,
            Instant finishedAt,
            Integer httpStatus,
            String sentDigest,
            String reason,
            boolean mayHaveReachedPartner) {
        return new AttemptOutcome(
                delivery,
                startedAt,
                finishedAt,
                httpStatus,
                sentDigest,
                null,
                null,
                null,
                null,
                reason,
                mayHaveReachedPartner);
    }

    /** A verified receipt that could not be recorded: a failed attempt that still carries the receipt. */
    public AttemptOutcome unrecorded(Instant failedAt, String failure) {
        return new AttemptOutcome(
                delivery,
                startedAt,
                failedAt,
                httpStatus,
                sentDigest,
                receiptDer,
                disposition,
                partnerReference,
                signatureAlgorithm,
                failure,
                true);
    }
}
