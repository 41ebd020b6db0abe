package org.amanat.protocol;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** The two key families a partner can choose; the envelope picks its algorithms from the keys. */
public enum AlgorithmProfile {
    /** RSASSA-PSS with RSA-3072 or larger to sign, RSAES-OAEP-SHA256 to encrypt to. */
    RSA,
    /** ECDSA P-256 or P-384 to sign, ECDH with AES key wrap to encrypt to. */
    EC;

    /** Null when the key fits this profile; otherwise why not. */
    public String misfit(PublicKey key) {
        return switch (this) {
            case RSA ->
                key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 3072
                        ? null
                        : "needs an RSA key of at least 3072 bits, found " + describe(key);
            case EC ->
                key instanceof ECPublicKey ec
                                && ec.getParams().getCurve().getField().getFieldSize() >= 256
                        ? null
                        : "needs an EC key on P-256 or P-384, found " + describe(key);
        };
    }

    private static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return key.getAlgorithm();
    }
}
