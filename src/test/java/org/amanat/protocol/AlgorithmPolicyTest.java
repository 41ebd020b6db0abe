package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the policy refuses in received signatures, and what a partner's receive-only loosening lets through. */
class AlgorithmPolicyTest {
    private static final byte[] CONTENT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final SigningIdentity RSA_3072 =
            TestPki.partner(KeyType.RSA_3072).signing();
    /** Made once for the class: RSA key generation is the slow part of these tests. */
    private static final SigningIdentity RSA_2048 = TestPki.issue("rsa-2048", KeyType.RSA_2048, Usage.SIGNING);

    private static final SigningIdentity RSA_1024 =
            withKey("rsa-1024", TestPki.keyPair("RSA", new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4)));
    private static final AlgorithmIdentifier SHA256 =
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
    private static final AlgorithmPolicy PKCS1_ALLOWED =
            new AlgorithmPolicy(true, false, false, AlgorithmPolicy.DEFAULT_SKEW);
    private final Envelope envelope = new Envelope(Clock.systemUTC());

    @Test
    void refusesRsaPkcs1v15SignatureByDefault() throws Exception {
        byte[] signed = signWith("SHA256withRSA", RSA_3072);

        assertThatThrownBy(() -> envelope.verify(signed, RSA_3072.certificate(), AlgorithmPolicy.strict()))
                .isInstanceOf(AlgorithmNotAllowedException.class)
                .hasMessageContaining("PKCS#1 v1.5");
    }

    @Test
    void acceptsRsaPkcs1v15SignatureWhereThePartnersProfileAllowsIt() throws Exception {
        byte[] signed = signWith("SHA256withRSA", RSA_3072);
        var loosened = new AlgorithmPolicy(true, false, false, Duration.ofMinutes(5));

        assertThat(envelope.verify(signed, RSA_3072.certificate(), loosened).signatureAlgorithm())
                .isEqualTo("RSA-PKCS1v15/SHA-256");
    }

    @Test
    void refusesSha1Digest() throws Exception {
        SigningIdentity ec = TestPki.partner(KeyType.EC_P256).signing();
        byte[] signed = signWith("SHA1withECDSA", ec);

        assertThatThrownBy(() -> envelope.verify(signed, ec.certificate(), AlgorithmPolicy.strict()))
                .isInstanceOf(AlgorithmNotAllowedException.class)
                .hasMessageContaining("digest algorithm");
        assertThat(refusedAlgorithm(() -> envelope.verify(signed, ec.certificate(), AlgorithmPolicy.strict())))
                .isEqualTo("SHA-1");
    }

    /** The message digest is SHA-256 in each case: only the hash inside the RSASSA-PSS parameters changes. */
    @ParameterizedTest
    @CsvSource({"SHA1withRSAandMGF1, SHA-1", "SHA224withRSAandMGF1, SHA-224"})
    void refusesRsassaPssWithAWeakHash(String weakPss, String hash) throws Exception {
        byte[] baseline = signWith("SHA256withRSAandMGF1", RSA_3072, SHA256);
        assertThat(envelope.verify(baseline, RSA_3072.certificate(), AlgorithmPolicy.strict())
                        .signatureAlgorithm())
                .isEqualTo("RSASSA-PSS/SHA-256");

        byte[] signed = signWith(weakPss, RSA_3072, SHA256);

        assertThat(refusedAlgorithm(() -> envelope.verify(signed, RSA_3072.certificate(), AlgorithmPolicy.strict())))
                .isEqualTo("RSASSA-PSS/" + hash);
        assertThat(refusedAlgorithm(() -> envelope.verify(
                        signed, RSA_3072.certificate(), new AlgorithmPolicy(true, true, true, Duration.ofHours(1)))))
                .as("no loosening lets a weak PSS hash through")
                .isEqualTo("RSASSA-PSS/" + hash);
    }

    @Test
    void refusesRsassaPssParametersThatCannotBeRead() {
        String digest = NISTObjectIdentifiers.id_sha256.getId();
        String pss = PKCSObjectIdentifiers.id_RSASSA_PSS.getId();

        assertThat(AlgorithmPolicy.strict()
                        .checkSignature(
                                digest,
                                pss,
                                pssParameters(NISTObjectIdentifiers.id_sha512),
                                RSA_3072.certificate().getPublicKey()))
                .isEqualTo("RSASSA-PSS/SHA-256");
        assertThatThrownBy(() -> AlgorithmPolicy.strict()
                        .checkSignature(
                                digest,
                                pss,
                                new byte[] {0x30, 0x03, 0x02},
                                RSA_3072.certificate().getPublicKey()))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("RSASSA-PSS parameters");
    }

    @Test
    void refusesA1024BitKeyOnThePkcs1v15PathEvenWhereThatPathIsAllowed() throws Exception {
        byte[] baseline = signWith("SHA256withRSA", RSA_3072);
        assertThat(envelope.verify(baseline, RSA_3072.certificate(), PKCS1_ALLOWED)
                        .signatureAlgorithm())
                .isEqualTo("RSA-PKCS1v15/SHA-256");

        byte[] signed = signWith("SHA256withRSA", RSA_1024);

        assertThat(refusedAlgorithm(() -> envelope.verify(signed, RSA_1024.certificate(), PKCS1_ALLOWED)))
                .isEqualTo("RSA-1024");
        assertThat(refusedAlgorithm(() -> envelope.verify(
                        signed,
                        RSA_1024.certificate(),
                        new AlgorithmPolicy(true, true, false, AlgorithmPolicy.DEFAULT_SKEW))))
                .as("the 2048-bit loosening does not reach below 2048 bits")
                .isEqualTo("RSA-1024");
    }

    @Test
    void refusesA2048BitKeyOnThePkcs1v15PathUnlessThatIsLoosenedToo() throws Exception {
        byte[] signed = signWith("SHA256withRSA", RSA_2048);

        assertThat(refusedAlgorithm(() -> envelope.verify(signed, RSA_2048.certificate(), PKCS1_ALLOWED)))
                .isEqualTo("RSA-2048");
        assertThat(envelope.verify(
                                signed,
                                RSA_2048.certificate(),
                                new AlgorithmPolicy(true, true, false, AlgorithmPolicy.DEFAULT_SKEW))
                        .content())
                .isEqualTo(CONTENT);
    }

    @Test
    void refusesAnRsaSignatureClaimedForAKeyThatIsNotRsa() {
        var ecKey = TestPki.partner(KeyType.EC_P256).signing().certificate().getPublicKey();
        String digest = NISTObjectIdentifiers.id_sha256.getId();

        assertThat(refusedAlgorithm(() -> PKCS1_ALLOWED.checkSignature(
                        digest, PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(), null, ecKey)))
                .isEqualTo("EC");
        assertThat(refusedAlgorithm(() -> PKCS1_ALLOWED.checkSignature(
                        digest,
                        PKCSObjectIdentifiers.id_RSASSA_PSS.getId(),
                        pssParameters(NISTObjectIdentifiers.id_sha256),
                        ecKey)))
                .isEqualTo("EC");
    }

    @Test
    void refusesEcdsaOnACurveSmallerThanP256() {
        SigningIdentity p224 = withKey("ec-p224", TestPki.keyPair("EC", new ECGenParameterSpec("secp224r1")));
        byte[] signed = envelope.sign(CONTENT, p224);

        assertThat(refusedAlgorithm(() -> envelope.verify(signed, p224.certificate(), AlgorithmPolicy.strict())))
                .isEqualTo("ECDSA on a small curve");
        assertThat(refusedAlgorithm(() -> AlgorithmPolicy.strict()
                        .checkSignature(
                                NISTObjectIdentifiers.id_sha256.getId(),
                                X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
                                null,
                                RSA_3072.certificate().getPublicKey())))
                .as("an ECDSA signature claimed for an RSA key")
                .isEqualTo("ECDSA on a small curve");
    }

    @Test
    void acceptsEcdsaOnP384AndEd25519() {
        SigningIdentity p384 = TestPki.issue("ec-p384", KeyType.EC_P384, Usage.SIGNING);
        SigningIdentity ed25519 = withKey(
                "ed25519", TestPki.keyPair("Ed25519", new org.bouncycastle.jcajce.spec.EdDSAParameterSpec("Ed25519")));

        assertThat(envelope.verify(envelope.sign(CONTENT, p384), p384.certificate(), AlgorithmPolicy.strict())
                        .signatureAlgorithm())
                .isEqualTo("ECDSA-P384/SHA-384");
        assertThat(envelope.verify(envelope.sign(CONTENT, ed25519), ed25519.certificate(), AlgorithmPolicy.strict())
                        .signatureAlgorithm())
                .isEqualTo("Ed25519");
    }

    @Test
    void refusesASignatureAlgorithmOutsideThePolicy() {
        String dsaWithSha256 = NISTObjectIdentifiers.dsa_with_sha256.getId();

        assertThat(refusedAlgorithm(() -> AlgorithmPolicy.strict()
                        .checkSignature(
                                NISTObjectIdentifiers.id_sha256.getId(),
                                dsaWithSha256,
                                null,
                                RSA_3072.certificate().getPublicKey())))
                .isEqualTo(dsaWithSha256);
    }

    @Test
    void refusesADigestOutsideThePolicyByItsOidWhenItHasNoPlainName() {
        String sha3 = NISTObjectIdentifiers.id_sha3_256.getId();

        assertThat(refusedAlgorithm(() -> AlgorithmPolicy.strict()
                        .checkSignature(
                                sha3,
                                X9ObjectIdentifiers.ecdsa_with_SHA256.getId(),
                                null,
                                TestPki.partner(KeyType.EC_P256)
                                        .signing()
                                        .certificate()
                                        .getPublicKey())))
                .isEqualTo(sha3);
    }

    /** The algorithm an {@link AlgorithmNotAllowedException} names, failing unless that is what {@code call} throws. */
    static String refusedAlgorithm(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AlgorithmNotAllowedException.class);
        return ((AlgorithmNotAllowedException) thrown).algorithm();
    }

    private static SigningIdentity withKey(String name, java.security.KeyPair keys) {
        return TestPki.issue(
                name,
                keys,
                Usage.SIGNING,
                TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(90)));
    }

    private static byte[] pssParameters(ASN1ObjectIdentifier hash) {
        try {
            var hashAlgorithm = new AlgorithmIdentifier(hash, DERNull.INSTANCE);
            return new RSASSAPSSparams(
                            hashAlgorithm,
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, hashAlgorithm),
                            new ASN1Integer(32),
                            new ASN1Integer(1))
                    .getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusesRsa2048UnlessLoosened() {
        SigningIdentity weak = RSA_2048;
        byte[] signed = envelope.sign(CONTENT, weak);

        assertThatThrownBy(() -> envelope.verify(signed, weak.certificate(), AlgorithmPolicy.strict()))
                .isInstanceOf(AlgorithmNotAllowedException.class)
                .hasMessageContaining("2048 bits");
        var loosened = new AlgorithmPolicy(false, true, false, Duration.ofMinutes(5));
        assertThat(envelope.verify(signed, weak.certificate(), loosened).content())
                .isEqualTo(CONTENT);
    }

    /** A SignedData made directly with Bouncy Castle, for algorithms the gateway itself never uses. */
    private static byte[] signWith(String algorithm, SigningIdentity signer) throws Exception {
        return signWith(algorithm, signer, null);
    }

    /** As {@link #signWith(String, SigningIdentity)}, with the message digest chosen apart from the signature's own hash. */
    private static byte[] signWith(String algorithm, SigningIdentity signer, AlgorithmIdentifier contentDigest)
            throws Exception {
        var signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new java.util.Date())));
        var generator = new CMSSignedDataGenerator();
        var signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime)));
        if (contentDigest != null) {
            signerInfo.setContentDigest(contentDigest);
        }
        generator.addSignerInfoGenerator(signerInfo.build(
                new JcaContentSignerBuilder(algorithm).setProvider(Envelope.BC).build(signer.privateKey()),
                signer.certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        return generator.generate(new CMSProcessableByteArray(CONTENT), true).getEncoded();
    }
}
