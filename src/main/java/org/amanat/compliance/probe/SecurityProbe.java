package org.amanat.compliance.probe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.delivery.DeliverySettings;
import org.amanat.ledger.JobLocks;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks each partner's security obligations: its TLS endpoint as a handshake shows it, its registered
 * certificates, and the algorithms its recent messages used. What it sees becomes the partner's open
 * findings; what it no longer sees is closed.
 */
@Component("securityProbe")
public class SecurityProbe {
    static final String JOB = "security-probe";
    private static final Logger log = LoggerFactory.getLogger(SecurityProbe.class);

    private final PartnerDirectory partners;
    private final SecurityFindings findings;
    private final AlgorithmUses algorithms;
    private final JobLocks locks;
    private final ComplianceSettings.Probe settings;
    private final String node;
    private final Clock clock;
    private final TlsProbe tlsProbe;
    /** The ministry's TLS client key, unlocked once: each unlocking of a PKCS#12 store costs a key derivation. */
    private final KeyManager[] ministryClientKeys;

    private final TlsChecks tlsChecks = new TlsChecks();
    private final CertificateChecks certificateChecks = new CertificateChecks();

    public SecurityProbe(
            PartnerDirectory partners,
            MinistryKeys ministry,
            SecurityFindings findings,
            AlgorithmUses algorithms,
            JobLocks locks,
            ComplianceSettings settings,
            DeliverySettings delivery,
            Clock clock) {
        this.partners = partners;
        this.findings = findings;
        this.algorithms = algorithms;
        this.locks = locks;
        this.settings = settings.probe();
        this.node = delivery.nodeId();
        this.clock = clock;
        this.tlsProbe = new TlsProbe(clock);
        this.ministryClientKeys = ministry.tlsClient() == null ? null : TlsContexts.keyManagers(ministry.tlsClient());
    }

    /**
     * The scheduled round over every partner; skipped while another node runs it.
     *
     * @return how many partners this round probed; 0 when another node runs it
     */
    public int probeAll() {
        Duration hold = settings.timeout().multipliedBy(2L * partners.all().size() + 1);
        return locks.runAlone(JOB, node, clock, hold, () -> {
                    partners.all().forEach(this::probe);
                    return partners.all().size();
                })
                .orElse(0);
    }

    /**
     * Probes one partner now and returns its open findings. One probe at a time on this node, so an
     * officer's probe and the scheduled round never reconcile the same findings at once.
     */
    public synchronized List<FindingRecord> probe(Partner partner) {
        Instant now = clock.instant();
        List<Finding> seen = observe(partner, now);
        findings.reconcile(partner.id(), seen, now);
        List<FindingRecord> open = findings.open(partner.id());
        log.info("security probe of {}: {} open finding(s)", partner.id(), open.size());
        return open;
    }

    private List<Finding> observe(Partner partner, Instant now) {
        PartnerProfile.Obligations obligations = partner.profile().obligations();
        Duration warning = obligations.certificateExpiryWarning();
        URI endpoint = partner.profile().endpoint();
        List<Finding> seen = new ArrayList<>();
        if ("https".equalsIgnoreCase(endpoint.getScheme())) {
            KeyManager[] clientKeys =
                    partner.profile().tls().mode() == PartnerProfile.TlsMode.MUTUAL ? ministryClientKeys : null;
            TlsObservation tls = tlsProbe.probe(endpoint, partner.trustedCa(), clientKeys, settings.timeout());
            seen.addAll(tlsChecks.check(tls, obligations.tlsMinimum(), now, warning));
        } else {
            seen.add(new Finding(
                    "tls.not-used",
                    "TLS endpoint " + endpoint,
                    Severity.HIGH,
                    "the endpoint is plain HTTP: notices travel without transport security"));
        }
        seen.addAll(certificateChecks.check("signing certificate", partner.signingCertificate(), now, warning));
        seen.addAll(certificateChecks.check("encryption certificate", partner.encryptionCertificate(), now, warning));
        seen.addAll(AlgorithmChecks.check(algorithms.since(partner.id(), now.minus(settings.algorithmLookback()))));
        return seen;
    }
}
