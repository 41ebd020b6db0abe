package org.amanat.compliance.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Judges a {@link TlsObservation} by the transport policy of DESIGN.md section 7, and the server's certificate with it. */
public final class TlsChecks {
    static final String SERVER_CERTIFICATE = "TLS server certificate";

    /** Oldest first: the index orders them. */
    private static final List<String> PROTOCOLS = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** The policy's floor; a partner's profile may only raise it. */
    private static final List<String> MINIMUMS = List.of("TLSv1.2", "TLSv1.3");

    private final CertificateChecks certificates = new CertificateChecks();

    /**
     * @param minimumProtocol the partner's minimum, {@code TLSv1.2} or {@code TLSv1.3}
     * @param expiryWarning how long before the server certificate expires to warn
     */
    public List<Finding> check(TlsObservation o, String minimumProtocol, Instant now, Duration expiryWarning) {
        if (!MINIMUMS.contains(minimumProtocol)) {
            throw new IllegalArgumentException(
                    "minimum protocol must be one of " + MINIMUMS + ", not " + minimumProtocol);
        }
        String endpoint = "TLS endpoint " + o.endpoint();
        List<Finding> findings = new ArrayList<>();
        if (!o.reachable()) {
            findings.add(new Finding("tls.handshake-failed", endpoint, Severity.HIGH, o.error()));
        }
        if (o.protocol() != null && PROTOCOLS.indexOf(o.protocol()) < PROTOCOLS.indexOf(minimumProtocol)) {
            findings.add(new Finding(
                    "tls.protocol-below-minimum",
                    endpoint,
                    Severity.HIGH,
                    "negotiated " + o.protocol() + " although " + minimumProtocol + " is the minimum"));
        }
        if (o.cipherSuite() != null && !strong(o.cipherSuite())) {
            findings.add(new Finding(
                    "tls.weak-cipher-suite",
                    endpoint,
                    Severity.HIGH,
                    "negotiated " + o.cipherSuite()
                            + "; only ECDHE (or TLS 1.3) with AES-GCM or ChaCha20-Poly1305 is allowed"));
        }
        o.leaf().ifPresent(leaf -> {
            if (o.chainProblem() != null) {
                findings.add(new Finding(
                        "tls.untrusted-chain",
                        endpoint,
                        Severity.HIGH,
                        "the chain of " + leaf.getSubjectX500Principal().getName()
                                + " does not validate to the partner's CA: " + o.chainProblem()));
            }
            if (o.hostnameProblem() != null) {
                findings.add(new Finding("tls.hostname-mismatch", endpoint, Severity.HIGH, o.hostnameProblem()));
            }
            findings.addAll(certificates.check(SERVER_CERTIFICATE, leaf, now, expiryWarning));
        });
        return findings;
    }

    /**
     * Forward secrecy and authenticated encryption: ECDHE key exchange with an AEAD cipher. TLS 1.3 suite names carry no
     * key exchange (it is always ephemeral), hence no {@code _WITH_}.
     */
    private static boolean strong(String suite) {
        boolean ephemeral = suite.startsWith("TLS_ECDHE_") || !suite.contains("_WITH_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return ephemeral && aead;
    }
}
