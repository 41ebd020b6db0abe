package org.amanat.web;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TlsContexts;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The partners' HTTPS listener: a second Tomcat connector that requires a client certificate (the handshake fails
 * without one), trusting only what issued the partners' client certificates. Which partner a certificate is, exactly,
 * is decided per request ({@link PartnerListenerFilter}): the trust here only lets the handshake finish.
 */
public final class PartnerListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private static final Logger log = LoggerFactory.getLogger(PartnerListener.class);

    private final PartnerListenerSettings settings;
    private final SigningIdentity server;
    private final PartnerDirectory partners;
    private volatile Connector connector;

    /** @param server the gateway's TLS server key and certificate, loaded and checked as every configured key is */
    PartnerListener(PartnerListenerSettings settings, SigningIdentity server, PartnerDirectory partners) {
        this.settings = settings;
        this.server = server;
        this.partners = partners;
    }

    /** The port it listens on once started; -1 before. */
    public int port() {
        Connector started = connector;
        return started == null ? -1 : started.getLocalPort();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector https = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        https.setPort(settings.port());
        if (settings.address() != null && !settings.address().isBlank()) {
            https.setProperty("address", settings.address());
        }
        https.setScheme("https");
        https.setSecure(true);
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) https.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig tls = new SSLHostConfig();
        tls.setProtocols(String.join(",", TlsContexts.PROTOCOLS));
        tls.setCiphers(String.join(",", TlsContexts.CIPHER_SUITES));
        tls.setCertificateVerification("required");
        tls.setTrustStore(trustStore());
        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(keyStore(server));
        certificate.setCertificateKeystorePassword(IN_MEMORY);
        certificate.setCertificateKeyPassword(IN_MEMORY);
        tls.addCertificate(certificate);
        protocol.addSslHostConfig(tls);
        factory.addAdditionalTomcatConnectors(https);
        connector = https;
        log.info(
                "partner listener: HTTPS on {}:{}, a partner's client certificate required",
                settings.address() == null || settings.address().isBlank() ? "*" : settings.address(),
                settings.port());
    }

    private static final String IN_MEMORY = "in-memory";

    /**
     * For each partner, the CA that issued its client certificate ({@code tls.clientCa}), or the certificate itself when
     * self-signed: Java clients present only a certificate whose issuer the server names as acceptable. Another
     * certificate of such a CA gets through the handshake and is then refused, and recorded, as no partner's.
     */
    private KeyStore trustStore() {
        Set<X509Certificate> trusted = new LinkedHashSet<>();
        for (Partner partner : partners.all()) {
            X509Certificate client = partner.clientCertificate();
            if (client == null) {
                continue;
            }
            trusted.add(partner.clientCa() != null ? partner.clientCa() : client);
        }
        if (trusted.isEmpty()) {
            log.warn("partner listener: no partner profile names a tls.clientCertificate, so no partner can connect");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<X509Certificate> all = new ArrayList<>(trusted);
            for (int i = 0; i < all.size(); i++) {
                store.setCertificateEntry("trusted-" + i, all.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the partner listener's trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(SigningIdentity server) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "server", server.privateKey(), IN_MEMORY.toCharArray(), new X509Certificate[] {server.certificate()
                    });
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the partner listener's key store: " + e.getMessage(), e);
        }
    }
}
