package org.amanat.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes keys and certificates: the demo set in {@code certs-example/} and the fresh keys tests build
 * for themselves. Not for production PKI; a real ministry and real platforms use their own CAs.
 */
public final class Pki {
    public enum KeyType {
        RSA_3072,
        RSA_2048,
        EC_P256,
        EC_P384
    }

    /** What a certificate is for; sets its key usage and extended key usage. */
    public enum Usage {
        CA,
        SIGNING,
        ENCRYPTION,
        TLS_SERVER,
        TLS_CLIENT
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The CAs made here have EC P-256 keys. */
    private static final String DEFAULT_SIGNATURE = "SHA256withECDSA";

    private static final List<String> DEFAULT_HOST_NAMES = List.of("localhost", "127.0.0.1");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

    private Pki() {}

    public static KeyPair keyPair(KeyType type) {
        try {
            KeyPairGenerator generator;
            switch (type) {
                case RSA_3072, RSA_2048 -> {
                    generator = KeyPairGenerator.getInstance("RSA", Envelope.BC);
                    generator.initialize(type == KeyType.RSA_3072 ? 3072 : 2048, RANDOM);
                }
                default -> {
                    generator = KeyPairGenerator.getInstance("EC", Envelope.BC);
                    generator.initialize(
                            new ECGenParameterSpec(type == KeyType.EC_P256 ? "secp256r1" : "secp384r1"), RANDOM);
                }
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + type + " key", e);
        }
    }

    public static X500Name name(String commonName, String organisationalUnit) {
        var builder =
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "ID").addRDN(BCStyle.O, "Amanat");
        if (organisationalUnit != null) {
            builder.addRDN(BCStyle.OU, organisationalUnit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    /** A self-signed CA with an EC P-256 key. */
    public static SigningIdentity ca(X500Name subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair(KeyType.EC_P256);
        SigningIdentity self = new SigningIdentity(keys.getPrivate(), null);
        return new SigningIdentity(
                keys.getPrivate(),
                certificate(
                        self,
                        subject,
                        subject,
                        keys,
                        Usage.CA,
                        notBefore,
                        notAfter,
                        DEFAULT_SIGNATURE,
                        DEFAULT_HOST_NAMES));
    }

    /**
     * A self-signed end-entity certificate, for a party that is pinned by its exact certificate rather than trusted
     * through a CA (the demo's TLS client and partner-listener certificates); TLS certificates name localhost and 127.0.0.1.
     */
    public static SigningIdentity selfSigned(
            X500Name subject, KeyPair keys, Usage usage, Instant notBefore, Instant notAfter) {
        SigningIdentity self = new SigningIdentity(keys.getPrivate(), null);
        return new SigningIdentity(
                keys.getPrivate(),
                certificate(
                        self,
                        subject,
                        subject,
                        keys,
                        usage,
                        notBefore,
                        notAfter,
                        DEFAULT_SIGNATURE,
                        DEFAULT_HOST_NAMES));
    }

    /** A certificate for {@code keys}, signed by {@code issuer}; TLS certificates name localhost and 127.0.0.1. */
    public static SigningIdentity issue(
            SigningIdentity issuer, X500Name subject, KeyPair keys, Usage usage, Instant notBefore, Instant notAfter) {
        return issue(issuer, subject, keys, usage, notBefore, notAfter, DEFAULT_SIGNATURE, DEFAULT_HOST_NAMES);
    }

    /**
     * As {@link #issue(SigningIdentity, X500Name, KeyPair, Usage, Instant, Instant)}, with the issuer's signature
     * algorithm and a TLS certificate's host names chosen: so tests can make the weak or misnamed certificates that a
     * security probe must notice.
     */
    public static SigningIdentity issue(
            SigningIdentity issuer,
            X500Name subject,
            KeyPair keys,
            Usage usage,
            Instant notBefore,
            Instant notAfter,
            String signatureAlgorithm,
            List<String> hostNames) {
        X500Name issuerName = X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded());
        return new SigningIdentity(
                keys.getPrivate(),
                certificate(
                        issuer, issuerName, subject, keys, usage, notBefore, notAfter, signatureAlgorithm, hostNames));
    }

    private static X509Certificate certificate(
            SigningIdentity issuer,
            X500Name issuerName,
            X500Name subject,
            KeyPair keys,
            Usage usage,
            Instant notBefore,
            Instant notAfter,
            String signatureAlgorithm,
            List<String> hostNames) {
        try {
            var utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    new BigInteger(96, RANDOM).abs(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    keys.getPublic());
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(usage == Usage.CA));
            if (issuer.certificate() != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
            }
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage(usage, keys)));
            if (usage == Usage.TLS_SERVER || usage == Usage.TLS_CLIENT) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                usage == Usage.TLS_SERVER
                                        ? KeyPurposeId.id_kp_serverAuth
                                        : KeyPurposeId.id_kp_clientAuth));
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(hostNames.stream()
                                .map(name -> new GeneralName(
                                        IP_LITERAL.matcher(name).matches()
                                                ? GeneralName.iPAddress
                                                : GeneralName.dNSName,
                                        name))
                                .toArray(GeneralName[]::new)));
            }
            var signer = new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(Envelope.BC)
                    .build(issuer.privateKey());
            return new JcaX509CertificateConverter().setProvider(Envelope.BC).getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject, e);
        }
    }

    private static int keyUsage(Usage usage, KeyPair keys) {
        boolean rsa = "RSA".equals(keys.getPublic().getAlgorithm());
        return switch (usage) {
            case CA -> KeyUsage.keyCertSign | KeyUsage.cRLSign;
            case SIGNING -> KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
            case ENCRYPTION -> rsa ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement;
            case TLS_SERVER, TLS_CLIENT ->
                rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        };
    }

    /** @param ca the issuer's certificate, kept with the key as its chain; null for a self-signed certificate */
    public static void writePkcs12(SigningIdentity identity, X509Certificate ca, char[] password, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            X509Certificate[] chain = ca == null
                    ? new X509Certificate[] {identity.certificate()}
                    : new X509Certificate[] {identity.certificate(), ca};
            store.setKeyEntry("key", identity.privateKey(), password, chain);
            store.store(out, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** Writes a certificate or a private key (unencrypted PKCS#8) as PEM, for {@code openssl}. */
    public static void writePem(Object certificateOrKey, Path file) {
        try (Writer out = Files.newBufferedWriter(file);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(
                    certificateOrKey instanceof java.security.PrivateKey key
                            ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null)
                            : certificateOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
