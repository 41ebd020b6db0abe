package org.amanat.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request that was understood but is wrong; every violation is reported, none is stored. */
public class InvalidRequestException extends RuntimeException {
    private final HttpStatus status;
    private final String problemType;
    private final List<Violation> violations;

    public InvalidRequestException(HttpStatus status, String problemType, List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " problems, first " + violations.get(0).field() + ": " + violations.get(0).message());
        this.status = status;
        this.problemType = problemType;
        this.violations = List.copyOf(violations);
    }

    public HttpStatus status() {
        return status;
    }

    public String problemType() {
        return problemType;
    }

    public List<Violation> violations() {
        return violations;
    }
}
