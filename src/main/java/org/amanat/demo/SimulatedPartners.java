package org.amanat.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile.TlsMode;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Keys;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Starts, for every partner, the kit's reference receiver where the partner's profile says its
 * endpoint is, holding that partner's example keys: a newcomer sees notices go out and come back
 * acknowledged with nothing else running.
 */
@Component
@Profile("demo")
class SimulatedPartners implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SimulatedPartners.class);

    private final List<ReferenceReceiver> receivers = new ArrayList<>();

    SimulatedPartners(PartnerDirectory partners, MinistryKeys ministry, Clock clock,
            @Value("${amanat.demo.partner-keys:certs-example/partners}") Path keys,
            @Value("${amanat.demo.partner-key-password:demo-only}") String password) {
        for (Partner partner : partners.all()) {
            receivers.add(start(partner, ministry, clock, keys.resolve(partner.id()), password.toCharArray()));
        }
    }

    private static ReferenceReceiver start(Partner partner, MinistryKeys ministry, Clock clock, Path keys, char[] password) {
        SigningIdentity signing = Keys.pkcs12(keys.resolve("signing.p12"), password);
        SigningIdentity encryption = Keys.pkcs12(keys.resolve("encryption.p12"), password);
        var kit = new PartnerKit(partner.id(), signing, encryption,
                ministry.signing(partner.profile().algorithmProfile()).certificate(), AlgorithmPolicy.strict(), clock);
        URI endpoint = partner.profile().endpoint();
        TlsMode mode = partner.profile().tls().mode();
        SSLContext tls = mode == TlsMode.NONE ? null
                : TlsContexts.create(Keys.pkcs12(keys.resolve("tls-server.p12"), password), List.of(partner.trustedCa()));
        try {
            var receiver = new ReferenceReceiver(kit, opened -> log.info("[simulated {}] received notice {} ({} {}, {} items)",
                    partner.id(), opened.notice().noticeId(), opened.notice().urgency(), opened.notice().type(),
                    opened.notice().items().size()))
                    .start(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), endpoint.getPath(), tls,
                            mode == TlsMode.MUTUAL);
            log.info("simulated partner {} listening on {} ({} TLS)", partner.id(), endpoint, mode);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start simulated partner " + partner.id() + " on " + endpoint, e);
        }
    }

    @Override
    public void destroy() {
        receivers.forEach(ReferenceReceiver::close);
    }
}
