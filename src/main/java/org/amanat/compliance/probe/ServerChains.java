package org.amanat.compliance.probe;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/** Judges a server chain recorded during a handshake: is it trusted for a TLS server, and does its leaf name the host. */
final class ServerChains {
    private static final DefaultHostnameVerifier HOST_NAMES = new DefaultHostnameVerifier();
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_PURPOSE = "2.5.29.37.0";

    private ServerChains() {}

    /**
     * Why {@code chain} does not validate (PKIX) to {@code trustedCa} at {@code now}; null when it does. A leaf that is
     * merely out of its validity period is left to {@link CertificateChecks}, which rates expiry on its own scale, so
     * the rest of the chain is then judged at a time inside the leaf's validity: one expired certificate, one finding.
     * Revocation is not checked here: it needs the CA's CRL or OCSP service, which a probe cannot assume it can reach.
     */
    static String trustProblem(List<X509Certificate> chain, X509Certificate trustedCa, Instant now) {
        String purpose = purposeProblem(chain.get(0));
        if (purpose != null) {
            return purpose;
        }
        try {
            validate(chain, trustedCa, now);
            return null;
        } catch (CertPathValidatorException e) {
            if (!leafOutOfValidity(e)) {
                return describe(e);
            }
        } catch (GeneralSecurityException e) {
            return describe(e);
        }
        X509Certificate leaf = chain.get(0);
        Instant withinLeaf = now.isAfter(leaf.getNotAfter().toInstant())
                ? leaf.getNotAfter().toInstant()
                : leaf.getNotBefore().toInstant();
        try {
            validate(chain, trustedCa, withinLeaf);
            return null;
        } catch (GeneralSecurityException e) {
            return describe(e);
        }
    }

    /** PKIX leaves extended key usage to the application; JSSE's own trust manager would refuse a client-only certificate. */
    private static String purposeProblem(X509Certificate leaf) {
        try {
            List<String> purposes = leaf.getExtendedKeyUsage();
            return purposes == null || purposes.contains(SERVER_AUTH) || purposes.contains(ANY_PURPOSE)
                    ? null
                    : "the certificate is not issued for TLS servers (extended key usage " + purposes + ")";
        } catch (CertificateParsingException e) {
            return "unreadable extended key usage: " + e.getMessage();
        }
    }

    private static boolean leafOutOfValidity(CertPathValidatorException e) {
        return e.getIndex() == 0
                && (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID);
    }

    private static void validate(List<X509Certificate> chain, X509Certificate trustedCa, Instant at)
            throws GeneralSecurityException {
        // A server may send the CA too; PKIX wants the path without its anchor.
        List<X509Certificate> path = chain.get(chain.size() - 1).equals(trustedCa) && chain.size() > 1
                ? chain.subList(0, chain.size() - 1)
                : chain;
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustedCa, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private static String describe(GeneralSecurityException e) {
        if (e instanceof CertPathValidatorException invalid && invalid.getIndex() >= 0) {
            return invalid.getMessage() + " (certificate " + invalid.getIndex() + " of the chain, the leaf being 0)";
        }
        return e.getMessage();
    }

    /** Why {@code leaf} does not name {@code host} (subject alternative names, else common name); null when it does. */
    static String hostnameProblem(String host, X509Certificate leaf) {
        try {
            HOST_NAMES.verify(host, leaf);
            return null;
        } catch (SSLException e) {
            return e.getMessage();
        }
    }
}
