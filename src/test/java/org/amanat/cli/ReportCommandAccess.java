package org.amanat.cli;

import java.nio.file.Path;
import java.util.List;

/** Runs the report command in the test's JVM (its main would exit the JVM on an error). */
public final class ReportCommandAccess {
    private ReportCommandAccess() {}

    /** Signed in as {@code user} with {@code password} (given as the command's AMANAT_PASSWORD). */
    public static List<Path> runAs(String user, String password, String... args) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--user";
        all[args.length + 1] = user;
        return Report.run(all, java.util.Map.of(Report.PASSWORD_VARIABLE, password));
    }
}
