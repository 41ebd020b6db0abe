package org.amanat.protocol;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partner kit's command line: {@code java -jar amanat-partner-kit.jar open|receipt|status|serve …}.
 * Errors are one line on standard error, with exit code 2 for a usage mistake and 1 for a refused message.
 */
public final class KitCli {
    private static final String USAGE = """
            usage: java -jar amanat-partner-kit.jar COMMAND [--option value]...
              open     --in notice.der --partner ID --key encryption.p12 --ministry-cert ministry-signing.crt [--out notice.json]
                       decrypt and verify a notice; prints its JSON, and its digest on standard error
              receipt  --in notice.der --partner ID --key encryption.p12 --signing-key signing.p12 --ministry-cert ministry-signing.crt
                       --out receipt.der [--disposition RECEIVED|DUPLICATE] [--reference REF]
                       the signed receipt for a notice received
              status   --notice-id ID --status ACTIONED|PARTIALLY_ACTIONED|REJECTED|NEEDS_CLARIFICATION --signing-key signing.p12
                       --ministry-cert ministry-encryption.crt --out status.der [--reason TEXT] [--item LOCATOR=OUTCOME]...
                       [--post URL --partner ID --key encryption.p12 --ministry-signing-cert ministry-signing.crt]
                       seal a status update, and optionally send it and check the ministry's receipt
              serve    --port N --partner ID --key encryption.p12 --signing-key signing.p12 --ministry-cert ministry-signing.crt
                       a plain-HTTP reference receiver on /notices that prints each notice it accepts
            common: --password P (or AMANAT_KIT_PASSWORD) for the PKCS#12 files; --at 2026-11-24T12:00:00Z to check
                    signing times as of that moment (for test vectors)""";

    private KitCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help")) {
            err.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options options = Options.parse(args);
            switch (args[0]) {
                case "open" -> open(options, out, err);
                case "receipt" -> receipt(options, err);
                case "status" -> status(options, err);
                case "serve" -> serve(options, out);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("amanat-partner-kit: " + e.getMessage() + " (--help for usage)");
            return 2;
        } catch (ProtocolException e) {
            err.println("amanat-partner-kit: refused: " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("amanat-partner-kit: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void open(Options o, PrintStream out, PrintStream err) throws IOException {
        OpenedNotice opened = kit(o).open(Files.readAllBytes(o.path("in")));
        byte[] json = ProtocolJson.write(opened.notice());
        if (o.has("out")) {
            Files.write(o.path("out"), json);
        } else {
            out.println(new String(json, StandardCharsets.UTF_8));
        }
        err.println("notice " + opened.notice().noticeId() + " verified (" + opened.signatureAlgorithm() + "), digest "
                + opened.digest());
    }

    private static void receipt(Options o, PrintStream err) throws IOException {
        PartnerKit kit = kit(o);
        OpenedNotice opened = kit.open(Files.readAllBytes(o.path("in")));
        Disposition disposition = Disposition.valueOf(o.get("disposition", "RECEIVED"));
        Files.write(
                o.path("out"),
                kit.receipt(
                        opened,
                        disposition,
                        o.get("reference", UUID.randomUUID().toString())));
        err.println("receipt for notice " + opened.notice().noticeId() + " written to " + o.path("out"));
    }

    private static void status(Options o, PrintStream err) throws IOException, InterruptedException {
        List<StatusUpdate.ItemOutcome> items = new ArrayList<>();
        Instant now = o.clock().instant();
        for (String item : o.all("item")) {
            int split = item.lastIndexOf('=');
            if (split <= 0) {
                throw new UsageException("--item takes LOCATOR=OUTCOME, not '" + item + "'");
            }
            items.add(new StatusUpdate.ItemOutcome(item.substring(0, split), item.substring(split + 1), now));
        }
        var update = new StatusUpdate(
                Notice.PROTOCOL,
                o.get("status-id", UUID.randomUUID().toString()),
                o.required("notice-id"),
                now,
                Status.valueOf(o.required("status")),
                items,
                o.get("reason", null));
        SigningIdentity signing = Keys.pkcs12(o.path("signing-key"), o.password());
        X509Certificate ministryEncryption = Keys.certificate(o.path("ministry-cert"));
        if (!o.has("post")) {
            var envelope = new Envelope(o.clock());
            Files.write(o.path("out"), envelope.seal(ProtocolJson.write(update), signing, ministryEncryption));
            err.println("status " + update.statusId() + " for notice " + update.noticeId() + " written to "
                    + o.path("out"));
            return;
        }
        var kit = new PartnerKit(
                o.required("partner"),
                signing,
                Keys.pkcs12(o.path("key"), o.password()),
                Keys.certificate(o.path("ministry-signing-cert")),
                AlgorithmPolicy.strict(),
                o.clock());
        StatusReceipt receipt =
                new StatusSender(kit, ministryEncryption, URI.create(o.required("post")), null).send(update);
        err.println("status " + receipt.statusId() + " accepted by the gateway at " + receipt.receivedAt());
    }

    private static void serve(Options o, PrintStream out) throws IOException, InterruptedException {
        var receiver = new ReferenceReceiver(
                        kit(o),
                        opened -> out.println(new String(ProtocolJson.write(opened.notice()), StandardCharsets.UTF_8)))
                .start(new InetSocketAddress(Integer.parseInt(o.required("port"))), "/notices", null, false);
        out.println("listening on http://localhost:" + receiver.port() + "/notices");
        Thread.currentThread().join();
    }

    private static PartnerKit kit(Options o) {
        SigningIdentity decryption = Keys.pkcs12(o.path("key"), o.password());
        SigningIdentity signing = o.has("signing-key") ? Keys.pkcs12(o.path("signing-key"), o.password()) : decryption;
        return new PartnerKit(
                o.required("partner"),
                signing,
                decryption,
                Keys.certificate(o.path("ministry-cert")),
                AlgorithmPolicy.strict(),
                o.clock());
    }

    private static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name value} pairs; a name may repeat (for --item). */
    private record Options(Map<String, List<String>> values) {
        static Options parse(String[] args) {
            Map<String, List<String>> values = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new UsageException("expected --name value, found '" + args[i] + "'");
                }
                values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>())
                        .add(args[++i]);
            }
            return new Options(values);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        String required(String name) {
            if (!has(name)) {
                throw new UsageException("--" + name + " is required");
            }
            return values.get(name).get(0);
        }

        String get(String name, String otherwise) {
            return has(name) ? values.get(name).get(0) : otherwise;
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        Path path(String name) {
            return Path.of(required(name));
        }

        char[] password() {
            String password = get("password", System.getenv("AMANAT_KIT_PASSWORD"));
            if (password == null) {
                throw new UsageException("--password (or AMANAT_KIT_PASSWORD) is required");
            }
            return password.toCharArray();
        }

        Clock clock() {
            return has("at") ? Clock.fixed(Instant.parse(required("at")), ZoneOffset.UTC) : Clock.systemUTC();
        }
    }
}
