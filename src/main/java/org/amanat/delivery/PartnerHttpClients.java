package org.amanat.delivery;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.partner.PartnerProfile.TlsMode;
import org.amanat.protocol.TlsContexts;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One HttpClient 5 per partner, bound in Camel's registry for the route's {@code httpClient} option:
 * TLS 1.3/1.2 with ECDHE and AEAD suites only, trusting only the partner's CA, the ministry's client certificate where the profile
 * asks for mutual TLS, the profile's timeouts, and TCP_NODELAY so small receipts are not held back.
 */
@Component
class PartnerHttpClients implements DisposableBean {
    private final Map<String, CloseableHttpClient> clients;

    PartnerHttpClients(PartnerDirectory partners, MinistryKeys ministry, CamelContext camel) {
        this.clients =
                partners.all().stream().collect(Collectors.toUnmodifiableMap(Partner::id, p -> build(p, ministry)));
        clients.forEach((id, client) -> camel.getRegistry().bind(registryName(id), client));
    }

    static String registryName(String partnerId) {
        return "amanatHttp-" + partnerId;
    }

    /** The camel-http URI for a partner: its endpoint, with its own client. */
    static String endpointUri(PartnerProfile profile) {
        String endpoint = profile.endpoint().toString();
        return endpoint + (endpoint.contains("?") ? "&" : "?") + "httpClient=#" + registryName(profile.id())
                + "&httpMethod=POST&throwExceptionOnFailure=true";
    }

    private static CloseableHttpClient build(Partner partner, MinistryKeys ministry) {
        PartnerProfile.Connection timeouts = partner.profile().connection();
        TlsMode mode = partner.profile().tls().mode();
        DefaultClientTlsStrategy tls = null;
        if (mode != TlsMode.NONE) {
            var context = TlsContexts.create(
                    mode == TlsMode.MUTUAL ? ministry.tlsClient() : null, List.of(partner.trustedCa()));
            tls = new DefaultClientTlsStrategy(
                    context,
                    TlsContexts.PROTOCOLS,
                    TlsContexts.CIPHER_SUITES,
                    SSLBufferMode.STATIC,
                    HttpsSupport.getDefaultHostnameVerifier());
        }
        // As many connections as the bulkhead lets calls through: a call never waits for a connection.
        return OutboundHttpClients.create(
                timeouts.connectTimeout(),
                timeouts.responseTimeout(),
                partner.profile().resilience().bulkhead(),
                tls);
    }

    @Override
    public void destroy() throws Exception {
        for (CloseableHttpClient client : clients.values()) {
            client.close();
        }
    }
}
