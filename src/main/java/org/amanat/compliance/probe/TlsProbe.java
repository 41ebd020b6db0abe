package org.amanat.compliance.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Shakes hands with a partner's TLS endpoint and reports what it saw, without judging it ({@link TlsChecks} judges).
 * It offers TLS 1.3 and 1.2 with the JDK's default suites, wider than the delivery clients' strict list, so that a server
 * that would pick a weak suite shows it here instead of merely failing deliveries. The chain is accepted during the
 * handshake and validated afterwards, so an untrusted or expired certificate is reported rather than hidden behind a
 * handshake failure. No application data is ever sent on the connection.
 */
public final class TlsProbe {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final int HTTPS_PORT = 443;

    private final Clock clock;

    public TlsProbe(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param endpoint an {@code https} URI; only its host and port are used
     * @param trustedCa the CA that the partner's server certificate must chain to
     * @param clientKeys the ministry's client key for mutual TLS; null to present none
     * @param timeout the most the whole probe, connect and handshake together, may take
     */
    public TlsObservation probe(URI endpoint, X509Certificate trustedCa, KeyManager[] clientKeys, Duration timeout) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an https endpoint: " + endpoint);
        }
        String host = endpoint.getHost().replaceAll("^\\[|\\]$", "");
        int port = endpoint.getPort() == -1 ? HTTPS_PORT : endpoint.getPort();
        int timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        var recorder = new RecordingTrustManager();

        String error = null;
        String protocol = null;
        String cipherSuite = null;
        Socket socket = new Socket();
        // The read timeout alone would let a server that trickles a byte now and then keep the probe forever.
        var timedOut = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                () -> {
                    timedOut.set(true);
                    closeQuietly(socket);
                },
                CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS, Runnable::run));
        try (socket) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            try (SSLSocket tls = (SSLSocket)
                    context(recorder, clientKeys).getSocketFactory().createSocket(socket, host, port, true)) {
                tls.setEnabledProtocols(PROTOCOLS);
                tls.startHandshake();
                SSLSession session = tls.getSession();
                protocol = session.getProtocol();
                cipherSuite = session.getCipherSuite();
            }
        } catch (IOException e) {
            error = timedOut.get() || e instanceof SocketTimeoutException
                    ? "no answer within " + timeoutMillis + " ms"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            deadline.cancel(false);
        }

        List<X509Certificate> chain = recorder.chain();
        if (chain.isEmpty()) {
            return new TlsObservation(endpoint, error, protocol, cipherSuite, chain, null, null);
        }
        return new TlsObservation(
                endpoint,
                error,
                protocol,
                cipherSuite,
                chain,
                ServerChains.trustProblem(chain, trustedCa, clock.instant()),
                ServerChains.hostnameProblem(host, chain.get(0)));
    }

    private static SSLContext context(RecordingTrustManager recorder, KeyManager[] clientKeys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(clientKeys, new TrustManager[] {recorder}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken: the probe reports the timeout either way.
        }
    }
}
