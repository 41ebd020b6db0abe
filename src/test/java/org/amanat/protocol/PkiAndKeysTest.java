package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificates {@code make-demo-keys} and the tests make: what each is allowed to do is in its extensions, and the
 * demo ones are marked so the gateway refuses them outside the demo.
 */
class PkiAndKeysTest {
    // Key usage bits as X509Certificate.getKeyUsage() numbers them (RFC 5280 4.2.1.3).
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void aCaMayOnlySignCertificatesAndIsSelfSigned() throws Exception {
        X509Certificate ca = Pki.ca(Pki.name("Another CA", null), TestPki.NOW, TestPki.NOW.plus(Duration.ofDays(1)))
                .certificate();

        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(usages(ca)).containsExactly(KEY_CERT_SIGN, CRL_SIGN);
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Another CA,O=Amanat,C=ID");
        ca.verify(ca.getPublicKey());
    }

    @Test
    void eachUsageGetsItsOwnKeyUsageAndNoMore() {
        assertThat(usages(TestPki.partner(KeyType.EC_P256).signing().certificate()))
                .containsExactly(DIGITAL_SIGNATURE, NON_REPUDIATION);
        assertThat(usages(TestPki.partner(KeyType.EC_P256).encryption().certificate()))
                .containsExactly(KEY_AGREEMENT);
        assertThat(usages(TestPki.partner(KeyType.RSA_3072).encryption().certificate()))
                .containsExactly(KEY_ENCIPHERMENT);
        assertThat(usages(TestPki.PARTNER_TLS.certificate())).containsExactly(DIGITAL_SIGNATURE);
        assertThat(usages(TestPki.issue("rsa-tls", KeyType.RSA_3072, Usage.TLS_SERVER)
                        .certificate()))
                .containsExactly(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
    }

    @Test
    void onlyTlsCertificatesNameHostsAndAPurpose() throws Exception {
        X509Certificate server = TestPki.PARTNER_TLS.certificate();
        X509Certificate client = TestPki.MINISTRY_TLS.certificate();
        X509Certificate signing = TestPki.partner(KeyType.EC_P256).signing().certificate();

        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(server.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(signing.getExtendedKeyUsage()).isNull();
        assertThat(signing.getSubjectAlternativeNames()).isNull();
        assertThat(signing.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(signing.getSubjectX500Principal().getName()).isEqualTo("CN=partner-signing,OU=Tests,O=Amanat,C=ID");
        assertThat(signing.getExtensionValue("2.5.29.35"))
                .as("authority key identifier")
                .isNotNull();
        signing.verify(TestPki.caCertificate().getPublicKey());
    }

    @Test
    void makesKeysOfTheSizeAsked() {
        assertThat(((RSAPublicKey) Pki.keyPair(KeyType.RSA_3072).getPublic())
                        .getModulus()
                        .bitLength())
                .isEqualTo(3072);
        assertThat(((ECPublicKey) Pki.keyPair(KeyType.EC_P384).getPublic())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(384);
        assertThat(((ECPublicKey) Pki.keyPair(KeyType.EC_P256).getPublic())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);
    }

    @Test
    void demoCertificatesAreMarkedAndOthersAreNot() {
        assertThat(Keys.isDemo(Keys.certificate(Path.of("certs-example/partners/chirp/signing.crt"))))
                .isTrue();
        assertThat(Keys.isDemo(TestPki.partner(KeyType.EC_P256).signing().certificate()))
                .isFalse();
    }

    @Test
    void whatIsWrittenAsPkcs12AndPemReadsBackTheSame() throws Exception {
        SigningIdentity identity = TestPki.partner(KeyType.EC_P256).signing();
        Pki.writePkcs12(identity, TestPki.caCertificate(), "secret".toCharArray(), dir.resolve("id.p12"));
        Pki.writePem(identity.certificate(), dir.resolve("id.crt"));
        Pki.writePem(identity.privateKey(), dir.resolve("id.key"));

        SigningIdentity read = Keys.pkcs12(dir.resolve("id.p12"), "secret".toCharArray());
        assertThat(read.certificate()).isEqualTo(identity.certificate());
        assertThat(read.privateKey().getEncoded())
                .isEqualTo(identity.privateKey().getEncoded());
        assertThat(Keys.certificate(dir.resolve("id.crt"))).isEqualTo(identity.certificate());
        assertThat(Files.readString(dir.resolve("id.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void anIdentityNeverShowsItsKey() {
        SigningIdentity identity = TestPki.partner(KeyType.EC_P256).signing();

        assertThat(identity.toString()).isEqualTo("SigningIdentity[CN=partner-signing,OU=Tests,O=Amanat,C=ID]");
    }

    private static List<Integer> usages(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        return java.util.stream.IntStream.range(0, bits.length)
                .filter(i -> bits[i])
                .boxed()
                .toList();
    }
}
