package org.amanat.partner;

import java.util.List;

/** Start-up stops with this: every problem found in every profile, each naming its file and field. */
public final class ConfigurationProblemsException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationProblemsException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
