package org.amanat.compliance.probe;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks one certificate against its validity period and the algorithm policy of DESIGN.md section 7. */
public final class CertificateChecks {
    /** RSA-2048 is tolerated, receive-only, until the end of 2030 (NIST SP 800-131A); from then on it is refused. */
    private static final Instant RSA_2048_REFUSED_FROM =
            LocalDate.of(2031, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final Set<String> EDWARDS_AND_MONTGOMERY =
            Set.of("ED25519", "ED448", "EDDSA", "X25519", "X448", "XDH");

    /**
     * @param role what the certificate is for, such as "signing certificate", "encryption certificate" or "TLS server certificate"
     * @param expiryWarning how long before expiry to warn
     */
    public List<Finding> check(String role, X509Certificate cert, Instant now, Duration expiryWarning) {
        String subject = subject(role, cert);
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        List<Finding> findings = new ArrayList<>();
        if (now.isAfter(notAfter)) {
            findings.add(new Finding("certificate.expired", subject, Severity.CRITICAL, "expired on " + notAfter));
        } else if (notAfter.isBefore(now.plus(expiryWarning))) {
            findings.add(new Finding("certificate.expiring", subject, Severity.MEDIUM, expiresIn(now, notAfter)));
        }
        if (now.isBefore(notBefore)) {
            findings.add(
                    new Finding("certificate.not-yet-valid", subject, Severity.HIGH, "valid only from " + notBefore));
        }
        Finding weakKey = weakKey(subject, cert.getPublicKey(), now);
        if (weakKey != null) {
            findings.add(weakKey);
        }
        String signature = cert.getSigAlgName().toUpperCase(Locale.ROOT);
        if (signature.startsWith("SHA1")
                || signature.startsWith("SHA-1")
                || signature.startsWith("MD5")
                || signature.startsWith("MD2")) {
            findings.add(new Finding(
                    "certificate.weak-signature",
                    subject,
                    Severity.HIGH,
                    "signed with " + cert.getSigAlgName() + ", which the policy refuses"));
        }
        return findings;
    }

    /** Names the certificate by role, subject and serial: stable from run to run, and different after a renewal. */
    static String subject(String role, X509Certificate cert) {
        return role + " " + cert.getSubjectX500Principal().getName() + ", serial "
                + cert.getSerialNumber().toString(16);
    }

    private static String expiresIn(Instant now, Instant notAfter) {
        long days = Duration.between(now, notAfter).toDays();
        return (days == 0 ? "expires within a day" : "expires in " + days + (days == 1 ? " day" : " days")) + ", on "
                + notAfter;
    }

    private static Finding weakKey(String subject, PublicKey key, Instant now) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048) {
                return new Finding(
                        "certificate.weak-key",
                        subject,
                        Severity.HIGH,
                        "RSA-" + bits + " is refused; at least RSA-3072 is required");
            }
            if (bits < 3072) {
                return now.isBefore(RSA_2048_REFUSED_FROM)
                        ? new Finding(
                                "certificate.weak-key",
                                subject,
                                Severity.MEDIUM,
                                "RSA-" + bits
                                        + " is allowed only receive-only, until the end of 2030; RSA-3072 or EC P-256 is required after")
                        : new Finding(
                                "certificate.weak-key",
                                subject,
                                Severity.HIGH,
                                "RSA-" + bits + " is refused since the end of 2030; at least RSA-3072 is required");
            }
            return null;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits < 256
                    ? new Finding(
                            "certificate.weak-key",
                            subject,
                            Severity.HIGH,
                            "a " + bits + "-bit curve is refused; at least P-256 is required")
                    : null;
        }
        if (key instanceof DSAPublicKey) {
            return new Finding("certificate.weak-key", subject, Severity.HIGH, "DSA keys are refused");
        }
        if (EDWARDS_AND_MONTGOMERY.contains(key.getAlgorithm().toUpperCase(Locale.ROOT))) {
            return null;
        }
        return new Finding(
                "certificate.weak-key",
                subject,
                Severity.HIGH,
                key.getAlgorithm() + " keys are not in the algorithm policy");
    }
}
