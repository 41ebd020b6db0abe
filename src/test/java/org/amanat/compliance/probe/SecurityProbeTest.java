package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.amanat.TestClock;
import org.amanat.compliance.ComplianceFixtures;
import org.amanat.compliance.ComplianceLedgers;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.TestLedgers;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.partner.TestPartners;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki;
import org.junit.jupiter.api.Test;

/** The probe on the real ledger: what it sees of a partner's endpoint, certificates and recent algorithms becomes its findings. */
class SecurityProbeTest {
    private final TestClock clock = new TestClock(TestPki.NOW.truncatedTo(ChronoUnit.SECONDS));
    private final TestLedgers ledgers = TestLedgers.create();

    @Test
    void aPlainHttpEndpointIsAFinding() {
        Partner plain = partner("plain", URI.create("http://plain.example/notices"), PartnerProfile.TlsMode.NONE);

        assertThat(probe(plain).probe(plain))
                .extracting(FindingRecord::check, FindingRecord::subject, FindingRecord::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "tls.not-used", "TLS endpoint http://plain.example/notices", Severity.HIGH));
    }

    @Test
    void judgesTheAlgorithmsOfTheLookbackOnly() {
        Partner plain = partner("plain", URI.create("HTTP://plain.example/notices"), PartnerProfile.TlsMode.NONE);
        refused("plain", "SHA-1", clock.instant().minus(Duration.ofDays(6)));
        refused("plain", "MD5", clock.instant().minus(Duration.ofDays(7)).minusSeconds(1));

        assertThat(probe(plain).probe(plain))
                .extracting(FindingRecord::check, FindingRecord::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "tls.not-used", "TLS endpoint HTTP://plain.example/notices"),
                        org.assertj.core.groups.Tuple.tuple("algorithm.refused", "refused message: SHA-1"));
    }

    @Test
    void certificatesNearTheirEndAreFindings() {
        Partner plain = partner("plain", URI.create("http://plain.example/notices"), PartnerProfile.TlsMode.NONE);
        clock.advance(Duration.ofDays(61)); // TestPki's certificates end 90 days after NOW; the warning is 30 days

        assertThat(probe(plain).probe(plain))
                .filteredOn(f -> f.check().equals("certificate.expiring"))
                .extracting(f -> f.subject().substring(0, f.subject().indexOf(" certificate")))
                .containsExactlyInAnyOrder("signing", "encryption");
    }

    @Test
    void aMutualTlsEndpointIsProbedWithTheMinistrysClientCertificate() throws Exception {
        try (var server = new TestTlsServer(TestPki.PARTNER_TLS, socket -> {
            // TLS 1.2: a missing client certificate fails the handshake itself, not the first read after it
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setNeedClientAuth(true);
        })) {
            Partner mutual = partner("mutual", server.endpoint(), PartnerProfile.TlsMode.MUTUAL);
            Partner serverOnly = partner("serveronly", server.endpoint(), PartnerProfile.TlsMode.SERVER);
            var probe = probe(mutual, serverOnly);

            assertThat(probe.probe(mutual)).isEmpty();
            assertThat(probe.probe(serverOnly))
                    .extracting(FindingRecord::check)
                    .containsExactly("tls.handshake-failed");
        }
    }

    @Test
    void closesWhatItNoLongerSees() {
        Partner plain = partner("plain", URI.create("http://plain.example/notices"), PartnerProfile.TlsMode.NONE);
        refused("plain", "SHA-1", clock.instant().minus(Duration.ofDays(1)));
        var probe = probe(plain);
        probe.probe(plain);
        clock.advance(Duration.ofDays(7));

        assertThat(probe.probe(plain)).extracting(FindingRecord::check).containsExactly("tls.not-used");
        assertThat(ComplianceLedgers.findings(ledgers).all("plain", 10))
                .filteredOn(f -> f.closedAt() != null)
                .extracting(FindingRecord::check)
                .containsExactly("algorithm.refused");
    }

    @Test
    void theRoundProbesEveryPartnerAndLetsGoOfTheLock() {
        Partner a = partner("alpha", URI.create("http://alpha.example/"), PartnerProfile.TlsMode.NONE);
        Partner b = partner("beta", URI.create("http://beta.example/"), PartnerProfile.TlsMode.NONE);

        probe(a, b).probeAll();

        assertThat(ComplianceLedgers.findings(ledgers).open("alpha")).hasSize(1);
        assertThat(ComplianceLedgers.findings(ledgers).open("beta")).hasSize(1);
        assertThat(ledgers.jobLocks().tryLock(SecurityProbe.JOB, "node-2", clock.instant(), Duration.ofMinutes(1)))
                .isTrue();
    }

    @Test
    void skipsTheRoundWhileAnotherNodeHoldsTheLock() {
        Partner a = partner("alpha", URI.create("http://alpha.example/"), PartnerProfile.TlsMode.NONE);
        ledgers.jobLocks().tryLock(SecurityProbe.JOB, "node-2", clock.instant(), Duration.ofMinutes(1));

        probe(a).probeAll();

        assertThat(ComplianceLedgers.findings(ledgers).open("alpha")).isEmpty();
    }

    private SecurityProbe probe(Partner... partners) {
        return new SecurityProbe(
                new PartnerDirectory(List.of(partners)),
                TestPartners.ministry(),
                ComplianceLedgers.findings(ledgers),
                ComplianceLedgers.algorithmUses(ledgers),
                ledgers.jobLocks(),
                ComplianceFixtures.settings(null, 500),
                new DeliverySettings(true, Duration.ofMillis(50), 50, Duration.ofSeconds(60), "node-1"),
                clock);
    }

    private static Partner partner(String id, URI endpoint, PartnerProfile.TlsMode mode) {
        var p = TestPartners.profile(id, endpoint);
        var profile = new PartnerProfile(
                p.id(),
                p.name(),
                p.endpoint(),
                p.algorithmProfile(),
                p.certificates(),
                new PartnerProfile.Tls(mode, null, null, null),
                p.connection(),
                p.delivery(),
                p.resilience(),
                p.obligations(),
                p.receiveOnly());
        return TestPartners.partner(profile, TestPki.partner(KeyType.EC_P256));
    }

    private void refused(String partnerId, String algorithm, Instant at) {
        ledgers.securityEvents()
                .record(new org.amanat.ledger.SecurityEvents.SecurityEvent(
                        at,
                        partnerId,
                        org.amanat.ledger.SecurityEventKind.ALGORITHM_REFUSED,
                        null,
                        "refused",
                        null,
                        algorithm));
    }
}
