package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

/** Mutual TLS between contexts made from identities in memory, over loopback: each side proves itself and trusts only the CA given. */
class TlsContextsTest {
    @Test
    void eachSidePresentsItsCertificateAndAcceptsTheOthersFromTheTrustedCa() throws Exception {
        SSLContext server = TlsContexts.create(TestPki.PARTNER_TLS, List.of(TestPki.caCertificate()));
        SSLContext client = TlsContexts.create(TestPki.MINISTRY_TLS, List.of(TestPki.caCertificate()));

        Certificate[][] peers = handshake(server, client);

        assertThat(peers[0][0]).as("the client the server saw").isEqualTo(TestPki.MINISTRY_TLS.certificate());
        assertThat(peers[1][0]).as("the server the client saw").isEqualTo(TestPki.PARTNER_TLS.certificate());
    }

    @Test
    void refusesAServerWhoseCertificateDoesNotChainToATrustedCa() {
        SigningIdentity otherCa = Pki.ca(
                Pki.name("Other CA", null),
                TestPki.NOW.minus(Duration.ofDays(1)),
                TestPki.NOW.plus(Duration.ofDays(1)));
        SSLContext server = TlsContexts.create(TestPki.PARTNER_TLS, List.of(TestPki.caCertificate()));
        SSLContext client = TlsContexts.create(TestPki.MINISTRY_TLS, List.of(otherCa.certificate()));

        assertThatThrownBy(() -> handshake(server, client)).hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void presentsNoKeyWhenGivenNone() {
        var managers = TlsContexts.keyManagers(null);
        var withKey = TlsContexts.keyManagers(TestPki.MINISTRY_TLS);

        assertThat(((X509KeyManager) managers[0]).getClientAliases("EC", null)).isNull();
        String alias = ((X509KeyManager) withKey[0]).getClientAliases("EC", null)[0];
        assertThat(((X509KeyManager) withKey[0]).getCertificateChain(alias))
                .containsExactly(TestPki.MINISTRY_TLS.certificate());
    }

    /** The peer chains each side saw: [0] the server's view of the client, [1] the client's view of the server. */
    private static Certificate[][] handshake(SSLContext server, SSLContext client) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (var listening = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
            listening.setNeedClientAuth(true);
            listening.setSoTimeout(10_000);
            CompletableFuture<Certificate[]> serverSide = CompletableFuture.supplyAsync(() -> {
                try (var accepted = (SSLSocket) listening.accept()) {
                    accepted.startHandshake();
                    return accepted.getSession().getPeerCertificates();
                } catch (Exception e) {
                    return null;
                }
            });
            try (var socket = (SSLSocket) client.getSocketFactory().createSocket(loopback, listening.getLocalPort())) {
                socket.setSoTimeout(10_000);
                try {
                    socket.startHandshake();
                } catch (SSLHandshakeException e) {
                    throw new IllegalStateException("handshake refused", e);
                }
                Certificate[] serverChain = socket.getSession().getPeerCertificates();
                return new Certificate[][] {serverSide.get(10, TimeUnit.SECONDS), serverChain};
            }
        }
    }
}
