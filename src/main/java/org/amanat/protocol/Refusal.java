package org.amanat.protocol;

/** Why a message was refused, as a stable name for security events and problem details ({@link ProtocolException#kind()}). */
public enum Refusal {
    /** Not a message of the protocol, or one that breaks its field rules. */
    MALFORMED,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** Signed by a certificate that is not the one on record. */
    UNTRUSTED_SIGNER,
    /** Signed too long ago or in the future. */
    STALE_OR_FUTURE,
    /** An algorithm the policy does not allow. */
    ALGORITHM_REFUSED,
    /** The envelope does not open with the key it is addressed to. */
    DECRYPTION_FAILED,
    /** A receipt for other bytes or another notice than the ones sent. */
    MISMATCH,
    /** Any other reason. */
    REFUSED
}
