package org.amanat.protocol;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * What the gateway accepts from others (DESIGN.md section 7). The defaults are strict; a partner's
 * profile may loosen only the receive-only items, and each loosening is visible here by name.
 *
 * @param allowRsaPkcs1v15Signatures accept RSA PKCS#1 v1.5 signatures (receive-only)
 * @param allowRsa2048 accept RSA signing keys of 2048 bits (receive-only, until end of 2030)
 * @param allowAes128Gcm accept AES-128-GCM content encryption (receive-only)
 * @param maxClockSkew how far signing-time may be from now, either way
 */
public record AlgorithmPolicy(
        boolean allowRsaPkcs1v15Signatures, boolean allowRsa2048, boolean allowAes128Gcm, Duration maxClockSkew) {

    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    public static AlgorithmPolicy strict() {
        return new AlgorithmPolicy(false, false, false, DEFAULT_SKEW);
    }

    private static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    /** Names for the refused digests partners are most likely to use, so findings read plainly. */
    private static final Map<String, String> WEAK_DIGESTS = Map.of(
            "1.3.14.3.2.26", "SHA-1", "1.2.840.113549.2.5", "MD5", NISTObjectIdentifiers.id_sha224.getId(), "SHA-224");

    private static final Set<ASN1ObjectIdentifier> ECDSA = Set.of(
            X9ObjectIdentifiers.id_ecPublicKey,
            X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    private static final Set<ASN1ObjectIdentifier> RSA_PKCS1 = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption,
            PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption);

    /** Checks the digest and signature algorithm of one signer against the key that must have made it. */
    String checkSignature(String digestOid, String signatureOid, byte[] signatureParams, PublicKey key) {
        String digest = DIGESTS.get(new ASN1ObjectIdentifier(digestOid));
        if (digest == null) {
            throw new AlgorithmNotAllowedException(
                    "digest algorithm " + digestOid + " is not allowed (SHA-256 or stronger)",
                    WEAK_DIGESTS.getOrDefault(digestOid, digestOid));
        }
        ASN1ObjectIdentifier sig = new ASN1ObjectIdentifier(signatureOid);
        if (sig.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            checkPssHash(signatureParams);
            checkRsaSize(key);
            return "RSASSA-PSS/" + digest;
        }
        if (RSA_PKCS1.contains(sig)) {
            if (!allowRsaPkcs1v15Signatures) {
                throw new AlgorithmNotAllowedException(
                        "RSA PKCS#1 v1.5 signatures are not allowed for this partner (use RSASSA-PSS)",
                        "RSA-PKCS1v15/" + digest);
            }
            checkRsaSize(key);
            return "RSA-PKCS1v15/" + digest;
        }
        if (ECDSA.contains(sig)) {
            if (!(key instanceof ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() < 256) {
                throw new AlgorithmNotAllowedException(
                        "ECDSA needs a curve of at least 256 bits", "ECDSA on a small curve");
            }
            return "ECDSA-P" + ec.getParams().getCurve().getField().getFieldSize() + "/" + digest;
        }
        if (sig.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        }
        throw new AlgorithmNotAllowedException("signature algorithm " + signatureOid + " is not allowed", signatureOid);
    }

    private void checkRsaSize(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new AlgorithmNotAllowedException("an RSA signature needs an RSA key", key.getAlgorithm());
        }
        int bits = rsa.getModulus().bitLength();
        if (bits >= 3072 || (bits >= 2048 && allowRsa2048)) {
            return;
        }
        throw new AlgorithmNotAllowedException(
                "RSA key of " + bits + " bits is too small (3072 or more)", "RSA-" + bits);
    }

    private static void checkPssHash(byte[] params) {
        try {
            RSASSAPSSparams pss = RSASSAPSSparams.getInstance(ASN1Primitive.fromByteArray(params));
            if (!DIGESTS.containsKey(pss.getHashAlgorithm().getAlgorithm())) {
                String hash = pss.getHashAlgorithm().getAlgorithm().getId();
                throw new AlgorithmNotAllowedException(
                        "RSASSA-PSS with hash " + hash + " is not allowed",
                        "RSASSA-PSS/" + WEAK_DIGESTS.getOrDefault(hash, hash));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof AlgorithmNotAllowedException refused) {
                throw refused;
            }
            throw new MalformedMessageException("RSASSA-PSS parameters cannot be read", e);
        }
    }

    /** AuthEnvelopedData content encryption: AES-256-GCM, or AES-128-GCM where loosened. */
    void checkContentEncryption(String oid) {
        if (CMSAlgorithm.AES256_GCM.getId().equals(oid)) {
            return;
        }
        if (CMSAlgorithm.AES128_GCM.getId().equals(oid) && allowAes128Gcm) {
            return;
        }
        throw new AlgorithmNotAllowedException(
                "content encryption " + oid + " is not allowed (AES-256-GCM)",
                CMSAlgorithm.AES128_GCM.getId().equals(oid) ? "AES-128-GCM" : oid);
    }

    /** Key transport must be RSAES-OAEP; key agreement must be ECDH. PKCS#1 v1.5 key transport is refused. */
    void checkKeyEncryption(String oid) {
        ASN1ObjectIdentifier alg = new ASN1ObjectIdentifier(oid);
        boolean oaep = alg.equals(PKCSObjectIdentifiers.id_RSAES_OAEP);
        boolean ecdh = alg.equals(CMSAlgorithm.ECDH_SHA256KDF)
                || alg.equals(CMSAlgorithm.ECDH_SHA384KDF)
                || alg.equals(CMSAlgorithm.ECDH_SHA512KDF);
        if (!oaep && !ecdh) {
            throw new AlgorithmNotAllowedException(
                    "key encryption " + oid + " is not allowed (RSAES-OAEP or ECDH)",
                    alg.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA-PKCS1v15 key transport" : oid);
        }
    }

    void checkSigningTime(Instant signingTime, Clock clock) {
        if (signingTime == null) {
            throw new SigningTimeOutOfRangeException("the signature has no signing-time attribute");
        }
        Instant now = clock.instant();
        if (signingTime.isBefore(now.minus(maxClockSkew)) || signingTime.isAfter(now.plus(maxClockSkew))) {
            throw new SigningTimeOutOfRangeException(
                    "signing-time " + signingTime + " is more than " + maxClockSkew + " away from " + now);
        }
    }
}
