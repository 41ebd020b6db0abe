package org.amanat.delivery;

import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way the gateway makes an HttpClient 5 for its calls out (a partner's endpoint, the breach webhook): pooled
 * connections with TCP_NODELAY, so small messages are not held back, every wait bounded, and none of the client's own
 * habits that would repeat or redirect a call: no automatic retries (the breaker and the outbox decide what is sent
 * again), no redirects (a notice or a breach goes where it was configured to, nowhere else), no cookies.
 */
public final class OutboundHttpClients {
    private OutboundHttpClients() {}

    /**
     * @param maxConnections the most calls under way at once, to any one place
     * @param tls the TLS of an https endpoint; null for the client's defaults
     */
    public static CloseableHttpClient create(
            Duration connectTimeout, Duration responseTimeout, int maxConnections, TlsSocketStrategy tls) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultSocketConfig(
                        SocketConfig.custom().setTcpNoDelay(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .setMaxConnPerRoute(maxConnections)
                .setMaxConnTotal(maxConnections);
        if (tls != null) {
            connections.setTlsSocketStrategy(tls);
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(responseTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                // Otherwise a mutual-TLS connection is tagged with the ministry's TLS principal and never
                // leased again to a request without it: every delivery would make a new TLS handshake.
                .disableConnectionState()
                .build();
    }
}
