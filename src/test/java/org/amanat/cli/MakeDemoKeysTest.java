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
    void writesAFullSetEveryCertificateMarkedDemoOnly() throws IOException {
        MakeDemoKeys.write(dir);

        try (Stream<Path> files = Files.walk(dir)) {
            var certificates = files.filter(f -> f.toString().endsWith(".crt")).toList();
            assertThat(certificates).hasSize(1 + 5 + 3 * 3);
            assertThat(certificates).allSatisfy(file -> assertThat(Keys.isDemo(Keys.certificate(file))).as(file.toString()).isTrue());
        }
        var rsaSigning = Keys.pkcs12(dir.resolve("ministry/rsa-signing.p12"), MakeDemoKeys.PASSWORD.toCharArray());
        assertThat(AlgorithmProfile.RSA.misfit(rsaSigning.certificate().getPublicKey())).isNull();
        var chirp = Keys.pkcs12(dir.resolve("partners/chirp/encryption.p12"), MakeDemoKeys.PASSWORD.toCharArray());
        assertThat(AlgorithmProfile.EC.misfit(chirp.certificate().getPublicKey())).isNull();
        assertThat(dir.resolve("partners/globaltube/signing.key")).exists();
    }
}
