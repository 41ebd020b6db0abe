package org.amanat.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The one place that does CMS: sign (SignedData), encrypt (AuthEnvelopedData, AES-256-GCM) and
 * their inverses. The signature and key-transport algorithms follow the key: RSA signs with
 * RSASSA-PSS and is encrypted to with RSAES-OAEP-SHA256; EC signs with ECDSA and is encrypted to
 * with ephemeral-static ECDH and AES key wrap. Received messages are checked against an
 * {@link AlgorithmPolicy} and verified only under a pinned certificate, never one from the message.
 */
public final class Envelope {
    /** Bouncy Castle is used as an explicit provider, not installed globally: EC is ~5x faster than SunEC here. */
    static final Provider BC = new BouncyCastleProvider();

    private final Clock clock;

    public Envelope(Clock clock) {
        this.clock = clock;
    }

    /** Signs then encrypts: what the gateway sends to a partner, and a partner's status update to the gateway. */
    public byte[] seal(byte[] content, SigningIdentity signer, X509Certificate recipient) {
        return encrypt(sign(content, signer), recipient);
    }

    /** Decrypts then verifies under the pinned certificate of the expected signer. */
    public VerifiedContent open(
            byte[] sealed, SigningIdentity recipient, X509Certificate pinnedSigner, AlgorithmPolicy policy) {
        return verify(decrypt(sealed, recipient, policy), pinnedSigner, policy);
    }

