package org.amanat.partner;

import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.SigningIdentity;

/**
 * The ministry's own keys: for each algorithm profile one to sign notices and one that status
 * updates are encrypted to, and the client certificate for mutual TLS.
 */
public final class MinistryKeys {
    private final Map<AlgorithmProfile, SigningIdentity> signing;
    private final Map<AlgorithmProfile, SigningIdentity> encryption;
    private final SigningIdentity tlsClient;

    MinistryKeys(
            Map<AlgorithmProfile, SigningIdentity> signing,
            Map<AlgorithmProfile, SigningIdentity> encryption,
            SigningIdentity tlsClient) {
        this.signing = Map.copyOf(signing);
        this.encryption = Map.copyOf(encryption);
        this.tlsClient = tlsClient;
    }

    public SigningIdentity signing(AlgorithmProfile profile) {
        return signing.get(profile);
    }

    public SigningIdentity encryption(AlgorithmProfile profile) {
        return encryption.get(profile);
    }

    public SigningIdentity tlsClient() {
        return tlsClient;
    }
}
