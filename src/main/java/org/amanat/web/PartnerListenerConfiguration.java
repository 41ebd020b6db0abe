package org.amanat.web;

import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partner listener and its filter, when {@code amanat.partner-listener.enabled} is true (off by default for now). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "amanat.partner-listener.enabled", havingValue = "true")
class PartnerListenerConfiguration {
    /** Before Spring Security (-100): a path of the other listener is 404 without being asked to sign in. */
    static final int FILTER_ORDER = -1000;

    @Bean
    PartnerListener partnerListener(PartnerListenerSettings settings, PartnerSettings keys, PartnerDirectory partners) {
        return new PartnerListener(settings, keys, partners);
    }

    @Bean
    FilterRegistrationBean<PartnerListenerFilter> partnerListenerFilter(PartnerListener listener, PartnerDirectory partners,
            ProblemResponses problems, ApplicationEventPublisher events) {
        var registration = new FilterRegistrationBean<>(new PartnerListenerFilter(listener, partners, problems, events));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
