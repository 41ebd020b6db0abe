package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;

/** Validity and key policy of one certificate; the baseline is an EC P-256 signing certificate valid for 90 days. */
class CertificateChecksTest {
    private static final String ROLE = "signing certificate";
    /** Certificates carry whole seconds, so day counts come out exact. */
    private static final Instant NOW = TestPki.NOW.truncatedTo(ChronoUnit.SECONDS);

    private static final Duration WARNING = Duration.ofDays(30);
    private static final X509Certificate BASELINE = signing(Pki.keyPair(KeyType.EC_P256));
    /** One RSA-2048 key for both tests that need it: RSA key generation takes a second or so. */
    private static final X509Certificate RSA_2048 = signing(Pki.keyPair(KeyType.RSA_2048));

    private final CertificateChecks checks = new CertificateChecks();

    @Test
    void findsNothingWrongWithTheBaseline() {
        assertThat(checks.check(ROLE, BASELINE, NOW, WARNING)).isEmpty();
    }

    @Test
    void reportsAnExpiredCertificateAsCritical() {
        assertThat(checks.check(ROLE, BASELINE, NOW.plus(Duration.ofDays(91)), WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.expired", Severity.CRITICAL));
    }

    @Test
    void reportsACertificateNotYetValidAsHigh() {
        assertThat(checks.check(ROLE, BASELINE, NOW.minus(Duration.ofDays(2)), WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.not-yet-valid", Severity.HIGH));
    }

    @Test
    void warnsWithinTheWindowSayingInHowManyDaysAndWhen() {
        List<Finding> findings = checks.check(ROLE, BASELINE, NOW.plus(Duration.ofDays(80)), WARNING);

        assertThat(findings)
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.expiring", Severity.MEDIUM));
        assertThat(findings.get(0).detail())
                .isEqualTo("expires in 10 days, on " + BASELINE.getNotAfter().toInstant());
    }

    @Test
    void staysQuietJustOutsideTheWindow() {
        assertThat(checks.check(ROLE, BASELINE, NOW.plus(Duration.ofDays(59)), WARNING))
                .isEmpty();
    }

    @Test
    void namesTheCertificateByRoleSubjectAndSerialTheSameOnEveryRun() {
        Finding first = checks.check(ROLE, BASELINE, NOW.plus(Duration.ofDays(70)), WARNING)
                .get(0);
        Finding later = checks.check(ROLE, BASELINE, NOW.plus(Duration.ofDays(85)), WARNING)
                .get(0);

        assertThat(first.subject())
                .isEqualTo(later.subject())
                .isEqualTo("signing certificate CN=baseline,OU=Tests,O=Amanat,C=ID, serial "
                        + BASELINE.getSerialNumber().toString(16));
    }

    @Test
    void ratesRsa2048AsMediumWhileItIsAllowedReceiveOnly() {
        assertThat(checks.check(ROLE, RSA_2048, NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.weak-key", Severity.MEDIUM));
    }

    @Test
    void ratesRsa2048AsHighFrom2031() {
        assertThat(checks.check(ROLE, RSA_2048, Instant.parse("2031-01-01T00:00:00Z"), WARNING))
                .filteredOn(f -> f.check().equals("certificate.weak-key"))
                .extracting(Finding::severity)
                .containsExactly(Severity.HIGH);
    }

    @Test
    void ratesRsa1024AsHigh() {
        X509Certificate rsa1024 =
                signing(TestPki.keyPair("RSA", new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4)));

        assertThat(checks.check(ROLE, rsa1024, NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.weak-key", Severity.HIGH));
    }

    @Test
    void ratesACurveBelow256BitsAsHigh() {
        X509Certificate p224 = signing(TestPki.keyPair("EC", new ECGenParameterSpec("secp224r1")));

        assertThat(checks.check(ROLE, p224, NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.weak-key", Severity.HIGH));
    }

    @Test
    void acceptsRsa3072P384AndEd25519() throws NoSuchAlgorithmException {
        // Shared with the protocol tests, so the suite makes this RSA-3072 key once.
        X509Certificate rsa3072 = TestPki.partner(KeyType.RSA_3072).signing().certificate();
        X509Certificate p384 = signing(Pki.keyPair(KeyType.EC_P384));
        X509Certificate ed25519 =
                signing(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());

        assertThat(checks.check(ROLE, rsa3072, NOW, WARNING)).isEmpty();
        assertThat(checks.check(ROLE, p384, NOW, WARNING)).isEmpty();
        assertThat(checks.check(ROLE, ed25519, NOW, WARNING)).isEmpty();
    }

    @Test
    void ratesACertificateSignedWithSha1AsHigh() {
        X509Certificate sha1 = TestPki.issue(
                        "baseline",
                        Pki.keyPair(KeyType.EC_P256),
                        Usage.SIGNING,
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(90)),
                        "SHA1withECDSA",
                        List.of())
                .certificate();

        assertThat(checks.check(ROLE, sha1, NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("certificate.weak-signature", Severity.HIGH));
    }

    private static X509Certificate signing(KeyPair keys) {
        return TestPki.issue(
                        "baseline", keys, Usage.SIGNING, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)))
                .certificate();
    }
}
