package org.amanat.web;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The partners' own HTTPS listener ({@code amanat.partner-listener}): when enabled, {@code /partner/**} is served there
 * only, to callers presenting a partner's client certificate, and nowhere else.
 *
 * @param enabled on by default: production serves {@code /partner/**} only over mutual TLS; off only where the
 *     partners' updates are authenticated by their signatures alone (tests that are not about the transport)
 * @param port 0 for any free port (tests)
 * @param address the interface to listen on; empty for all (the demo: 127.0.0.1)
 * @param keyStore PKCS#12 with the gateway's TLS server key and certificate, password {@code amanat.key-password}
 */
@ConfigurationProperties("amanat.partner-listener")
public record PartnerListenerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8443") int port,
        String address,
        Path keyStore) {}
