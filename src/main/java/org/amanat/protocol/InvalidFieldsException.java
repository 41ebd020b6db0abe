package org.amanat.protocol;

import java.util.List;

/** A message that parses but breaks the field rules of docs/protocol.md; every broken field is named. */
public final class InvalidFieldsException extends ProtocolException {
    private final List<Violation> problems;

    public InvalidFieldsException(String what, List<Violation> problems) {
        super("not a valid " + what + ": " + (problems.size() == 1 ? "" : problems.size() + " problems, first ")
                + problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Violation> problems() {
        return problems;
    }

    @Override
    public Refusal kind() {
        return Refusal.MALFORMED;
    }
}
