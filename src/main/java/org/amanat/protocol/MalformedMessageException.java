package org.amanat.protocol;

/** The bytes are not the expected CMS or JSON structure. */
public final class MalformedMessageException extends ProtocolException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.MALFORMED;
    }
}
