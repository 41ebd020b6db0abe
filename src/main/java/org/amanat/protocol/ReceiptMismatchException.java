package org.amanat.protocol;

/** A receipt that verifies but does not answer the notice that was sent. */
public final class ReceiptMismatchException extends ProtocolException {
    public ReceiptMismatchException(String message) {
        super(message);
    }

    public ReceiptMismatchException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Refusal kind() {
        return Refusal.MISMATCH;
    }
}
