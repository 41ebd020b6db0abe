package org.amanat.status;

import org.springframework.http.HttpStatus;

/**
 * A status update the gateway will not apply.
 *
 * @param kind the security event's kind, for example REPLAY or UNTRUSTED_SIGNER
 */
class StatusRefusedException extends RuntimeException {
    private final HttpStatus status;
    private final String kind;

    StatusRefusedException(HttpStatus status, String kind, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.kind = kind;
    }

    HttpStatus status() {
        return status;
    }

    String kind() {
        return kind;
    }
}
