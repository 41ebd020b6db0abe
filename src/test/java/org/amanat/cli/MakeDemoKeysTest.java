package org.amanat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeDemoKeysTest {
    @TempDir
    Path dir;

    @Test
    void writesAFullSetEveryCertificateMarkedDemoOnly() throws Exception {
        MakeDemoKeys.write(dir);

        try (Stream<Path> files = Files.walk(dir)) {
            var certificates = files.filter(f -> f.toString().endsWith(".crt")).toList();
            // the CA; the ministry's four signing and encryption keys, TLS client and partner listener; per partner
            // signing, encryption, TLS server and TLS client
            assertThat(certificates).hasSize(1 + 6 + 3 * 4);
            assertThat(certificates)
                    .allSatisfy(file -> assertThat(Keys.isDemo(Keys.certificate(file)))
                            .as(file.toString())
                            .isTrue());
        }
        var rsaSigning = Keys.pkcs12(dir.resolve("ministry/rsa-signing.p12"), MakeDemoKeys.PASSWORD.toCharArray());
        assertThat(AlgorithmProfile.RSA.misfit(rsaSigning.certificate().getPublicKey()))
                .isNull();
        var chirp = Keys.pkcs12(dir.resolve("partners/chirp/encryption.p12"), MakeDemoKeys.PASSWORD.toCharArray());
        assertThat(AlgorithmProfile.EC.misfit(chirp.certificate().getPublicKey()))
                .isNull();
        assertThat(dir.resolve("partners/globaltube/signing.key")).exists();
        var client = Keys.pkcs12(dir.resolve("partners/chirp/tls-client.p12"), MakeDemoKeys.PASSWORD.toCharArray())
                .certificate();
        assertThat(client.getIssuerX500Principal())
                .as("pinned, so self-signed")
                .isEqualTo(client.getSubjectX500Principal());
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void theCommittedExampleKeysAreTheSetItWrites() throws IOException {
        MakeDemoKeys.write(dir);

        assertThat(names(Path.of("certs-example"))).isEqualTo(names(dir));
    }

    private static java.util.Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals("README.md"))
                    .map(f -> folder.relativize(f).toString())
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
