package org.amanat.cli;

import java.nio.file.Path;
import java.util.List;

/** Runs the report command in the test's JVM (its main would exit the JVM on an error). */
public final class ReportCommandAccess {
    private ReportCommandAccess() {}

    public static List<Path> run(String... args) throws Exception {
        return Report.run(args);
    }
}
