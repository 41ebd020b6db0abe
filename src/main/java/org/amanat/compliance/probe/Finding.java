package org.amanat.compliance.probe;

import java.util.Objects;

/**
 * One security problem seen by a probe. The pair ({@code check}, {@code subject}) identifies it from one run to the next,
 * so it can be opened when first seen and closed when no longer seen; that is why {@code subject} never holds a time,
 * while {@code detail} may.
 *
 * @param check a stable key, such as {@code tls.untrusted-chain} or {@code certificate.expiring}
 * @param subject what the finding is about, such as a TLS endpoint or a certificate named by role, subject and serial
 * @param detail what was seen, for people
 */
public record Finding(String check, String subject, Severity severity, String detail) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detail, "detail");
    }
}
