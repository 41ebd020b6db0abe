package org.amanat.protocol;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key with its certificate: who signs, or who can decrypt. {@link #toString()} never shows the key. */
public record SigningIdentity(PrivateKey privateKey, X509Certificate certificate) {
    @Override
    public String toString() {
        return "SigningIdentity[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
