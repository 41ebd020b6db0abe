package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport policy applied to observations built by hand: a valid baseline with one thing changed. */
class TlsChecksTest {
    private static final URI ENDPOINT = URI.create("https://platform.example/amanat/notices");
    private static final Instant NOW = TestPki.NOW;
    private static final Duration WARNING = Duration.ofDays(30);
    private static final TlsObservation VALID = new TlsObservation(
            ENDPOINT,
            null,
            "TLSv1.3",
            "TLS_AES_256_GCM_SHA384",
            List.of(TestPki.PARTNER_TLS.certificate()),
            null,
            null);

    private final TlsChecks checks = new TlsChecks();

    @Test
    void findsNothingWrongWithTheBaseline() {
        assertThat(checks.check(VALID, "TLSv1.3", NOW, WARNING)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TLS_AES_128_GCM_SHA256",
                "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
            })
    void acceptsEphemeralKeyExchangeWithAuthenticatedEncryption(String suite) {
        assertThat(checks.check(withSuite(suite), "TLSv1.2", NOW, WARNING)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                "TLS_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                "SSL_RSA_WITH_3DES_EDE_CBC_SHA"
            })
    void flagsSuitesWithoutEcdheOrWithoutAead(String suite) {
        assertThat(checks.check(withSuite(suite), "TLSv1.2", NOW, WARNING))
                .extracting(Finding::check, Finding::subject, Finding::severity)
                .containsExactly(tuple("tls.weak-cipher-suite", "TLS endpoint " + ENDPOINT, Severity.HIGH));
    }

    @Test
    void flagsAProtocolOlderThanTheMinimum() {
        var tls11 = new TlsObservation(
                ENDPOINT, null, "TLSv1.1", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", VALID.chain(), null, null);

        assertThat(checks.check(tls11, "TLSv1.2", NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("tls.protocol-below-minimum", Severity.HIGH));
    }

    @Test
    void refusesAMinimumBelowThePolicysFloor() {
        assertThatThrownBy(() -> checks.check(VALID, "TLSv1.1", NOW, WARNING))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsAFailedHandshakeWithItsError() {
        var failed = new TlsObservation(
                ENDPOINT,
                "SSLHandshakeException: Received fatal alert: handshake_failure",
                null,
                null,
                List.of(),
                null,
                null);

        assertThat(checks.check(failed, "TLSv1.2", NOW, WARNING))
                .extracting(Finding::check, Finding::severity, Finding::detail)
                .containsExactly(tuple("tls.handshake-failed", Severity.HIGH, failed.error()));
    }

    @Test
    void reportsAnUntrustedChainAndAHostnameMismatchAgainstTheEndpoint() {
        var both = new TlsObservation(
                ENDPOINT,
                null,
                "TLSv1.3",
                "TLS_AES_256_GCM_SHA384",
                VALID.chain(),
                "Path does not chain with any of the trust anchors",
                "Certificate for <platform.example> doesn't match");

        assertThat(checks.check(both, "TLSv1.3", NOW, WARNING))
                .extracting(Finding::check, Finding::subject, Finding::severity)
                .containsExactly(
                        tuple("tls.untrusted-chain", "TLS endpoint " + ENDPOINT, Severity.HIGH),
                        tuple("tls.hostname-mismatch", "TLS endpoint " + ENDPOINT, Severity.HIGH));
    }

    @Test
    void checksTheServerCertificateAsTlsServerCertificate() {
        Instant nearExpiry =
                TestPki.PARTNER_TLS.certificate().getNotAfter().toInstant().minus(Duration.ofDays(5));

        assertThat(checks.check(VALID, "TLSv1.3", nearExpiry, WARNING))
                .extracting(Finding::check, Finding::subject)
                .containsExactly(tuple(
                        "certificate.expiring",
                        CertificateChecks.subject("TLS server certificate", TestPki.PARTNER_TLS.certificate())));
    }

    private static TlsObservation withSuite(String suite) {
        String protocol = suite.contains("_WITH_") ? "TLSv1.2" : "TLSv1.3";
        return new TlsObservation(ENDPOINT, null, protocol, suite, VALID.chain(), null, null);
    }
}
