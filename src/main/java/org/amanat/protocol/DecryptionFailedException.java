package org.amanat.protocol;

/** The message cannot be decrypted, or its authentication tag does not match. */
public final class DecryptionFailedException extends ProtocolException {
    public DecryptionFailedException(String message) {
        super(message);
    }

    public DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.DECRYPTION_FAILED;
    }
}
