package org.amanat.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --period 2026-11 [--gateway http://localhost:8080] [--out reports] [--user NAME]}: asks a running
 * gateway for the month's report and writes it as HTML (with charts), CSV and JSON into
 * {@code <out>/<period>/}. It goes through the API because the gateway owns the ledger (an embedded H2
 * file cannot be opened twice), signed in as someone with the COMPLIANCE or AUDITOR role: {@code --user} with the
 * password in {@code AMANAT_PASSWORD}, or a bearer token in {@code AMANAT_TOKEN}; never a secret on the command line,
 * where other users of the machine see it. Errors are one line on standard error and exit status 1.
 */
public final class Report {
    public static final String COMMAND = "report";
    private static final List<String> FORMATS = List.of("html", "csv", "json");
    static final String PASSWORD_VARIABLE = "AMANAT_PASSWORD";
    static final String TOKEN_VARIABLE = "AMANAT_TOKEN";

    private Report() {}

    public static void main(String[] args) {
        try {
            for (Path written : run(args)) {
                System.out.println("wrote " + written);
            }
        } catch (UsageException | IOException e) {
            System.err.println("amanat report: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static List<Path> run(String[] args) throws IOException, InterruptedException {
        return run(args, System.getenv());
    }

    static List<Path> run(String[] args, Map<String, String> environment) throws IOException, InterruptedException {
        Options options = new Options();
        try {
            new CommandLine(options).parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new UsageException("unknown option " + e.getUnmatched().get(0)
                    + " (use --period 2026-11 [--gateway http://localhost:8080] [--out reports] [--user NAME])");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        String period = options.period;
        // Checked here, not by picocli, so that an unknown option is named before a missing one.
        if (period == null) {
            throw new UsageException("--period is required, for example --period 2026-11");
        }
        String user = options.user;
        String gateway = options.gateway;
        Path out = options.out;
        try {
            YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new UsageException("--period '" + period + "' is not a month like 2026-11");
        }
        String authorization = authorization(user, environment);
        Path folder = Files.createDirectories(out.resolve(period));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Path> written = new java.util.ArrayList<>();
        for (String format : FORMATS) {
            URI uri = URI.create(
                    gateway.replaceAll("/+$", "") + "/api/v1/compliance/reports/" + period + "?format=" + format);
            HttpResponse<byte[]> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofMinutes(2))
                                .header("Authorization", authorization)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException e) {
                throw new UsageException("no gateway answers at " + gateway + " (start it, or give --gateway)");
            }
            if (response.statusCode() != 200) {
                throw new UsageException(uri + " answered HTTP " + response.statusCode() + ": "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                                .lines()
                                .findFirst()
                                .orElse(""));
            }
            Path file = folder.resolve("amanat-report-" + period + "." + format);
            Files.write(file, response.body());
            written.add(file);
        }
        return written;
    }

    /** HTTP Basic for {@code --user} with {@code AMANAT_PASSWORD}, or the bearer token of {@code AMANAT_TOKEN}. */
    private static String authorization(String user, Map<String, String> environment) {
        String password = environment.get(PASSWORD_VARIABLE);
        String token = environment.get(TOKEN_VARIABLE);
        if (user != null) {
            if (password == null || password.isEmpty()) {
                throw new UsageException("--user " + user + " needs the password in " + PASSWORD_VARIABLE);
            }
            return "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        if (token != null && !token.isEmpty()) {
            return "Bearer " + token;
        }
        throw new UsageException("sign in: --user NAME with the password in " + PASSWORD_VARIABLE
                + ", or a bearer token in " + TOKEN_VARIABLE + " (the COMPLIANCE or AUDITOR role)");
    }

    /** The command's options, read by picocli as the kit's are. */
    @Command(name = COMMAND)
    static final class Options {
        @Option(names = "--period", description = "the month, such as 2026-11 (required)")
        String period;

        @Option(names = "--gateway", defaultValue = "http://localhost:8080")
        String gateway;

        @Option(names = "--out", defaultValue = "reports")
        Path out;

        @Option(names = "--user", description = "sign in as this user, with the password in " + PASSWORD_VARIABLE)
        String user;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
