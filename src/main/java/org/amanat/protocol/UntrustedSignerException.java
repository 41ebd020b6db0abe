package org.amanat.protocol;

/** The message is not signed by the pinned certificate. */
public final class UntrustedSignerException extends ProtocolException {
    public UntrustedSignerException(String message) {
        super(message);
    }

    public UntrustedSignerException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.UNTRUSTED_SIGNER;
    }
}
