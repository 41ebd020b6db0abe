package org.amanat.ledger;

/**
 * Another request with the same person's key committed first: this one's notice was not recorded (its transaction
 * rolled back). Look the key up again to find the notice the other request made.
 */
public class IdempotencyKeyTakenException extends RuntimeException {
    public IdempotencyKeyTakenException(Throwable cause) {
        super("the idempotency key was recorded meanwhile by another request", cause);
    }
}
