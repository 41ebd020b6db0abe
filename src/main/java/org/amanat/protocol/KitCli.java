package org.amanat.protocol;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The partner kit's command line: {@code java -jar amanat-partner-kit.jar open|receipt|status|serve …} (picocli, as
 * the gateway's own commands). Errors are one line on standard error, with exit code 2 for a usage mistake and 1 for a
 * refused message or a file that cannot be read.
 */
@Command(
        name = "amanat-partner-kit",
        mixinStandardHelpOptions = true,
        // --help and --version on every command too
        scope = CommandLine.ScopeType.INHERIT,
        version = Notice.PROTOCOL,
        description =
                "Open the ministry's notices, answer them with signed receipts and status updates, or run a receiver.",
        subcommands = {KitCli.Open.class, KitCli.Receipt.class, KitCli.StatusUpdateCommand.class, KitCli.Serve.class})
public final class KitCli implements Runnable {
    private static final String NAME = "amanat-partner-kit";

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLines.run(new CommandLine(new KitCli()), NAME, args, out, err);
    }

    /** No command: the usage, as a mistake. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required (open, receipt, status or serve)");
    }

    /** The PKCS#12 password and the moment signing times are checked as of. */
    static final class Common {
        @Option(names = "--password", description = "for the PKCS#12 files (else AMANAT_KIT_PASSWORD)")
        String password;

        @Option(names = "--at", description = "check signing times as of this instant (for test vectors)")
        Instant at;

        char[] password(CommandLine line) {
            String given = password != null ? password : System.getenv("AMANAT_KIT_PASSWORD");
            if (given == null) {
                throw new CommandLine.ParameterException(line, "--password (or AMANAT_KIT_PASSWORD) is required");
            }
            return given.toCharArray();
        }

        Clock clock() {
            return at != null ? Clock.fixed(at, ZoneOffset.UTC) : Clock.systemUTC();
        }
    }

    /** The partner's keys and the ministry's signing certificate, for opening notices. */
    static final class KitKeys {
        @Mixin
        Common common;

        @Option(names = "--partner", required = true, description = "your partner id")
        String partner;

        @Option(names = "--key", required = true, description = "your encryption key (PKCS#12)")
        Path key;

        @Option(names = "--signing-key", description = "your signing key (PKCS#12); --key if not given")
        Path signingKey;

        @Option(names = "--ministry-cert", required = true, description = "the ministry's signing certificate")
        Path ministryCert;

        PartnerKit kit(CommandLine line) {
            char[] password = common.password(line);
            SigningIdentity decryption = Keys.pkcs12(key, password);
            SigningIdentity signing = signingKey != null ? Keys.pkcs12(signingKey, password) : decryption;
            return new PartnerKit(
                    partner,
                    signing,
                    decryption,
                    Keys.certificate(ministryCert),
                    AlgorithmPolicy.strict(),
                    common.clock());
        }
    }

    @Command(
            name = "open",
            description = "Decrypt and verify a notice; print its JSON, and its digest on standard error.")
    static final class Open implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        KitKeys keys;

        @Option(names = "--in", required = true, description = "the notice as received (DER)")
        Path in;

        @Option(names = "--out", description = "write the JSON here instead of standard output")
        Path out;

        @Override
        public Integer call() throws IOException {
            OpenedNotice opened = keys.kit(spec.commandLine()).open(Files.readAllBytes(in));
            byte[] json = ProtocolJson.write(opened.notice());
            if (out != null) {
                Files.write(out, json);
            } else {
                spec.commandLine().getOut().println(new String(json, StandardCharsets.UTF_8));
            }
            spec.commandLine()
                    .getErr()
                    .println("notice " + opened.notice().noticeId() + " verified (" + opened.signatureAlgorithm()
                            + "), digest " + opened.digest());
            return 0;
        }
    }

    @Command(name = "receipt", description = "Write the signed receipt for a notice received.")
    static final class Receipt implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        KitKeys keys;

        @Option(names = "--in", required = true, description = "the notice as received (DER)")
        Path in;

        @Option(names = "--out", required = true, description = "where to write the receipt (DER)")
        Path out;

        @Option(names = "--disposition", defaultValue = "RECEIVED", description = "RECEIVED or DUPLICATE")
        Disposition disposition;

        @Option(names = "--reference", description = "your reference for it (a new UUID if not given)")
        String reference;

        @Override
        public Integer call() throws IOException {
            PartnerKit kit = keys.kit(spec.commandLine());
            OpenedNotice opened = kit.open(Files.readAllBytes(in));
            Files.write(
                    out,
                    kit.receipt(
                            opened,
                            disposition,
                            reference != null ? reference : UUID.randomUUID().toString()));
            spec.commandLine()
                    .getErr()
                    .println("receipt for notice " + opened.notice().noticeId() + " written to " + out);
            return 0;
        }
    }

    @Command(
            name = "status",
            description = "Seal a status update, and optionally send it and check the ministry's receipt.")
    static final class StatusUpdateCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--notice-id", required = true)
        String noticeId;

        @Option(
                names = "--status",
                required = true,
                description = "ACTIONED, PARTIALLY_ACTIONED, REJECTED or NEEDS_CLARIFICATION")
        Status status;

        @Option(names = "--status-id", description = "a new UUID if not given")
        String statusId;

        @Option(names = "--reason")
        String reason;

        @Option(
                names = "--item",
                paramLabel = "LOCATOR=OUTCOME",
                converter = ItemOutcome.class,
                description = "LOCATOR=OUTCOME, once per item")
        List<String[]> items = new ArrayList<>();

        @Option(names = "--signing-key", required = true, description = "your signing key (PKCS#12)")
        Path signingKey;

        @Option(names = "--ministry-cert", required = true, description = "the ministry's encryption certificate")
        Path ministryCert;

        @Option(names = "--out", description = "where to write the sealed update (DER); required unless --post")
        Path out;

        @Option(names = "--post", description = "the gateway's status URL: send it there")
        URI post;

        @Option(names = "--partner", description = "your partner id, with --post")
        String partner;

        @Option(
                names = "--key",
                description = "your encryption key (PKCS#12), with --post, to open the ministry's receipt")
        Path key;

        @Option(names = "--ministry-signing-cert", description = "the ministry's signing certificate, with --post")
        Path ministrySigningCert;

        @Override
        public Integer call() throws IOException, InterruptedException {
            CommandLine line = spec.commandLine();
            Instant now = common.clock().instant();
            var outcomes = items.stream()
                    .map(i -> new StatusUpdate.ItemOutcome(i[0], i[1], now))
                    .toList();
            var update = new StatusUpdate(
                    Notice.PROTOCOL,
                    statusId != null ? statusId : UUID.randomUUID().toString(),
                    noticeId,
                    now,
                    status,
                    outcomes,
                    reason);
            char[] password = common.password(line);
            SigningIdentity signing = Keys.pkcs12(signingKey, password);
            X509Certificate ministryEncryption = Keys.certificate(ministryCert);
            if (post == null) {
                if (out == null) {
                    throw new CommandLine.ParameterException(line, "--out is required unless --post");
                }
                Files.write(
                        out,
                        new Envelope(common.clock()).seal(ProtocolJson.write(update), signing, ministryEncryption));
                line.getErr()
                        .println("status " + update.statusId() + " for notice " + update.noticeId() + " written to "
                                + out);
                return 0;
            }
            if (partner == null || key == null || ministrySigningCert == null) {
                throw new CommandLine.ParameterException(
                        line, "--post needs --partner, --key and --ministry-signing-cert");
            }
            var kit = new PartnerKit(
                    partner,
                    signing,
                    Keys.pkcs12(key, password),
                    Keys.certificate(ministrySigningCert),
                    AlgorithmPolicy.strict(),
                    common.clock());
            StatusReceipt receipt = new StatusSender(kit, ministryEncryption, post, null).send(update);
            line.getErr()
                    .println("status " + receipt.statusId() + " accepted by the gateway at " + receipt.receivedAt());
            return 0;
        }
    }

    /** {@code LOCATOR=OUTCOME}, split at the last {@code =} (a locator may hold one). */
    static final class ItemOutcome implements CommandLine.ITypeConverter<String[]> {
        @Override
        public String[] convert(String item) {
            int split = item.lastIndexOf('=');
            if (split <= 0) {
                throw new CommandLine.TypeConversionException("not '" + item + "'");
            }
            return new String[] {item.substring(0, split), item.substring(split + 1)};
        }
    }

    @Command(
            name = "serve",
            description = "A plain-HTTP reference receiver on /notices that prints each notice it accepts.")
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        KitKeys keys;

        @Option(names = "--port", required = true)
        int port;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            var receiver = new ReferenceReceiver(
                            keys.kit(spec.commandLine()),
                            opened -> out.println(
                                    new String(ProtocolJson.write(opened.notice()), StandardCharsets.UTF_8)))
                    .start(new InetSocketAddress(port), "/notices", null, false);
            out.println("listening on http://localhost:" + receiver.port() + "/notices");
            Thread.currentThread().join();
            return 0;
        }
    }
}
