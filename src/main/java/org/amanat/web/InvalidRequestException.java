package org.amanat.web;

import java.util.List;
import org.amanat.protocol.Violation;

/**
 * A request that was understood but is refused; every violation is reported, none is stored. The code that refuses it
 * says why in its own terms ({@link Kind}); {@link ProblemHandler} alone turns that into an HTTP status.
 */
public class InvalidRequestException extends RuntimeException {
    /** Why a request is refused. */
    public enum Kind {
        /** It cannot be read as what it claims to be: a header, a parameter, a body of the wrong form. */
        MALFORMED,
        /** It reads, but breaks a rule of what may be asked. */
        INVALID,
        /** The state it acts on does not allow it now (changed meanwhile, already final, under way). */
        CONFLICT,
        /** It is not the signed-in person's to do, whatever their role. */
        FORBIDDEN
    }

    private final Kind kind;
    private final String problemType;
    private final List<Violation> violations;

    public InvalidRequestException(Kind kind, String problemType, List<Violation> violations) {
        super(
                violations.size() == 1
                        ? violations.get(0).field() + ": " + violations.get(0).message()
                        : violations.size() + " problems, first "
                                + violations.get(0).field() + ": "
                                + violations.get(0).message());
        this.kind = kind;
        this.problemType = problemType;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public String problemType() {
        return problemType;
    }

    public List<Violation> violations() {
        return violations;
    }
}
