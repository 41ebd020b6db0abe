package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;

/**
 * Whether a server chain is trusted. The test CA is valid from a day before {@link TestPki#NOW}; a leaf merely out of
 * its own validity is judged at a time inside it (its expiry is a finding of its own), the rest of the chain as it is.
 */
class ServerChainsTest {
    private static final Instant NOW = TestPki.NOW;
    private static final X509Certificate CA = TestPki.caCertificate();

    @Test
    void trustsAValidLeafOfTheCaWithOrWithoutTheCaSent() {
        X509Certificate leaf =
                leaf(TestPki.CA, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW)).isNull();
        assertThat(ServerChains.trustProblem(List.of(leaf, CA), CA, NOW)).isNull();
    }

    @Test
    void anExpiredLeafOfTheCaIsJudgedWhenItWasLastValid() {
        // valid until an hour ago; its notBefore lies before the CA's own, so only its last moment of validity will do
        X509Certificate leaf =
                leaf(TestPki.CA, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofHours(1)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW)).isNull();
    }

    @Test
    void aLeafNotYetValidIsJudgedFromWhenItWillBe() {
        X509Certificate leaf =
                leaf(TestPki.CA, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(400)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW)).isNull();
    }

    @Test
    void anExpiredLeafOfAnotherCaIsStillUntrusted() {
        SigningIdentity stranger =
                Pki.ca(Pki.name("Stranger CA", null), NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(stranger, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofHours(1)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW))
                .isNotNull()
                .isNotEmpty();
    }

    @Test
    void aValidLeafOfAnotherCaIsUntrusted() {
        SigningIdentity stranger =
                Pki.ca(Pki.name("Stranger CA", null), NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(stranger, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW))
                .isNotNull()
                .isNotEmpty();
    }

    @Test
    void anExpiredIntermediateIsNamedByItsPlaceInTheChain() {
        SigningIdentity intermediate = Pki.issue(
                TestPki.CA,
                Pki.name("Old intermediate", "Tests"),
                Pki.keyPair(KeyType.EC_P256),
                Usage.CA,
                NOW.minus(Duration.ofHours(20)),
                NOW.minus(Duration.ofHours(1)));
        X509Certificate leaf =
                leaf(intermediate, NOW.minus(Duration.ofHours(10)), NOW.plus(Duration.ofDays(10)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate()), CA, NOW))
                .endsWith(" (certificate 1 of the chain, the leaf being 0)");
    }

    @Test
    void trustsAValidChainThroughAnIntermediateWithOrWithoutTheCaSent() {
        SigningIdentity intermediate = intermediate(NOW.minus(Duration.ofHours(20)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(intermediate, NOW.minus(Duration.ofHours(10)), NOW.plus(Duration.ofDays(10)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate()), CA, NOW))
                .isNull();
        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate(), CA), CA, NOW))
                .isNull();
        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW))
                .as("the intermediate left out")
                .isNotNull();
    }

    @Test
    void anExpiredLeafIsJudgedAtItsExpiryWhenTheRestOfItsChainWasValid() {
        // the intermediate was valid when the leaf expired, not yet when the leaf began
        SigningIdentity intermediate = intermediate(NOW.minus(Duration.ofHours(10)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(intermediate, NOW.minus(Duration.ofHours(20)), NOW.minus(Duration.ofHours(2)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate()), CA, NOW))
                .isNull();
    }

    @Test
    void anExpiredLeafWhoseChainWasNotValidWhileTheLeafWasIsUntrusted() {
        // the second judgement, at the leaf's last valid moment, is a judgement: the intermediate was not valid yet
        // then
        SigningIdentity intermediate = intermediate(NOW.minus(Duration.ofHours(5)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(intermediate, NOW.minus(Duration.ofHours(20)), NOW.minus(Duration.ofHours(10)), Usage.TLS_SERVER);

        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate()), CA, NOW))
                .endsWith(" (certificate 1 of the chain, the leaf being 0)");
    }

    @Test
    void aLeafSignedByAnImpostorBearingTheIntermediatesNameIsUntrustedAndNamedAsTheLeaf() {
        SigningIdentity intermediate = intermediate(NOW.minus(Duration.ofHours(20)), NOW.plus(Duration.ofDays(30)));
        SigningIdentity impostor =
                Pki.ca(Pki.name("Intermediate", "Tests"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        X509Certificate leaf =
                leaf(impostor, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(10)), Usage.TLS_SERVER);
        assertThat(leaf.getIssuerX500Principal())
                .isEqualTo(intermediate.certificate().getSubjectX500Principal());

        assertThat(ServerChains.trustProblem(List.of(leaf, intermediate.certificate()), CA, NOW))
                .endsWith(" (certificate 0 of the chain, the leaf being 0)");
    }

    @Test
    void refusesALeafNotIssuedForTlsServers() {
        X509Certificate leaf =
                leaf(TestPki.CA, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)), Usage.TLS_CLIENT);

        assertThat(ServerChains.trustProblem(List.of(leaf), CA, NOW))
                .isEqualTo("the certificate is not issued for TLS servers (extended key usage [1.3.6.1.5.5.7.3.2])");
    }

    @Test
    void checksTheHostNameAgainstTheLeaf() {
        X509Certificate leaf =
                leaf(TestPki.CA, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)), Usage.TLS_SERVER);

        assertThat(ServerChains.hostnameProblem("localhost", leaf)).isNull();
        assertThat(ServerChains.hostnameProblem("elsewhere.example", leaf)).isNotNull();
    }

    private static SigningIdentity intermediate(Instant notBefore, Instant notAfter) {
        return Pki.issue(
                TestPki.CA,
                Pki.name("Intermediate", "Tests"),
                Pki.keyPair(KeyType.EC_P256),
                Usage.CA,
                notBefore,
                notAfter);
    }

    private static X509Certificate leaf(SigningIdentity issuer, Instant notBefore, Instant notAfter, Usage usage) {
        return Pki.issue(
                        issuer,
                        Pki.name("localhost", "Tests"),
                        Pki.keyPair(KeyType.EC_P256),
                        usage,
                        notBefore,
                        notAfter)
                .certificate();
    }
}
