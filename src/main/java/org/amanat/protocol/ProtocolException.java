package org.amanat.protocol;

/** A message that cannot be trusted or understood. Subclasses say why; the message is safe to log. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
