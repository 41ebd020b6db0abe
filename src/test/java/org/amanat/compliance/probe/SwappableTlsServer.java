package org.amanat.compliance.probe;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.amanat.protocol.SigningIdentity;

/**
 * A partner's HTTPS endpoint ({@link TestTlsServer}) on a fixed port whose certificate a test can replace, as an operator
 * renewing an expired certificate would: the next handshake presents the new one.
 */
final class SwappableTlsServer implements AutoCloseable {
    private final AtomicReference<SigningIdentity> identity;
    private final TestTlsServer server;

    SwappableTlsServer(SigningIdentity first) throws IOException, GeneralSecurityException {
        this.identity = new AtomicReference<>(first);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new CurrentIdentity()}, null, null);
        this.server = new TestTlsServer(context, socket -> {});
    }

    void present(SigningIdentity next) {
        identity.set(next);
    }

    URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private final class CurrentIdentity extends X509ExtendedKeyManager {
        private static final String ALIAS = "current";

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return fits(keyType) ? ALIAS : null;
        }

        /** The JDK asks once per key type its cipher suites or signature schemes could use. */
        private boolean fits(String keyType) {
            PrivateKey key = identity.get().privateKey();
            return keyType.equals("EC")
                    ? key instanceof java.security.interfaces.ECKey
                    : keyType.equals("RSA") && key instanceof java.security.interfaces.RSAKey;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {identity.get().certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return identity.get().privateKey();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
