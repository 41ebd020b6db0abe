package org.amanat.protocol;

/** The signature does not verify. */
public final class SignatureInvalidException extends ProtocolException {
    public SignatureInvalidException(String message) {
        super(message);
    }

    public SignatureInvalidException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.BAD_SIGNATURE;
    }
}
