package org.amanat.protocol;

/** The signing-time is missing or outside the allowed clock skew. */
public final class SigningTimeOutOfRangeException extends ProtocolException {
    public SigningTimeOutOfRangeException(String message) {
        super(message);
    }

    public SigningTimeOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.STALE_OR_FUTURE;
    }
}
