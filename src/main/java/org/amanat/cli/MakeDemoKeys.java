package org.amanat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.CommandLines;
import org.amanat.protocol.Keys;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.SigningIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code make-demo-keys [folder]}: writes a fresh demo CA, the ministry's keys and the example
 * partners' keys. Every certificate carries the organisational unit {@value Keys#DEMO_MARKER}, which
 * the gateway refuses outside the demo profile.
 */
public final class MakeDemoKeys {
    public static final String COMMAND = "make-demo-keys";
    public static final String PASSWORD = "demo-only";
    static final Map<String, AlgorithmProfile> PARTNERS = new LinkedHashMap<>();

    static {
        PARTNERS.put("globaltube", AlgorithmProfile.RSA);
        PARTNERS.put("chirp", AlgorithmProfile.EC);
        PARTNERS.put("pasarlokal", AlgorithmProfile.EC);
    }

    private MakeDemoKeys() {}

    public static void main(String[] args) {
        System.exit(CommandLines.run(new CommandLine(new Run()), "amanat " + COMMAND, args, System.out, System.err));
    }

    @Command(name = COMMAND, mixinStandardHelpOptions = true, description = "Write new demo keys and certificates.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "certs-example", description = "the folder (certs-example)")
        Path folder;

        @Override
        public Integer call() {
            write(folder);
            System.out.println(
                    "demo keys written to " + folder.toAbsolutePath() + " (password '" + PASSWORD + "', DEMO ONLY)");
            return 0;
        }
    }

    public static void write(Path folder) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant until = from.plus(Duration.ofDays(5 * 365));
        SigningIdentity ca =
                Pki.ca(Pki.name("Amanat Demo CA", Keys.DEMO_MARKER), from, from.plus(Duration.ofDays(10 * 365)));
        Path ministry = mkdirs(folder.resolve("ministry"));
        Pki.writePem(ca.certificate(), folder.resolve("demo-ca.crt"));
        for (AlgorithmProfile profile : AlgorithmProfile.values()) {
            String prefix = profile.name().toLowerCase() + "-";
            KeyType type = profile == AlgorithmProfile.RSA ? KeyType.RSA_3072 : KeyType.EC_P256;
            write(
                    ca,
                    "Ministry " + profile + " signing",
                    type,
                    Usage.SIGNING,
                    from,
                    until,
                    ministry,
                    prefix + "signing",
                    false);
            write(
                    ca,
                    "Ministry " + profile + " encryption",
                    type,
                    Usage.ENCRYPTION,
                    from,
                    until,
                    ministry,
                    prefix + "encryption",
                    false);
        }
        write(ca, "Ministry TLS client", KeyType.EC_P256, Usage.TLS_CLIENT, from, until, ministry, "tls-client", false);
        PARTNERS.forEach((id, profile) -> {
            Path partner = mkdirs(folder.resolve("partners").resolve(id));
            KeyType type = profile == AlgorithmProfile.RSA ? KeyType.RSA_3072 : KeyType.EC_P256;
            write(ca, id + " signing", type, Usage.SIGNING, from, until, partner, "signing", true);
            write(ca, id + " encryption", type, Usage.ENCRYPTION, from, until, partner, "encryption", true);
            write(ca, id + " TLS server", KeyType.EC_P256, Usage.TLS_SERVER, from, until, partner, "tls-server", false);
        });
        writePartnerListenerKeys(folder, from, until);
    }

    /**
     * The certificates of the partner listener ({@code /partner/**} over mutual TLS): the gateway's server certificate
     * and each platform's client certificate. Self-signed, because each side pins the other's exact certificate (the
     * partner profile's {@code tls.clientCertificate}; the platform's trust in the listener's certificate): no CA
     * stands between them.
     */
    static void writePartnerListenerKeys(Path folder, Instant from, Instant until) {
        writeSelfSigned(
                "Ministry partner listener",
                Usage.TLS_SERVER,
                from,
                until,
                mkdirs(folder.resolve("ministry")),
                "partner-listener",
                false);
        PARTNERS.keySet()
                .forEach(id -> writeSelfSigned(
                        id + " TLS client",
                        Usage.TLS_CLIENT,
                        from,
                        until,
                        mkdirs(folder.resolve("partners").resolve(id)),
                        "tls-client",
                        true));
    }

    private static void writeSelfSigned(
            String commonName, Usage usage, Instant from, Instant until, Path folder, String name, boolean pemKey) {
        SigningIdentity identity = Pki.selfSigned(
                Pki.name(commonName, Keys.DEMO_MARKER), Pki.keyPair(KeyType.EC_P256), usage, from, until);
        writeFiles(identity, null, folder, name, pemKey);
    }

    /** PKCS#12 for the gateway and the kit, the certificate as PEM, and (for openssl walkthroughs) the key as PEM. */
    private static void write(
            SigningIdentity ca,
            String commonName,
            KeyType type,
            Usage usage,
            Instant from,
            Instant until,
            Path folder,
            String name,
            boolean pemKey) {
        SigningIdentity identity =
                Pki.issue(ca, Pki.name(commonName, Keys.DEMO_MARKER), Pki.keyPair(type), usage, from, until);
        writeFiles(identity, ca.certificate(), folder, name, pemKey);
    }

    private static void writeFiles(
            SigningIdentity identity, X509Certificate ca, Path folder, String name, boolean pemKey) {
        Pki.writePkcs12(identity, ca, PASSWORD.toCharArray(), folder.resolve(name + ".p12"));
        Pki.writePem(identity.certificate(), folder.resolve(name + ".crt"));
        if (pemKey) {
            Pki.writePem(identity.privateKey(), folder.resolve(name + ".key"));
        }
    }

    private static Path mkdirs(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
