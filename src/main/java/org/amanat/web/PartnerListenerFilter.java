package org.amanat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With the partner listener on: {@code /partner/**} only there and everything else only on the officers' listener (404
 * otherwise, before sign-in is even asked for), and on the partner listener the client certificate and the
 * {@code Amanat-Partner-Id} header must name the same partner, or 403, recorded ({@link PartnerCertificateRefused}).
 * The message's signer is then checked against that same partner's pinned key by the status intake, so certificate,
 * header and signature all name one partner.
 */
final class PartnerListenerFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(PartnerListenerFilter.class);
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final PartnerListener listener;
    private final PartnerDirectory partners;
    private final ProblemResponses problems;
    private final ApplicationEventPublisher events;

    PartnerListenerFilter(
            PartnerListener listener,
            PartnerDirectory partners,
            ProblemResponses problems,
            ApplicationEventPublisher events) {
        this.listener = listener;
        this.partners = partners;
        this.problems = problems;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean onPartnerListener = request.getLocalPort() == listener.port();
        boolean partnerPath = request.getRequestURI().startsWith("/partner/");
        if (onPartnerListener != partnerPath) {
            problems.write(
                    response,
                    request,
                    ProblemHandler.problem(HttpStatus.NOT_FOUND, new Violation("(path)", "no such resource")));
            return;
        }
        if (onPartnerListener) {
            X509Certificate[] presented = (X509Certificate[]) request.getAttribute(CLIENT_CERTIFICATES);
            X509Certificate certificate = presented == null || presented.length == 0 ? null : presented[0];
            Partner owner = partners.byClientCertificate(certificate).orElse(null);
            String header = request.getHeader(HttpWire.PARTNER_HEADER);
            if (owner == null || !owner.id().equals(header)) {
                refuse(request, response, header, owner, certificate);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(
            HttpServletRequest request,
            HttpServletResponse response,
            String header,
            Partner owner,
            X509Certificate certificate)
            throws IOException {
        String subject = certificate == null
                ? null
                : certificate.getSubjectX500Principal().getName();
        Violation violation = owner == null
                ? new Violation("(request)", "the client certificate is no partner's")
                : new Violation(
                        HttpWire.PARTNER_HEADER,
                        "must name the partner of the client certificate (" + owner.id() + ")");
        events.publishEvent(new PartnerCertificateRefused(
                request.getRequestURI(), header, owner == null ? null : owner.id(), subject));
        log.warn(
                "partner listener: refused a request naming {} with the client certificate of {} ({})",
                SafeText.forLog(header),
                owner == null ? "no partner" : owner.id(),
                SafeText.forLog(subject));
        problems.write(
                response,
                request,
                ProblemResponses.problem(
                        HttpStatus.FORBIDDEN,
                        "certificate-mismatch",
                        "Client certificate and partner differ",
                        violation.field() + ": " + violation.message(),
                        List.of(violation)));
    }
}
