package org.amanat.compliance.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain and remembers it, so the handshake goes as far as the server lets it and the probe can judge the
 * chain afterwards, at the time of its own clock. Extends {@link X509ExtendedTrustManager} because JSSE wraps a plain
 * {@code X509TrustManager} in checks of its own that could abort the handshake before anything is seen.
 * Only for looking: a connection made with it must never carry data.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
    private volatile List<X509Certificate> chain = List.of();

    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        record(chain);
    }

    private void record(X509Certificate[] chain) {
        this.chain = List.of(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the probe is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
