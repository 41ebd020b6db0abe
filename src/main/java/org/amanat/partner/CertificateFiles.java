package org.amanat.partner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.amanat.protocol.Keys;
import org.amanat.protocol.SigningIdentity;

/**
 * Loads certificates and keys named in configuration, noting each problem instead of failing at the
 * first, and refuses the example keys of {@code certs-example/} unless the demo profile is active.
 */
public final class CertificateFiles {
    private final boolean demoKeysAllowed;
    private final Clock clock;

    CertificateFiles(boolean demoKeysAllowed, Clock clock) {
        this.demoKeysAllowed = demoKeysAllowed;
        this.clock = clock;
    }

    X509Certificate certificate(String where, Path file, List<String> problems) {
        if (file == null) {
            problems.add(where + ": is required");
            return null;
        }
        if (!Files.isReadable(file)) {
            problems.add(where + ": cannot read " + file);
            return null;
        }
        try {
            return checked(where, Keys.certificate(file), problems);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** The key and certificate of a PKCS#12 file, or null with the reason added to {@code problems}. */
    public SigningIdentity identity(String where, Path file, char[] password, List<String> problems) {
        if (file == null || !Files.isReadable(file)) {
            problems.add(where + ": cannot read " + file);
            return null;
        }
        try {
            SigningIdentity identity = Keys.pkcs12(file, password);
            return checked(where, identity.certificate(), problems) == null ? null : identity;
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private X509Certificate checked(String where, X509Certificate certificate, List<String> problems) {
        if (Keys.isDemo(certificate) && !demoKeysAllowed) {
            problems.add(where + ": is an example key from certs-example/, refused outside the 'demo' profile");
            return null;
        }
        if (certificate.getNotAfter().before(Date.from(clock.instant()))) {
            problems.add(where + ": certificate expired on "
                    + certificate.getNotAfter().toInstant());
            return null;
        }
        return certificate;
    }
}
