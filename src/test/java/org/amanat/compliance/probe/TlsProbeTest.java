package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLServerSocket;
import org.amanat.protocol.Pki;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.Pki.Usage;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;
import org.junit.jupiter.api.Test;

/** The probe against real TLS servers on loopback, judged by {@link TlsChecks}: one defect per server. */
class TlsProbeTest {
    /** Certificates carry whole seconds; so does the probe's clock, so day counts come out exact. */
    private static final Instant NOW = TestPki.NOW.truncatedTo(ChronoUnit.SECONDS);

    private static final Duration WARNING = Duration.ofDays(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final KeyPair SERVER_KEYS = Pki.keyPair(KeyType.EC_P256);
    private static final Consumer<SSLServerSocket> AS_IS = socket -> {};

    private final TlsProbe probe = new TlsProbe(Clock.fixed(NOW, ZoneOffset.UTC));
    private final TlsChecks checks = new TlsChecks();

    @Test
    void findsNothingWrongWithAValidCertificateOverTls13() throws IOException {
        try (var server = new TestTlsServer(TestPki.PARTNER_TLS, AS_IS)) {
            TlsObservation observation = probe(server, null);

            assertThat(observation.reachable()).isTrue();
            assertThat(observation.protocol()).isEqualTo("TLSv1.3");
            assertThat(observation.chain()).containsExactly(TestPki.PARTNER_TLS.certificate());
            assertThat(checks.check(observation, "TLSv1.3", NOW, WARNING)).isEmpty();
        }
    }

    @Test
    void reportsAnExpiredServerCertificateAsCriticalAndOnlyOnce() throws IOException {
        var expired = server("expired", NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)));
        try (var server = new TestTlsServer(expired, AS_IS)) {
            assertThat(findings(server, "TLSv1.2"))
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("certificate.expired", Severity.CRITICAL));
        }
    }

    @Test
    void warnsOfAServerCertificateExpiringWithinTheWindow() throws IOException {
        var expiring = server("expiring", NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10)));
        try (var server = new TestTlsServer(expiring, AS_IS)) {
            List<Finding> findings = findings(server, "TLSv1.2");

            assertThat(findings)
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("certificate.expiring", Severity.MEDIUM));
            assertThat(findings.get(0).subject()).startsWith("TLS server certificate CN=expiring,");
            assertThat(findings.get(0).detail())
                    .contains("in 10 days", NOW.plus(Duration.ofDays(10)).toString());
        }
    }

    @Test
    void reportsACertificateThatNamesAnotherHost() throws IOException {
        var elsewhere = TestPki.issue(
                "elsewhere",
                SERVER_KEYS,
                Usage.TLS_SERVER,
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)),
                "SHA256withECDSA",
                List.of("partner.example"));
        try (var server = new TestTlsServer(elsewhere, AS_IS)) {
            List<Finding> findings = findings(server, "TLSv1.2");

            assertThat(findings)
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("tls.hostname-mismatch", Severity.HIGH));
            assertThat(findings.get(0).subject()).isEqualTo("TLS endpoint " + server.endpoint());
            assertThat(findings.get(0).detail()).contains("localhost", "partner.example");
        }
    }

    @Test
    void reportsAChainFromAnotherCa() throws IOException {
        var otherCa = Pki.ca(Pki.name("Other CA", null), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
        var stranger = Pki.issue(
                otherCa,
                Pki.name("stranger", "Tests"),
                SERVER_KEYS,
                Usage.TLS_SERVER,
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(90)));
        try (var server = new TestTlsServer(stranger, AS_IS)) {
            assertThat(findings(server, "TLSv1.2"))
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("tls.untrusted-chain", Severity.HIGH));
        }
    }

    @Test
    void reportsACertificateIssuedOnlyForTlsClients() throws IOException {
        try (var server = new TestTlsServer(TestPki.MINISTRY_TLS, AS_IS)) {
            List<Finding> findings = findings(server, "TLSv1.2");

            assertThat(findings)
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("tls.untrusted-chain", Severity.HIGH));
            assertThat(findings.get(0).detail()).contains("not issued for TLS servers");
        }
    }

    @Test
    void reportsTls12WhenThePartnersMinimumIsTls13() throws IOException {
        try (var server = new TestTlsServer(
                TestPki.PARTNER_TLS, socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}))) {
            TlsObservation observation = probe(server, null);

            assertThat(checks.check(observation, "TLSv1.3", NOW, WARNING))
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("tls.protocol-below-minimum", Severity.HIGH));
            assertThat(checks.check(observation, "TLSv1.2", NOW, WARNING)).isEmpty();
        }
    }

    @Test
    void reportsACbcSuiteTheServerInsistsOn() throws IOException {
        Consumer<SSLServerSocket> cbcOnly = socket -> {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
        };
        try (var server = new TestTlsServer(TestPki.PARTNER_TLS, cbcOnly)) {
            List<Finding> findings = findings(server, "TLSv1.2");

            assertThat(findings)
                    .extracting(Finding::check, Finding::severity)
                    .containsExactly(tuple("tls.weak-cipher-suite", Severity.HIGH));
            assertThat(findings.get(0).detail()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        }
    }

    @Test
    void reportsNothingListeningWithoutWaitingForTheTimeout() throws IOException {
        URI closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("https://localhost:" + socket.getLocalPort() + "/notices");
        }
        Instant start = Instant.now();

        TlsObservation observation = probe.probe(closed, TestPki.caCertificate(), null, TIMEOUT);

        assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT);
        assertThat(observation.reachable()).isFalse();
        assertThat(observation.error()).contains("refused");
        assertThat(checks.check(observation, "TLSv1.2", NOW, WARNING))
                .extracting(Finding::check, Finding::severity)
                .containsExactly(tuple("tls.handshake-failed", Severity.HIGH));
    }

    @Test
    void givesUpOnAServerThatNeverAnswersWithinTheTimeout() throws IOException {
        // Connections complete in the listen backlog, but nobody ever reads the ClientHello.
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("https://localhost:" + silent.getLocalPort() + "/notices");
            Instant start = Instant.now();

            TlsObservation observation = probe.probe(endpoint, TestPki.caCertificate(), null, Duration.ofMillis(300));

            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(observation.error()).isEqualTo("no answer within 300 ms");
        }
    }

    @Test
    void givesUpOnAServerThatTricklesBytesWithinTheTimeout() throws IOException {
        // Every byte comes well within the read timeout, so only the probe's overall deadline can stop it.
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        var accepted = new AtomicReference<Socket>();
        try (var listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trickle.execute(() -> {
                try {
                    accepted.set(listener.accept());
                    OutputStream out = accepted.get().getOutputStream();
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}); // a handshake record announcing 16 KB
                    trickle.scheduleAtFixedRate(
                            () -> {
                                try {
                                    out.write(0);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            50,
                            50,
                            TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            URI endpoint = URI.create("https://localhost:" + listener.getLocalPort() + "/notices");
            Instant start = Instant.now();

            TlsObservation observation = probe.probe(endpoint, TestPki.caCertificate(), null, Duration.ofMillis(300));

            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
            assertThat(observation.error()).isEqualTo("no answer within 300 ms");
        } finally {
            trickle.shutdownNow();
            if (accepted.get() != null) {
                accepted.get().close();
            }
        }
    }

    @Test
    void presentsTheClientKeyToAServerThatRequiresMutualTls() throws IOException {
        // TLS 1.2, because there the server's Finished follows its check of the client certificate, so a refusal fails
        // the client's handshake; in TLS 1.3 the client would finish first and learn of a refusal only on reading.
        Consumer<SSLServerSocket> mutual = socket -> {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setNeedClientAuth(true);
        };
        try (var server = new TestTlsServer(TestPki.PARTNER_TLS, mutual)) {
            assertThat(probe(server, TlsContexts.keyManagers(TestPki.MINISTRY_TLS))
                            .reachable())
                    .isTrue();
            assertThat(probe(server, null).reachable()).isFalse();
        }
    }

    @Test
    void stillChecksTheServerCertificateWhenTheServerRefusesTheClient() throws IOException {
        var expired = server("expired", NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)));
        Consumer<SSLServerSocket> mutual = socket -> {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setNeedClientAuth(true);
        };
        try (var server = new TestTlsServer(expired, mutual)) {
            assertThat(findings(server, "TLSv1.2"))
                    .extracting(Finding::check)
                    .containsExactlyInAnyOrder("tls.handshake-failed", "certificate.expired");
        }
    }

    @Test
    void refusesAnEndpointThatIsNotHttps() {
        assertThatThrownBy(() -> probe.probe(
                        URI.create("http://localhost:8080/notices"), TestPki.caCertificate(), null, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private TlsObservation probe(TestTlsServer server, KeyManager[] clientKeys) {
        return probe.probe(server.endpoint(), TestPki.caCertificate(), clientKeys, TIMEOUT);
    }

    private List<Finding> findings(TestTlsServer server, String minimum) {
        return checks.check(probe(server, null), minimum, NOW, WARNING);
    }

    private static SigningIdentity server(String commonName, Instant notBefore, Instant notAfter) {
        return TestPki.issue(commonName, SERVER_KEYS, Usage.TLS_SERVER, notBefore, notAfter);
    }
}
