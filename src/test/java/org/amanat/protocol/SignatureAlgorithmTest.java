package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.Test;

/** What the gateway signs with, by the key it holds: RSASSA-PSS, ECDSA with the curve's hash, Ed25519; nothing else. */
class SignatureAlgorithmTest {
    @Test
    void eachKeyTypeSignsWithItsAlgorithm() throws NoSuchAlgorithmException {
        assertThat(Envelope.signatureAlgorithmFor(Pki.keyPair(KeyType.RSA_3072).getPublic()))
                .isEqualTo("SHA256withRSAandMGF1");
        assertThat(Envelope.signatureAlgorithmFor(Pki.keyPair(KeyType.EC_P256).getPublic()))
                .isEqualTo("SHA256withECDSA");
        assertThat(Envelope.signatureAlgorithmFor(Pki.keyPair(KeyType.EC_P384).getPublic()))
                .isEqualTo("SHA384withECDSA");
        assertThat(Envelope.signatureAlgorithmFor(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()))
                .isEqualTo("Ed25519");
    }

    @Test
    void refusesToSignWithAnyOtherKey() throws NoSuchAlgorithmException {
        var dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);

        assertThatThrownBy(() ->
                        Envelope.signatureAlgorithmFor(dsa.generateKeyPair().getPublic()))
                .isInstanceOfSatisfying(
                        AlgorithmNotAllowedException.class,
                        e -> assertThat(e.algorithm()).isEqualTo("DSA"))
                .hasMessage("cannot sign with a DSA key");
    }
}
