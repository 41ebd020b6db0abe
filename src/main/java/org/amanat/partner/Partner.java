package org.amanat.partner;

import java.security.cert.X509Certificate;
import org.amanat.protocol.AlgorithmPolicy;

/** A validated profile with the certificates it names, loaded once at start-up. */
public record Partner(
        PartnerProfile profile,
        X509Certificate signingCertificate,
        X509Certificate encryptionCertificate,
        X509Certificate trustedCa,
        AlgorithmPolicy policy) {

    public String id() {
        return profile.id();
    }
}
