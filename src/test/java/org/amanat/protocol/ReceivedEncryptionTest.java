package org.amanat.protocol;

import static org.amanat.protocol.AlgorithmPolicyTest.refusedAlgorithm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.amanat.protocol.Pki.KeyType;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the policy lets a received AuthEnvelopedData use: the content cipher (AES-256-GCM; AES-128-GCM only where a
 * partner's profile loosens it) and the key transport or agreement (RSAES-OAEP, ECDH). Each envelope is made directly
 * with Bouncy Castle, since the gateway itself only ever makes the strict kind.
 */
class ReceivedEncryptionTest {
    private static final byte[] CONTENT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final SigningIdentity RSA = TestPki.partner(KeyType.RSA_3072).encryption();
    private static final SigningIdentity EC = TestPki.partner(KeyType.EC_P256).encryption();
    private static final AlgorithmPolicy AES128_ALLOWED =
            new AlgorithmPolicy(false, false, true, AlgorithmPolicy.DEFAULT_SKEW);
    private final Envelope envelope = new Envelope(Clock.systemUTC());

    @Test
    void refusesAes128GcmContentByDefault() throws Exception {
        assertThat(envelope.decrypt(encrypt(CMSAlgorithm.AES256_GCM, oaep(RSA)), RSA, AlgorithmPolicy.strict()))
                .isEqualTo(CONTENT);

        byte[] aes128 = encrypt(CMSAlgorithm.AES128_GCM, oaep(RSA));

        assertThat(refusedAlgorithm(() -> envelope.decrypt(aes128, RSA, AlgorithmPolicy.strict())))
                .isEqualTo("AES-128-GCM");
    }

    @Test
    void opensAes128GcmContentWhereThePartnersProfileAllowsIt() throws Exception {
        byte[] aes128 = encrypt(CMSAlgorithm.AES128_GCM, ecdh(EC, CMSAlgorithm.ECDH_SHA256KDF));

        assertThat(envelope.decrypt(aes128, EC, AES128_ALLOWED)).isEqualTo(CONTENT);
    }

    @Test
    void theAes128LooseningLetsNoOtherCipherThrough() throws Exception {
        byte[] aes192 = encrypt(CMSAlgorithm.AES192_GCM, oaep(RSA));

        assertThat(refusedAlgorithm(() -> envelope.decrypt(aes192, RSA, AES128_ALLOWED)))
                .isEqualTo(CMSAlgorithm.AES192_GCM.getId());
    }

    @Test
    void refusesRsaPkcs1v15KeyTransport() throws Exception {
        assertThat(envelope.decrypt(encrypt(CMSAlgorithm.AES256_GCM, oaep(RSA)), RSA, AlgorithmPolicy.strict()))
                .isEqualTo(CONTENT);

        byte[] pkcs1 = encrypt(
                CMSAlgorithm.AES256_GCM,
                new JceKeyTransRecipientInfoGenerator(RSA.certificate()).setProvider(Envelope.BC));

        assertThat(refusedAlgorithm(() -> envelope.decrypt(pkcs1, RSA, AlgorithmPolicy.strict())))
                .isEqualTo("RSA-PKCS1v15 key transport");
        assertThat(refusedAlgorithm(() -> envelope.decrypt(
                        pkcs1, RSA, new AlgorithmPolicy(true, true, true, AlgorithmPolicy.DEFAULT_SKEW))))
                .as("no loosening of a partner's profile reaches key transport")
                .isEqualTo("RSA-PKCS1v15 key transport");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256", "SHA384", "SHA512"})
    void opensEcdhWithEachAllowedKeyDerivation(String hash) throws Exception {
        ASN1ObjectIdentifier kdf = switch (hash) {
            case "SHA256" -> CMSAlgorithm.ECDH_SHA256KDF;
            case "SHA384" -> CMSAlgorithm.ECDH_SHA384KDF;
            default -> CMSAlgorithm.ECDH_SHA512KDF;
        };

        assertThat(envelope.decrypt(encrypt(CMSAlgorithm.AES256_GCM, ecdh(EC, kdf)), EC, AlgorithmPolicy.strict()))
                .isEqualTo(CONTENT);
    }

    @Test
    void refusesEcdhWithASha1KeyDerivation() throws Exception {
        byte[] sha1Kdf = encrypt(CMSAlgorithm.AES256_GCM, ecdh(EC, CMSAlgorithm.ECDH_SHA1KDF));

        assertThat(refusedAlgorithm(() -> envelope.decrypt(sha1Kdf, EC, AlgorithmPolicy.strict())))
                .isEqualTo(CMSAlgorithm.ECDH_SHA1KDF.getId());
    }

    private static byte[] encrypt(ASN1ObjectIdentifier contentCipher, RecipientInfoGenerator recipient)
            throws Exception {
        var generator = new CMSAuthEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipient);
        var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(contentCipher)
                .setProvider(Envelope.BC)
                .build();
        return generator
                .generate(new CMSProcessableByteArray(CONTENT), encryptor)
                .getEncoded();
    }

    private static RecipientInfoGenerator oaep(SigningIdentity recipient) throws Exception {
        var oaep = new JcaAlgorithmParametersConverter()
                .getAlgorithmIdentifier(
                        PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return new JceKeyTransRecipientInfoGenerator(recipient.certificate(), oaep).setProvider(Envelope.BC);
    }

    private static RecipientInfoGenerator ecdh(SigningIdentity recipient, ASN1ObjectIdentifier kdf) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Envelope.BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = generator.generateKeyPair();
        return new JceKeyAgreeRecipientInfoGenerator(
                        kdf, ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(recipient.certificate())
                .setProvider(Envelope.BC);
    }
}
