package org.amanat.compliance.probe;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one TLS handshake with a partner endpoint showed. The chain is kept even when the handshake failed after the server
 * sent it (a server refusing our client certificate, say), so its certificates can still be checked.
 *
 * @param error why the connection or handshake failed; null when the handshake completed
 * @param protocol the negotiated protocol, such as {@code TLSv1.3}; null when the handshake failed
 * @param cipherSuite the negotiated suite; null when the handshake failed
 * @param chain the server's certificates as sent, leaf first; empty when none were received
 * @param chainProblem why the chain is not trusted (PKIX against the partner's CA); null when trusted or when no chain was received
 * @param hostnameProblem why the leaf does not name the endpoint's host; null when it does or when no chain was received
 */
public record TlsObservation(
        URI endpoint,
        String error,
        String protocol,
        String cipherSuite,
        List<X509Certificate> chain,
        String chainProblem,
        String hostnameProblem) {
    public TlsObservation {
        Objects.requireNonNull(endpoint, "endpoint");
        chain = List.copyOf(chain);
    }

    /** Connected and completed the handshake. */
    public boolean reachable() {
        return error == null;
    }

    public Optional<X509Certificate> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }
}
