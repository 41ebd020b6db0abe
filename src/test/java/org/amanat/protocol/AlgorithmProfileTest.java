package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.amanat.protocol.Pki.KeyType;
import org.bouncycastle.jcajce.spec.EdDSAParameterSpec;
import org.junit.jupiter.api.Test;

/** Which keys fit a partner's chosen profile, and how a misfit is described in the configuration error. */
class AlgorithmProfileTest {
    private static final java.security.PublicKey RSA_3072 =
            TestPki.partner(KeyType.RSA_3072).signing().certificate().getPublicKey();

    @Test
    void theRsaProfileNeedsAnRsaKeyOfAtLeast3072Bits() {
        assertThat(AlgorithmProfile.RSA.misfit(RSA_3072)).isNull();
        assertThat(AlgorithmProfile.RSA.misfit(
                        TestPki.keyPair("RSA", new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4))
                                .getPublic()))
                .isEqualTo("needs an RSA key of at least 3072 bits, found RSA-1024");
        assertThat(AlgorithmProfile.RSA.misfit(Pki.keyPair(KeyType.EC_P256).getPublic()))
                .isEqualTo("needs an RSA key of at least 3072 bits, found EC-256");
    }

    @Test
    void theEcProfileNeedsP256OrLarger() {
        assertThat(AlgorithmProfile.EC.misfit(Pki.keyPair(KeyType.EC_P256).getPublic()))
                .isNull();
        assertThat(AlgorithmProfile.EC.misfit(Pki.keyPair(KeyType.EC_P384).getPublic()))
                .isNull();
        assertThat(AlgorithmProfile.EC.misfit(TestPki.keyPair("EC", new ECGenParameterSpec("secp224r1"))
                        .getPublic()))
                .isEqualTo("needs an EC key on P-256 or P-384, found EC-224");
        assertThat(AlgorithmProfile.EC.misfit(RSA_3072)).isEqualTo("needs an EC key on P-256 or P-384, found RSA-3072");
        assertThat(AlgorithmProfile.EC.misfit(TestPki.keyPair("Ed25519", new EdDSAParameterSpec("Ed25519"))
                        .getPublic()))
                .isEqualTo("needs an EC key on P-256 or P-384, found Ed25519");
    }
}
