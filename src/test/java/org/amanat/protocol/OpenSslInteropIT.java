package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with stock OpenSSL, so any platform can take part with {@code openssl cms} alone:
 * a sealed notice opens with {@code -decrypt} then {@code -verify}, using only the partner's key and
 * the ministry's certificate, and a receipt made by {@code openssl cms -sign} is accepted.
 * Skipped, with a message, where {@code openssl} is not installed.
 */
class OpenSslInteropIT {
    private static final byte[] NOTICE =
            "{\"protocol\":\"amanat/1\",\"noticeId\":\"interop\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(
                openssl(List.of("version"), null).exitCode == 0,
                "openssl is not installed: interoperability not tested");
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_3072", "EC_P256"})
    void sealedNoticeOpensWithOpensslDecryptThenVerify(KeyType type) throws IOException {
        var ministry = TestPki.ministry(type).signing();
        var partner = TestPki.partner(type).encryption();
        Files.write(
                dir.resolve("sealed.der"),
                new Envelope(Clock.systemUTC()).seal(NOTICE, ministry, partner.certificate()));
        Pki.writePem(partner.certificate(), dir.resolve("partner.crt"));
        Pki.writePem(partner.privateKey(), dir.resolve("partner.key"));
        Pki.writePem(ministry.certificate(), dir.resolve("ministry.crt"));

        Result decrypt = openssl(
                List.of(
                        "cms",
                        "-decrypt",
                        "-inform",
                        "DER",
                        "-in",
                        "sealed.der",
                        "-recip",
                        "partner.crt",
                        "-inkey",
                        "partner.key",
                        "-out",
                        "signed.der"),
                dir);
        Result verify = openssl(
                List.of(
                        "cms",
                        "-verify",
                        "-inform",
                        "DER",
                        "-in",
                        "signed.der",
                        "-CAfile",
                        "ministry.crt",
                        "-partial_chain",
                        "-purpose",
                        "any",
                        "-out",
                        "notice.json"),
                dir);

        assertThat(decrypt.exitCode).as(decrypt.output).isZero();
        assertThat(verify.exitCode).as(verify.output).isZero();
        assertThat(verify.output).contains("Verification successful");
        assertThat(Files.readAllBytes(dir.resolve("notice.json"))).isEqualTo(NOTICE);
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_3072", "EC_P256"})
    void receiptSignedWithOpensslIsAccepted(KeyType type) throws IOException {
        var partner = TestPki.partner(type).signing();
        byte[] sent = "the exact sealed bytes".getBytes(StandardCharsets.UTF_8);
        var receipt = new Receipt(
                Notice.PROTOCOL, "interop", Instant.now(), Digests.sha256Base64(sent), Disposition.RECEIVED, "t-1");
        Files.write(dir.resolve("receipt.json"), ProtocolJson.write(receipt));
        Pki.writePem(partner.certificate(), dir.resolve("signer.crt"));
        Pki.writePem(partner.privateKey(), dir.resolve("signer.key"));
        List<String> sign = new ArrayList<>(List.of(
                "cms",
                "-sign",
                "-binary",
                "-nodetach",
                "-md",
                "sha256",
                "-outform",
                "DER",
                "-in",
                "receipt.json",
                "-signer",
                "signer.crt",
                "-inkey",
                "signer.key",
                "-out",
                "receipt.der"));
        if (type == KeyType.RSA_3072) {
            sign.addAll(List.of("-keyopt", "rsa_padding_mode:pss"));
        }

        Result signed = openssl(sign, dir);

        assertThat(signed.exitCode).as(signed.output).isZero();
        var verified = new Receipts(new Envelope(Clock.systemUTC()))
                .verify(
                        Files.readAllBytes(dir.resolve("receipt.der")),
                        partner.certificate(),
                        AlgorithmPolicy.strict(),
                        "interop",
                        sent);
        assertThat(verified.receipt().partnerReference()).isEqualTo("t-1");
        assertThat(verified.signatureAlgorithm()).startsWith(type == KeyType.RSA_3072 ? "RSASSA-PSS" : "ECDSA-P256");
    }

    private record Result(int exitCode, String output) {}

    private static Result openssl(List<String> arguments, Path workingDirectory) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory == null ? null : workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
