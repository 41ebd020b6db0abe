package org.amanat.partner;

import java.security.cert.X509Certificate;
import org.amanat.protocol.AlgorithmPolicy;

/**
 * A validated profile with the certificates it names, loaded once at start-up.
 *
 * @param clientCertificate the TLS client certificate that identifies the partner when it calls the gateway; null when
 *     its profile names none
 */
public record Partner(
        PartnerProfile profile,
        X509Certificate signingCertificate,
        X509Certificate encryptionCertificate,
        X509Certificate trustedCa,
        AlgorithmPolicy policy,
        X509Certificate clientCertificate) {

    /** A partner without a client certificate of its own (tests of the officers' side). */
    public Partner(PartnerProfile profile, X509Certificate signingCertificate, X509Certificate encryptionCertificate,
            X509Certificate trustedCa, AlgorithmPolicy policy) {
        this(profile, signingCertificate, encryptionCertificate, trustedCa, policy, null);
    }

    public String id() {
        return profile.id();
    }
}
