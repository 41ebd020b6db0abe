package org.amanat.web;

import java.util.ArrayList;
import java.util.List;
import org.amanat.partner.CertificateFiles;
import org.amanat.partner.ConfigurationProblemsException;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerSettings;
import org.amanat.protocol.SigningIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partner listener and its filter, unless {@code amanat.partner-listener.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "amanat.partner-listener.enabled", havingValue = "true", matchIfMissing = true)
class PartnerListenerConfiguration {
    /** Before Spring Security (-100): a path of the other listener is 404 without being asked to sign in. */
    static final int FILTER_ORDER = -1000;

    @Bean
    PartnerListener partnerListener(
            PartnerListenerSettings settings, PartnerSettings keys, CertificateFiles files, PartnerDirectory partners) {
        List<String> problems = new ArrayList<>();
        SigningIdentity server = settings.keyStore() == null
                ? null
                : files.identity(
                        "amanat.partner-listener.key-store",
                        settings.keyStore(),
                        keys.keyPassword().toCharArray(),
                        problems);
        if (settings.keyStore() == null) {
            problems.add(
                    "amanat.partner-listener.key-store: is required (the gateway's TLS server key for /partner/**),"
                            + " or set amanat.partner-listener.enabled=false");
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblemsException(problems);
        }
        return new PartnerListener(settings, server, partners);
    }

    @Bean
    FilterRegistrationBean<PartnerListenerFilter> partnerListenerFilter(
            PartnerListener listener,
            PartnerDirectory partners,
            ProblemResponses problems,
            ApplicationEventPublisher events) {
        var registration =
                new FilterRegistrationBean<>(new PartnerListenerFilter(listener, partners, problems, events));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
