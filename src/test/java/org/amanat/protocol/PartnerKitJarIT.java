package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.amanat.cli.MakeVectors;
import org.junit.jupiter.api.Test;

/** The partner kit as platforms get it: the jar built by this build, run on its own with {@code java -jar}. */
class PartnerKitJarIT {
    private static final Path KIT = Path.of("target/partner-kit/amanat-partner-kit.jar");

    @Test
    void opensAVectorNoticeOnItsOwn() throws Exception {
        Result result = kit(
                "open",
                "--in",
                "docs/vectors/ec/notice.der",
                "--partner",
                "chirp",
                "--key",
                "certs-example/partners/chirp/encryption.p12",
                "--password",
                "demo-only",
                "--ministry-cert",
                "certs-example/ministry/ec-signing.crt",
                "--at",
                MakeVectors.AT.plusSeconds(30).toString());

        assertThat(result.exitCode).as(result.errors).isZero();
        assertThat(result.output).contains("\"noticeId\":\"01a2a000-0000-7000-8000-000000000002\"");
        assertThat(result.errors).contains("verified (ECDSA-P256/SHA-256)");
    }

    @Test
    void refusesANoticeSignedForAnotherMinistryKeyWithOneLine() throws Exception {
        Result result = kit(
                "open",
                "--in",
                "docs/vectors/ec/notice.der",
                "--partner",
                "chirp",
                "--key",
                "certs-example/partners/chirp/encryption.p12",
                "--password",
                "demo-only",
                "--ministry-cert",
                "certs-example/ministry/rsa-signing.crt",
                "--at",
                MakeVectors.AT.plusSeconds(30).toString());

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.errors.strip())
                .startsWith("amanat-partner-kit: refused: not signed by the pinned certificate")
                .doesNotContain("\n");
    }

    @Test
    void holdsOnlyTheProtocolPackageAndNotTheDemoPki() throws IOException {
        try (JarFile jar = new JarFile(KIT.toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".class"))
                    .toList();
            assertThat(classes).isNotEmpty().allMatch(name -> name.startsWith("org/amanat/protocol/"));
            assertThat(classes).as("the demo PKI").noneMatch(name -> name.startsWith("org/amanat/protocol/Pki"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(KitCli.class.getName());
        }
    }

    private record Result(int exitCode, String output, String errors) {}

    private static Result kit(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", KIT.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output, errors);
    }
}
