package org.amanat.ledger;

import org.amanat.protocol.Refusal;

/**
 * Why a message from outside was refused: the {@code kind} of a {@code security_event} row, named here and nowhere
 * else. A status update's refusals carry the protocol's names and the intake's own; a receipt's carry the protocol's
 * names after {@code RECEIPT_}.
 */
public enum SecurityEventKind {
    // The protocol's refusals of a status update (Refusal).
    MALFORMED,
    BAD_SIGNATURE,
    UNTRUSTED_SIGNER,
    STALE_OR_FUTURE,
    ALGORITHM_REFUSED,
    DECRYPTION_FAILED,
    MISMATCH,
    REFUSED,
    // The intake's own refusals of a status update.
    /** The partner header names no registered platform. */
    UNKNOWN_PARTNER,
    /** The client certificate is not the partner's the header names. */
    CERTIFICATE_MISMATCH,
    /** Larger than the intake takes. */
    TOO_LARGE,
    /** More than the partner's rate limit. */
    RATE_LIMITED,
    /** About a notice the ledger does not hold. */
    UNKNOWN_NOTICE,
    /** About a notice sent to another partner. */
    FOREIGN_NOTICE,
    /** A report that breaks the rules of what it may say of its notice. */
    INVALID_REPORT,
    /** A statusId received before. */
    REPLAY,
    /** A state the notice may not take from the one it is in. */
    TRANSITION_REFUSED,
    /** It could not be checked: the gateway's fault, recorded so that nobody is blamed silently. */
    INTERNAL_ERROR,
    // The protocol's refusals of a receipt.
    RECEIPT_MALFORMED,
    RECEIPT_BAD_SIGNATURE,
    RECEIPT_UNTRUSTED_SIGNER,
    RECEIPT_STALE_OR_FUTURE,
    RECEIPT_ALGORITHM_REFUSED,
    RECEIPT_DECRYPTION_FAILED,
    RECEIPT_MISMATCH,
    RECEIPT_REFUSED;

    /** A status update's refusal by the protocol. */
    public static SecurityEventKind statusRefused(Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> MALFORMED;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case UNTRUSTED_SIGNER -> UNTRUSTED_SIGNER;
            case STALE_OR_FUTURE -> STALE_OR_FUTURE;
            case ALGORITHM_REFUSED -> ALGORITHM_REFUSED;
            case DECRYPTION_FAILED -> DECRYPTION_FAILED;
            case MISMATCH -> MISMATCH;
            case REFUSED -> REFUSED;
        };
    }

    /** A receipt's refusal by the protocol. */
    public static SecurityEventKind receiptRefused(Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> RECEIPT_MALFORMED;
            case BAD_SIGNATURE -> RECEIPT_BAD_SIGNATURE;
            case UNTRUSTED_SIGNER -> RECEIPT_UNTRUSTED_SIGNER;
            case STALE_OR_FUTURE -> RECEIPT_STALE_OR_FUTURE;
            case ALGORITHM_REFUSED -> RECEIPT_ALGORITHM_REFUSED;
            case DECRYPTION_FAILED -> RECEIPT_DECRYPTION_FAILED;
            case MISMATCH -> RECEIPT_MISMATCH;
            case REFUSED -> RECEIPT_REFUSED;
        };
    }
}
