package org.amanat.protocol;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** What the kit's command line and the gateway's commands share (picocli): one-line errors and the exit codes. */
public final class CommandLines {
    private CommandLines() {}

    /**
     * Runs a command line: a usage mistake is one line and exit code 2, a refused message "refused: …" and 1, an
     * unreadable file or a failed call one line and 1; nothing prints a stack trace.
     */
    public static int run(CommandLine command, String name, String[] args, PrintStream out, PrintStream err) {
        PrintWriter errors = new PrintWriter(err, true);
        command.setOut(new PrintWriter(out, true));
        command.setErr(errors);
        command.setParameterExceptionHandler((e, arguments) -> {
            errors.println(name + ": " + SafeText.forLog(mistake(e)) + " (--help for usage)");
            return CommandLine.ExitCode.USAGE;
        });
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // A refusal may quote what the sender wrote: escaped, so no control character reaches the terminal.
            errors.println(name + ": " + (e instanceof ProtocolException ? "refused: " : "")
                    + SafeText.forLog(e.getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return command.execute(args);
    }

    /** picocli's message, but for a word it does not know: an unknown command or option, named alone. */
    private static String mistake(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            boolean command = !first.startsWith("-")
                    && !unmatched.getCommandLine().getSubcommands().isEmpty();
            return "unknown " + (command ? "command" : "option") + " '" + first + "'";
        }
        return e.getMessage();
    }
}
