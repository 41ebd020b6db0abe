package org.amanat.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile.TlsMode;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Keys;
import org.amanat.protocol.Notice;
import org.amanat.protocol.OpenedNotice;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.ReferenceReceiver;
import org.amanat.protocol.SigningIdentity;
import org.amanat.protocol.Status;
import org.amanat.protocol.StatusSender;
import org.amanat.protocol.StatusUpdate;
import org.amanat.protocol.TlsContexts;
import org.amanat.web.PartnerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Starts, for every partner, the kit's reference receiver where the partner's profile says its
 * endpoint is, holding that partner's example keys. Each notice received is saved under
 * {@code data/received/<partner>/}, and a moment later the simulated platform reports it ACTIONED with
 * the kit's status sender (unless {@code amanat.demo.auto-action=false}), over the partner listener with its own
 * client certificate ({@code tls-client.p12}), trusting the listener's pinned certificate. A newcomer sees a notice go
 * from ISSUED through DELIVERED to ACTIONED with nothing else running.
 */
@Component
@Profile("demo")
class SimulatedPartners implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SimulatedPartners.class);

    private final List<ReferenceReceiver> receivers = new ArrayList<>();
    private final ScheduledExecutorService platformWork = Executors.newSingleThreadScheduledExecutor();
    private final Duration actionDelay;
    private final boolean autoAction;
    private final Path receivedFolder;
    private final Clock clock;
    private final ObjectProvider<PartnerListener> partnerListener;
    private final X509Certificate listenerCertificate;
    private final Path keys;
    private final char[] password;
    private volatile URI statusEndpoint;

    SimulatedPartners(
            PartnerDirectory partners,
            MinistryKeys ministry,
            Clock clock,
            @Value("${amanat.demo.partner-keys:certs-example/partners}") Path keys,
            @Value("${amanat.demo.partner-key-password:demo-only}") String password,
            @Value("${amanat.demo.action-delay:2s}") Duration actionDelay,
            @Value("${amanat.demo.auto-action:true}") boolean autoAction,
            @Value("${amanat.demo.received-folder:data/received}") Path receivedFolder,
            @Value("${amanat.partner-listener.key-store:}") Path listenerKeyStore,
            ObjectProvider<PartnerListener> partnerListener) {
        this.actionDelay = actionDelay;
        this.partnerListener = partnerListener;
        this.keys = keys;
        this.password = password.toCharArray();
        this.listenerCertificate = partnerListener.getIfAvailable() == null
                ? null
                : Keys.pkcs12(listenerKeyStore, this.password).certificate();
        this.autoAction = autoAction;
        this.receivedFolder = receivedFolder;
        this.clock = clock;
        try {
            for (Partner partner : partners.all()) {
                receivers.add(start(partner, ministry, keys.resolve(partner.id()), password.toCharArray()));
            }
        } catch (RuntimeException e) {
            // Spring never destroys a bean whose constructor failed: the receivers already listening
            // would hold their ports, and their threads the JVM, after the failed start.
            destroy();
            throw e;
        }
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        PartnerListener listener = partnerListener.getIfAvailable();
        statusEndpoint = listener == null
                ? URI.create("http://localhost:" + event.getWebServer().getPort() + "/partner/v1/status")
                : URI.create("https://localhost:" + listener.port() + "/partner/v1/status");
    }

    /** The platform's client certificate and its trust in the listener's own certificate; null without the listener. */
    private SSLContext listenerTls(String partnerId) {
        return listenerCertificate == null
                ? null
                : TlsContexts.create(
                        Keys.pkcs12(keys.resolve(partnerId).resolve("tls-client.p12"), password),
                        List.of(listenerCertificate));
    }

    private ReferenceReceiver start(Partner partner, MinistryKeys ministry, Path keys, char[] password) {
        SigningIdentity signing = Keys.pkcs12(keys.resolve("signing.p12"), password);
        SigningIdentity encryption = Keys.pkcs12(keys.resolve("encryption.p12"), password);
        var profile = partner.profile().algorithmProfile();
        var kit = new PartnerKit(
                partner.id(),
                signing,
                encryption,
                ministry.signing(profile).certificate(),
                AlgorithmPolicy.strict(),
                clock);
        URI endpoint = partner.profile().endpoint();
        TlsMode mode = partner.profile().tls().mode();
        SSLContext tls = mode == TlsMode.NONE
                ? null
                : TlsContexts.create(
                        Keys.pkcs12(keys.resolve("tls-server.p12"), password), List.of(partner.trustedCa()));
        try {
            var receiver = new ReferenceReceiver(kit, opened -> {
                        Path saved = save(partner.id(), opened.notice().noticeId(), opened.sealed());
                        log.info(
                                "[simulated {}] received notice {} ({} {}, {} items), saved as {}",
                                partner.id(),
                                opened.notice().noticeId(),
                                opened.notice().urgency(),
                                opened.notice().type(),
                                opened.notice().items().size(),
                                saved);
                        if (autoAction) {
                            platformWork.schedule(
                                    () -> reportActioned(
                                            kit, ministry.encryption(profile).certificate(), opened),
                                    actionDelay.toMillis(),
                                    TimeUnit.MILLISECONDS);
                        }
                    })
                    .start(
                            new InetSocketAddress(endpoint.getHost(), endpoint.getPort()),
                            endpoint.getPath(),
                            tls,
                            mode == TlsMode.MUTUAL);
            log.info("simulated partner {} listening on {} ({} TLS)", partner.id(), endpoint, mode);
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start simulated partner " + partner.id() + " on " + endpoint, e);
        }
    }

    /** Keeps the sealed bytes as the platform received them, for the openssl walkthrough in docs/protocol.md. */
    private Path save(String partnerId, String noticeId, byte[] sealed) {
        try {
            Path folder = Files.createDirectories(receivedFolder.resolve(partnerId));
            return Files.write(folder.resolve(noticeId + ".der"), sealed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reportActioned(PartnerKit kit, X509Certificate ministryEncryption, OpenedNotice opened) {
        Notice notice = opened.notice();
        var now = clock.instant();
        var items = notice.items().stream()
                .map(item -> new StatusUpdate.ItemOutcome(item.locator(), "REMOVED", now))
                .toList();
        var update = new StatusUpdate(
                Notice.PROTOCOL, UUID.randomUUID().toString(), notice.noticeId(), now, Status.ACTIONED, items, null);
        try {
            new StatusSender(kit, ministryEncryption, statusEndpoint, listenerTls(kit.partnerId())).send(update);
            log.info("[simulated {}] reported notice {} ACTIONED", kit.partnerId(), notice.noticeId());
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "[simulated {}] could not report notice {}: {}",
                    kit.partnerId(),
                    notice.noticeId(),
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        platformWork.shutdownNow();
        receivers.forEach(ReferenceReceiver::close);
    }
}
