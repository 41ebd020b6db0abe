package org.amanat.protocol;

/** The message uses an algorithm the policy refuses. */
public final class AlgorithmNotAllowedException extends ProtocolException {
    public AlgorithmNotAllowedException(String message) {
        super(message);
    }

    public AlgorithmNotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }
}
