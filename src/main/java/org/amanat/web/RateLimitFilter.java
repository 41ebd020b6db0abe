package org.amanat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits ({@link RateLimitSettings}): per person signed in on {@code /api/**}, per partner on {@code /partner/**}.
 * Over the limit: 429 problem+json with {@code Retry-After}, before the body is read, so nothing changes. The first
 * refusal of a caller in each period is logged (and for a partner recorded as a security event, through
 * {@link RateLimitRefused}); the rest of that period's are not, so a flood costs one line.
 *
 * <p>Runs after Spring Security's filters, inside them: the person is known, and a request that could not sign in was
 * answered there (failed sign-ins have their own throttle). A partner is counted by the partner its
 * {@code Amanat-Partner-Id} header names; requests that name no known partner share one limit, so made-up names cannot
 * make the gateway keep a limiter each.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10) // before RequestSizeLimitFilter: a flood is refused before any body is read
class RateLimitFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    /** The one limit shared by partner requests that name no known partner. */
    private static final String UNNAMED_PARTNER = "(no known partner)";

    private final RateLimitSettings settings;
    private final RateLimits officers;
    private final RateLimits partnerLimits;
    private final PartnerDirectory partners;
    private final ProblemResponses problems;
    private final ApplicationEventPublisher events;

    RateLimitFilter(
            RateLimitSettings settings,
            PartnerDirectory partners,
            ProblemResponses problems,
            ApplicationEventPublisher events) {
        this.settings = settings;
        this.officers = new RateLimits(settings.officer());
        this.partnerLimits = new RateLimits(settings.partner());
        this.partners = partners;
        this.problems = problems;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") && request.getUserPrincipal() != null) {
            Principal who = request.getUserPrincipal();
            RateLimits.Refusal refusal = officers.acquire(who.getName());
            if (refusal != null) {
                if (refusal.firstInPeriod()) {
                    log.warn(
                            "rate limit: {} went over {} on the officers' API; refused with 429 (further refusals in this period"
                                    + " are not logged)",
                            SafeText.forLog(who.getName()),
                            settings.officer());
                }
                refuse(request, response, refusal, settings.officer());
                return;
            }
        } else if (path.startsWith("/partner/")) {
            String header = request.getHeader(HttpWire.PARTNER_HEADER);
            String partner = header != null && partners.find(header).isPresent() ? header : null;
            RateLimits.Refusal refusal = partnerLimits.acquire(partner == null ? UNNAMED_PARTNER : partner);
            if (refusal != null) {
                if (refusal.firstInPeriod()) {
                    log.warn(
                            "rate limit: {} went over {} on the partner endpoint; refused with 429 (further refusals in this"
                                    + " period are not logged)",
                            partner == null ? UNNAMED_PARTNER : partner,
                            settings.partner());
                    events.publishEvent(new RateLimitRefused(
                            path, partner, settings.partner().toString()));
                }
                refuse(request, response, refusal, settings.partner());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            RateLimits.Refusal refusal,
            RateLimitSettings.Limit limit)
            throws IOException {
        Violation violation = new Violation(
                "(request)", "more than " + limit + "; try again in " + refusal.retryAfterSeconds() + " s");
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds()));
        problems.write(
                response,
                request,
                ProblemResponses.problem(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate-limited",
                        "Too many requests",
                        violation.field() + ": " + violation.message(),
                        List.of(violation)));
    }
}
