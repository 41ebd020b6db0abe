package org.amanat.compliance.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;

/**
 * A TLS server on a free loopback port that completes handshakes and hangs up, presenting {@code identity} and trusting
 * the test CA for client certificates. {@code settings} restrict it (protocols, suites, client authentication).
 */
final class TestTlsServer implements AutoCloseable {
    private final SSLServerSocket socket;

    TestTlsServer(SigningIdentity identity, Consumer<SSLServerSocket> settings) throws IOException {
        this(TlsContexts.create(identity, List.of(TestPki.caCertificate())), settings);
    }

    TestTlsServer(SSLContext context, Consumer<SSLServerSocket> settings) throws IOException {
        socket = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        settings.accept(socket);
        Thread acceptor = new Thread(this::serve, "test-tls-server-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code https://localhost:port/notices}: a name, not an address, so host name checks are exercised. */
    URI endpoint() {
        return URI.create("https://localhost:" + socket.getLocalPort() + "/notices");
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (SSLSocket client = (SSLSocket) socket.accept()) {
                client.setSoTimeout(5_000);
                client.startHandshake();
            } catch (IOException e) {
                // A refused handshake is what some tests provoke; the next client is served all the same.
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
