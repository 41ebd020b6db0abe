package org.amanat.status;

import java.util.List;
import org.amanat.ledger.SecurityEventKind;
import org.amanat.protocol.Violation;
import org.springframework.http.HttpStatus;

/**
 * A status update the gateway will not apply.
 *
 * @param kind the security event's kind, for example REPLAY or UNTRUSTED_SIGNER
 * @param errors each fault with its field: a header, {@code (body)}, or a field of the update
 */
class StatusRefusedException extends RuntimeException {
    private final HttpStatus status;
    private final SecurityEventKind kind;
    private final List<Violation> errors;

    StatusRefusedException(HttpStatus status, SecurityEventKind kind, List<Violation> errors, Throwable cause) {
        super(
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " problems, first " + errors.get(0).field() + ": "
                                + errors.get(0).message(),
                cause);
        this.status = status;
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    HttpStatus status() {
        return status;
    }

    SecurityEventKind kind() {
        return kind;
    }

    List<Violation> errors() {
        return errors;
    }
}