    /** CMS SignedData, content encapsulated, signer certificate included, signing-time from this envelope's clock. */
    public byte[] sign(byte[] content, SigningIdentity signer) {
        try {
            var contentSigner = new JcaContentSignerBuilder(
                            signatureAlgorithmFor(signer.certificate().getPublicKey()))
                    .setProvider(BC)
                    .build(signer.privateKey());
            var signingTime =
                    new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant()))));
            var signerInfo = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                            .setProvider(BC)
                            .build())
                    .setSignedAttributeGenerator(
                            new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime)))
                    .build(contentSigner, signer.certificate());
            var generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo);
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            return generator
                    .generate(new CMSProcessableByteArray(content), true)
                    .getEncoded("DER");
        } catch (OperatorCreationException | CMSException | CertificateEncodingException | IOException e) {
            throw new ProtocolException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** CMS AuthEnvelopedData with AES-256-GCM, to one recipient certificate. The content type is id-data, as {@code openssl cms -encrypt} makes it. */
    public byte[] encrypt(byte[] signedData, X509Certificate recipient) {
        try {
            var generator = new CMSAuthEnvelopedDataGenerator();
            PublicKey key = recipient.getPublicKey();
            if (key instanceof RSAPublicKey) {
                AlgorithmIdentifier oaep = new JcaAlgorithmParametersConverter()
                        .getAlgorithmIdentifier(
                                PKCSObjectIdentifiers.id_RSAES_OAEP,
                                new OAEPParameterSpec(
                                        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                generator.addRecipientInfoGenerator(
                        new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
            } else if (key instanceof ECPublicKey ec) {
                KeyPair ephemeral = ephemeralKeyPair(ec);
                generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(
                                CMSAlgorithm.ECDH_SHA256KDF,
                                ephemeral.getPrivate(),
                                ephemeral.getPublic(),
                                CMSAlgorithm.AES256_WRAP)
                        .addRecipient(recipient)
                        .setProvider(BC));
            } else {
                throw new AlgorithmNotAllowedException(
                        "cannot encrypt to a " + key.getAlgorithm() + " key", key.getAlgorithm());
            }
            var encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setProvider(BC)
                    .build();
            return generator
                    .generate(new CMSProcessableByteArray(signedData), encryptor)
                    .getEncoded();
        } catch (GeneralSecurityException | CMSException | IOException e) {
            throw new ProtocolException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The structure is checked before it is parsed, so no encoding from outside can exhaust the stack. */
    public byte[] decrypt(byte[] sealed, SigningIdentity recipient, AlgorithmPolicy policy) {
        Asn1Structure.check(sealed, "CMS AuthEnvelopedData");
        CMSAuthEnvelopedData enveloped;
        try {
            enveloped = new CMSAuthEnvelopedData(sealed);
        } catch (CMSException | RuntimeException e) {
            throw new MalformedMessageException("not CMS AuthEnvelopedData", e);
        }
        policy.checkContentEncryption(enveloped.getEncryptionAlgOID());
        X509CertificateHolder me = holder(recipient.certificate());
        RecipientInformation info = enveloped.getRecipientInfos().getRecipients().stream()
                .filter(candidate -> candidate.getRID().match(me))
                .findFirst()
                .orElseThrow(() -> new DecryptionFailedException("not encrypted for the recipient's certificate"));
        policy.checkKeyEncryption(info.getKeyEncryptionAlgOID());
        try {
            return info.getContent(recipientFor(recipient.privateKey()));
        } catch (CMSException | RuntimeException e) {
            throw new DecryptionFailedException(
                    "cannot decrypt: the key does not fit or the authentication tag does not match", e);
        }
    }

    public VerifiedContent verify(byte[] signedData, X509Certificate pinnedSigner, AlgorithmPolicy policy) {
        Asn1Structure.check(signedData, "CMS SignedData");
        CMSSignedData signed;
        Collection<SignerInformation> signers;
        try {
            signed = new CMSSignedData(signedData);
            // Bouncy Castle decodes the signer identifiers here: an issuer name that is not valid UTF-8 throws
            // IllegalArgumentException.
            signers = signed.getSignerInfos().getSigners();
        } catch (CMSException | RuntimeException e) {
            throw new MalformedMessageException("not CMS SignedData", e);
        }
        if (signed.getSignedContent() == null) {
            throw new MalformedMessageException("SignedData has no encapsulated content");
        }
        if (signers.size() != 1) {
            throw new MalformedMessageException("expected one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        if (!signer.getSID().match(holder(pinnedSigner))) {
            throw new UntrustedSignerException("not signed by the pinned certificate");
        }
        String algorithm = policy.checkSignature(
                signer.getDigestAlgOID(),
                signer.getEncryptionAlgOID(),
                signer.getEncryptionAlgParams(),
                pinnedSigner.getPublicKey());
        boolean valid;
        try {
            valid = signer.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(pinnedSigner));
        } catch (OperatorCreationException | CMSException | RuntimeException e) {
            throw new SignatureInvalidException("signature cannot be verified", e);
        }
        if (!valid) {
            throw new SignatureInvalidException("signature does not verify");
        }
        Instant signingTime = signingTime(signer);
        policy.checkSigningTime(signingTime, clock);
        return new VerifiedContent((byte[]) signed.getSignedContent().getContent(), signingTime, algorithm);
    }

    private static Instant signingTime(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null) {
            return null;
        }
        ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
        return Time.getInstance(value).getDate().toInstant();
    }

    static String signatureAlgorithmFor(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "SHA256withRSAandMGF1";
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
            return "Ed25519";
        }
        throw new AlgorithmNotAllowedException("cannot sign with a " + key.getAlgorithm() + " key", key.getAlgorithm());
    }

    private static Recipient recipientFor(PrivateKey key) {
        if ("RSA".equals(key.getAlgorithm())) {
            return new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC);
        }
        return new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(BC);
    }

    /**
     * A fresh key pair on the recipient's curve. Named by curve, so Bouncy Castle uses its cached
     * precomputation: initialised from the key's explicit parameters it was about 3x slower.
     */
    private static KeyPair ephemeralKeyPair(ECPublicKey recipient) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec(curveName(recipient)));
        return generator.generateKeyPair();
    }

    private static String curveName(ECPublicKey key) {
        return switch (key.getParams().getCurve().getField().getFieldSize()) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default ->
                throw new AlgorithmNotAllowedException(
                        "cannot encrypt to an EC key of "
                                + key.getParams().getCurve().getField().getFieldSize() + " bits",
                        "EC-" + key.getParams().getCurve().getField().getFieldSize());
        };
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new MalformedMessageException("certificate cannot be encoded", e);
        }
    }
}
