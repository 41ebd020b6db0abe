package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

/** What the policy refuses in received signatures, and what a partner's receive-only loosening lets through. */
class AlgorithmPolicyTest {
    private static final byte[] CONTENT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final SigningIdentity RSA_3072 = TestPki.partner(KeyType.RSA_3072).signing();
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

        assertThat(envelope.verify(signed, RSA_3072.certificate(), loosened).signatureAlgorithm()).isEqualTo("RSA-PKCS1v15/SHA-256");
    }

    @Test
    void refusesSha1Digest() throws Exception {
        SigningIdentity ec = TestPki.partner(KeyType.EC_P256).signing();
        byte[] signed = signWith("SHA1withECDSA", ec);

        assertThatThrownBy(() -> envelope.verify(signed, ec.certificate(), AlgorithmPolicy.strict()))
                .isInstanceOf(AlgorithmNotAllowedException.class)
                .hasMessageContaining("digest algorithm");
    }

    @Test
    void refusesRsa2048UnlessLoosened() {
        SigningIdentity weak = TestPki.issue("weak", KeyType.RSA_2048, Usage.SIGNING);
        byte[] signed = envelope.sign(CONTENT, weak);

        assertThatThrownBy(() -> envelope.verify(signed, weak.certificate(), AlgorithmPolicy.strict()))
                .isInstanceOf(AlgorithmNotAllowedException.class)
                .hasMessageContaining("2048 bits");
        var loosened = new AlgorithmPolicy(false, true, false, Duration.ofMinutes(5));
        assertThat(envelope.verify(signed, weak.certificate(), loosened).content()).isEqualTo(CONTENT);
    }

    /** A SignedData made directly with Bouncy Castle, for algorithms the gateway itself never uses. */
    private static byte[] signWith(String algorithm, SigningIdentity signer) throws Exception {
        var signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new java.util.Date())));
        var generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime)))
                .build(new JcaContentSignerBuilder(algorithm).build(signer.privateKey()), signer.certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        return generator.generate(new CMSProcessableByteArray(CONTENT), true).getEncoded();
    }
}
