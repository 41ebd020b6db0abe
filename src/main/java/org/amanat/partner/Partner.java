package org.amanat.partner;

import java.security.cert.X509Certificate;
import org.amanat.protocol.AlgorithmPolicy;

/**
 * A validated profile with the certificates it names, loaded once at start-up.
 *
 * @param clientCertificate the TLS client certificate that identifies the partner when it calls the gateway; null when
 *     its profile names none
 * @param clientCa the CA that issued it, when the profile names one (null for a self-signed client certificate)
 */
public record Partner(
        PartnerProfile profile,
        X509Certificate signingCertificate,
        X509Certificate encryptionCertificate,
        X509Certificate trustedCa,
        AlgorithmPolicy policy,
        X509Certificate clientCertificate,
        X509Certificate clientCa) {

    /** A partner without a client certificate of its own (tests of the officers' side). */
    public Partner(
            PartnerProfile profile,
            X509Certificate signingCertificate,
            X509Certificate encryptionCertificate,
            X509Certificate trustedCa,
            AlgorithmPolicy policy) {
        this(profile, signingCertificate, encryptionCertificate, trustedCa, policy, null, null);
    }

    public String id() {
        return profile.id();
    }
}
