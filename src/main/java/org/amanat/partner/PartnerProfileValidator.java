package org.amanat.partner;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.amanat.partner.PartnerProfile.TlsMode;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Urgency;

/** Checks one bound profile field by field and loads its certificates; every problem names file and field. */
final class PartnerProfileValidator {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Duration MAX_SKEW = Duration.ofHours(1);
    /** DESIGN.md section 7: TLS 1.1 and older are refused. */
    private static final List<String> TLS_VERSIONS = List.of("TLSv1.2", "TLSv1.3");

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    private final CertificateFiles certificates;

    PartnerProfileValidator(CertificateFiles certificates) {
        this.certificates = certificates;
    }

    /** The partner, or null when {@code problems} got at least one entry for this file. */
    Partner validate(Path file, PartnerProfile p, List<String> problems) {
        int before = problems.size();
        String at = file + ": ";
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (p.id() == null || !ID.matcher(p.id()).matches()) {
            problems.add(at + "id: is required, lower-case letters, digits and '-'");
        } else if (!p.id().equals(stem)) {
            problems.add(at + "id: '" + p.id() + "' must match the file name '" + stem + "'");
        }
        if (p.name() == null || p.name().isBlank()) {
            problems.add(at + "name: is required");
        }
        if (p.algorithmProfile() == null) {
            problems.add(at + "algorithmProfile: is required (RSA or EC)");
        }
        checkEndpoint(at, p, problems);
        X509Certificate signing = null;
        X509Certificate encryption = null;
        if (p.certificates() == null) {
            problems.add(at + "certificates: is required");
        } else {
            signing = keyFits(
                    at + "certificates.signing",
                    p,
                    certificates.certificate(
                            at + "certificates.signing", p.certificates().signing(), problems),
                    rsa2048Allowed(p),
                    problems);
            encryption = keyFits(
                    at + "certificates.encryption",
                    p,
                    certificates.certificate(
                            at + "certificates.encryption", p.certificates().encryption(), problems),
                    false,
                    problems);
        }
        X509Certificate trustedCa = null;
        if (p.tls() != null && p.tls().mode() != TlsMode.NONE) {
            trustedCa = certificates.certificate(at + "tls.trustedCa", p.tls().trustedCa(), problems);
        }
        X509Certificate clientCertificate = null;
        X509Certificate clientCa = null;
        if (p.tls() != null && p.tls().clientCertificate() != null) {
            clientCertificate =
                    clientCertificate(at + "tls.clientCertificate", p.tls().clientCertificate(), problems);
            if (p.tls().clientCa() != null) {
                clientCa = certificates.certificate(at + "tls.clientCa", p.tls().clientCa(), problems);
                if (clientCertificate != null && clientCa != null && !issuedBy(clientCertificate, clientCa)) {
                    problems.add(at + "tls.clientCa: did not issue tls.clientCertificate");
                }
            }
        } else if (p.tls() != null && p.tls().clientCa() != null) {
            problems.add(at + "tls.clientCa: is only for a tls.clientCertificate, which is not given");
        }
        if (p.connection() == null) {
            problems.add(at + "connection: is required");
        } else {
            positive(at + "connection.connectTimeout", p.connection().connectTimeout(), problems);
            positive(at + "connection.responseTimeout", p.connection().responseTimeout(), problems);
        }
        if (p.delivery() == null) {
            problems.add(at + "delivery: is required");
        } else {
            if (p.delivery().immediateAttempts() < 1) {
                problems.add(at + "delivery.immediateAttempts: must be at least 1");
            }
            positive(at + "delivery.firstBackoff", p.delivery().firstBackoff(), problems);
            positive(at + "delivery.laterInterval", p.delivery().laterInterval(), problems);
            if (p.delivery().jitter() < 0 || p.delivery().jitter() >= 1) {
                problems.add(at + "delivery.jitter: must be at least 0 and below 1");
            }
            if (p.delivery().flagAfterAttempts() < 1) {
                problems.add(at + "delivery.flagAfterAttempts: must be at least 1");
            }
            positive(at + "delivery.flagAfterAge", p.delivery().flagAfterAge(), problems);
        }
        checkResilience(at, p.resilience(), problems);
        if (p.obligations() == null) {
            problems.add(at + "obligations: is required");
        } else {
            positive(at + "obligations.ackWithin", p.obligations().ackWithin(), problems);
            for (Urgency urgency : Urgency.values()) {
                positive(
                        at + "obligations.actionWithin." + urgency,
                        p.obligations().actionWithin() == null
                                ? null
                                : p.obligations().actionWithin().get(urgency),
                        problems);
            }
            if (!TLS_VERSIONS.contains(p.obligations().tlsMinimum())) {
                problems.add(at + "obligations.tlsMinimum: must be one of " + TLS_VERSIONS);
            }
            positive(
                    at + "obligations.certificateExpiryWarning", p.obligations().certificateExpiryWarning(), problems);
        }
        if (p.receiveOnly() == null) {
            problems.add(at + "receiveOnly: is required");
        } else {
            positive(at + "receiveOnly.maxClockSkew", p.receiveOnly().maxClockSkew(), problems);
            if (p.receiveOnly().maxClockSkew() != null
                    && p.receiveOnly().maxClockSkew().compareTo(MAX_SKEW) > 0) {
                problems.add(at + "receiveOnly.maxClockSkew: must be at most " + MAX_SKEW);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        var loosened = p.receiveOnly();
        var policy = new AlgorithmPolicy(
                loosened.rsaPkcs1v15Signatures(), loosened.rsa2048(), loosened.aes128Gcm(), loosened.maxClockSkew());
        return new Partner(p, signing, encryption, trustedCa, policy, clientCertificate, clientCa);
    }

    /** A TLS client certificate: readable, not expired, no example key outside the demo, and meant for client authentication. */
    private X509Certificate clientCertificate(String where, Path file, List<String> problems) {
        X509Certificate certificate = certificates.certificate(where, file, problems);
        if (certificate == null) {
            return null;
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            if (purposes != null && !purposes.contains(CLIENT_AUTH) && !purposes.contains(ANY_PURPOSE)) {
                problems.add(where
                        + ": is not a TLS client certificate (its extended key usage does not include clientAuth)");
                return null;
            }
        } catch (CertificateParsingException e) {
            problems.add(where + ": its extended key usage cannot be read: " + e.getMessage());
            return null;
        }
        return certificate;
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Each client certificate names exactly one partner: one named by two profiles is a problem of both files. Called
     * with every valid partner, once all are loaded.
     */
    static void checkClientCertificatesDistinct(Map<Path, Partner> partners, List<String> problems) {
        Map<X509Certificate, List<String>> owners = new HashMap<>();
        partners.forEach((file, partner) -> {
            if (partner.clientCertificate() != null) {
                owners.computeIfAbsent(partner.clientCertificate(), c -> new ArrayList<>())
                        .add(partner.id());
            }
        });
        partners.forEach((file, partner) -> {
            List<String> sharing =
                    partner.clientCertificate() == null ? List.of() : owners.get(partner.clientCertificate());
            if (sharing.size() > 1) {
                problems.add(file + ": tls.clientCertificate: is also the client certificate of "
                        + String.join(
                                ", ",
                                sharing.stream()
                                        .filter(id -> !id.equals(partner.id()))
                                        .sorted()
                                        .toList())
                        + "; each certificate must name exactly one partner");
            }
        });
    }

    private static void checkResilience(String at, PartnerProfile.Resilience r, List<String> problems) {
        if (r == null || r.circuitBreaker() == null) {
            problems.add(at + "resilience: is required, with circuitBreaker");
            return;
        }
        positive(at + "resilience.timeLimit", r.timeLimit(), problems);
        if (r.bulkhead() < 1 || r.bulkhead() > 200) {
            problems.add(at + "resilience.bulkhead: must be between 1 and 200");
        }
        var cb = r.circuitBreaker();
        percent(at + "resilience.circuitBreaker.failureRateThreshold", cb.failureRateThreshold(), problems);
        percent(at + "resilience.circuitBreaker.slowCallRateThreshold", cb.slowCallRateThreshold(), problems);
        positive(at + "resilience.circuitBreaker.slowCallDurationThreshold", cb.slowCallDurationThreshold(), problems);
        positive(at + "resilience.circuitBreaker.waitInOpenState", cb.waitInOpenState(), problems);
        if (cb.slidingWindowSize() < 1 || cb.minimumNumberOfCalls() < 1 || cb.permittedCallsInHalfOpenState() < 1) {
            problems.add(
                    at
                            + "resilience.circuitBreaker: slidingWindowSize, minimumNumberOfCalls and permittedCallsInHalfOpenState must be at least 1");
        }
    }

    private static void percent(String where, int value, List<String> problems) {
        if (value < 1 || value > 100) {
            problems.add(where + ": must be a percentage from 1 to 100");
        }
    }

    private static void checkEndpoint(String at, PartnerProfile p, List<String> problems) {
        if (p.tls() == null || p.tls().mode() == null) {
            problems.add(at + "tls.mode: is required (MUTUAL, SERVER or NONE)");
        }
        URI endpoint = p.endpoint();
        if (endpoint == null || !endpoint.isAbsolute() || endpoint.getHost() == null) {
            problems.add(at + "endpoint: is required, an absolute https URL");
            return;
        }
        boolean plain = p.tls() != null && p.tls().mode() == TlsMode.NONE;
        String expected = plain ? "http" : "https";
        if (!expected.equals(endpoint.getScheme())) {
            problems.add(at + "endpoint: must be an " + expected + " URL when tls.mode is "
                    + (plain ? "NONE" : p.tls() == null ? "unset" : p.tls().mode()));
        }
    }

    /** Signatures we receive may come from RSA-2048 keys where the profile loosens it (DESIGN.md section 7); what we encrypt to may not. */
    private static boolean rsa2048Allowed(PartnerProfile p) {
        return p.receiveOnly() != null && p.receiveOnly().rsa2048();
    }

    private static X509Certificate keyFits(
            String where,
            PartnerProfile p,
            X509Certificate certificate,
            boolean rsa2048Allowed,
            List<String> problems) {
        if (certificate == null || p.algorithmProfile() == null) {
            return certificate;
        }
        if (rsa2048Allowed
                && certificate.getPublicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() >= 2048
                && p.algorithmProfile() == AlgorithmProfile.RSA) {
            return certificate;
        }
        String misfit = p.algorithmProfile().misfit(certificate.getPublicKey());
        if (misfit != null) {
            problems.add(where + ": algorithm profile " + p.algorithmProfile() + " " + misfit);
            return null;
        }
        return certificate;
    }

    private static void positive(String where, Duration value, List<String> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(where + ": must be a positive duration, like 30s or 4h");
        }
    }
}
