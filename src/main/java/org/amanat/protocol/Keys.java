package org.amanat.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;

/** Loads keys and certificates from files: PKCS#12 for private keys, PEM or DER for certificates. */
public final class Keys {
    /** Every example certificate carries this organisational unit, so the gateway can refuse them outside the demo. */
    public static final String DEMO_MARKER = "DEMO ONLY - NOT FOR PRODUCTION";

    private Keys() {}

    public static X509Certificate certificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /** The single key entry of a PKCS#12 file. The password is used and not kept. */
    public static SigningIdentity pkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return new SigningIdentity(
                            (PrivateKey) store.getKey(alias, password), (X509Certificate) store.getCertificate(alias));
                }
            }
            throw new IllegalArgumentException("no private key in " + file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PKCS#12 " + file + ": " + e.getMessage(), e);
        }
    }

    public static boolean isDemo(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName().contains(DEMO_MARKER);
    }
}
