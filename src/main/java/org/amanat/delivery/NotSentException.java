package org.amanat.delivery;

/** An attempt stopped before anything was sent: its lease is given back and no attempt is counted. */
class NotSentException extends RuntimeException {
    NotSentException(String reason) {
        super(reason);
    }
}
