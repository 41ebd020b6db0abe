package org.amanat.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ministry's own keys, read from PKCS#12 at start-up: each must fit its algorithm profile, none may be a demo key outside the demo. */
class MinistryKeysTest {
    private static final String PASSWORD = "test-only";
    private static final SigningIdentity SIGNING =
            TestPki.ministry(KeyType.EC_P256).signing();
    private static final SigningIdentity ENCRYPTION =
            TestPki.ministry(KeyType.EC_P256).encryption();

    @TempDir
    Path dir;

    @BeforeEach
    void keys() {
        write(SIGNING, "signing.p12");
        write(ENCRYPTION, "encryption.p12");
        write(TestPki.MINISTRY_TLS, "tls.p12");
    }

    @Test
    void loadsTheKeysOfEachProfileAndTheTlsClient() {
        MinistryKeys keys = load(Map.of(AlgorithmProfile.EC, files("signing.p12", "encryption.p12")), "tls.p12", false);

        assertThat(keys.signing(AlgorithmProfile.EC).certificate()).isEqualTo(SIGNING.certificate());
        assertThat(keys.encryption(AlgorithmProfile.EC).certificate()).isEqualTo(ENCRYPTION.certificate());
        assertThat(keys.tlsClient().certificate()).isEqualTo(TestPki.MINISTRY_TLS.certificate());
        assertThat(keys.signing(AlgorithmProfile.RSA)).isNull();
    }

    @Test
    void refusesASigningKeyThatDoesNotFitItsProfile() {
        assertThatThrownBy(() ->
                        load(Map.of(AlgorithmProfile.RSA, files("signing.p12", "encryption.p12")), "tls.p12", false))
                .isInstanceOfSatisfying(
                        ConfigurationProblemsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "amanat.ministry-keys.RSA.signing: needs an RSA key of at least 3072 bits, found EC-256"));
    }

    @Test
    void namesEveryFileThatCannotBeReadAtOnce() {
        assertThatThrownBy(() ->
                        load(Map.of(AlgorithmProfile.EC, files("nowhere.p12", "encryption.p12")), "gone.p12", false))
                .isInstanceOfSatisfying(
                        ConfigurationProblemsException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "amanat.ministry-keys.EC.signing: cannot read " + dir.resolve("nowhere.p12"),
                                        "amanat.ministry-tls-client: cannot read " + dir.resolve("gone.p12")));
    }

    @Test
    void refusesTheExampleKeysOutsideTheDemo() {
        Path demo = Path.of("certs-example/ministry/ec-signing.p12");
        var settings = new PartnerSettings(
                dir,
                Map.of(AlgorithmProfile.EC, new PartnerSettings.KeyFiles(demo, dir.resolve("encryption.p12"))),
                dir.resolve("tls.p12"),
                "demo-only");

        assertThatThrownBy(() -> new PartnerConfiguration()
                        .ministryKeys(settings, new CertificateFiles(false, Clock.systemUTC())))
                .isInstanceOfSatisfying(
                        ConfigurationProblemsException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "amanat.ministry-keys.EC.signing: is an example key from certs-example/, refused outside the 'demo' profile"));
    }

    @Test
    void theSettingsNeverShowThePassword() {
        var settings = new PartnerSettings(dir, Map.of(), dir.resolve("tls.p12"), PASSWORD);

        assertThat(settings.toString()).contains("password=***").doesNotContain(PASSWORD);
    }

    @Test
    void anUnknownPartnerIsNamedWhenAskedFor() {
        assertThatThrownBy(() -> new PartnerDirectory(List.of()).get("nobody"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown partner nobody");
    }

    private MinistryKeys load(Map<AlgorithmProfile, PartnerSettings.KeyFiles> keys, String tls, boolean demo) {
        var settings = new PartnerSettings(dir, keys, dir.resolve(tls), PASSWORD);
        return new PartnerConfiguration().ministryKeys(settings, new CertificateFiles(demo, Clock.systemUTC()));
    }

    private PartnerSettings.KeyFiles files(String signing, String encryption) {
        return new PartnerSettings.KeyFiles(dir.resolve(signing), dir.resolve(encryption));
    }

    private void write(SigningIdentity identity, String name) {
        Pki.writePkcs12(identity, TestPki.caCertificate(), PASSWORD.toCharArray(), dir.resolve(name));
    }
}
