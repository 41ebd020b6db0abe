package org.amanat.protocol;

/**
 * A message that cannot be trusted or understood. Subclasses say why. The message may quote what the
 * sender wrote: escape it before it goes into a log ({@link SafeText#forLog}).
 */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Why, as a stable name for security events and problem details, for example {@code UNTRUSTED_SIGNER}. */
    public Refusal kind() {
        return Refusal.REFUSED;
    }
}
