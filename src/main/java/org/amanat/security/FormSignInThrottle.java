package org.amanat.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.amanat.protocol.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in page's share of {@link SignInThrottle}, the same counts as HTTP Basic's: a form posted with a user name
 * or from a client that is held back goes back to the sign-in page without its password being checked; a failed
 * sign-in (form or provider) counts; a verified one clears the user's count and goes on to the page first asked for.
 */
final class FormSignInThrottle extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(FormSignInThrottle.class);
    private static final RequestMatcher SIGN_IN =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, BrowserSignIn.SIGN_IN_PAGE);

    private final SignInThrottle throttle;
    private final SavedRequestAwareAuthenticationSuccessHandler toPageAskedFor =
            new SavedRequestAwareAuthenticationSuccessHandler();

    FormSignInThrottle(SignInThrottle throttle) {
        this.throttle = throttle;
        toPageAskedFor.setDefaultTargetUrl("/console");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_IN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = userName(request);
        Duration wait = throttle.heldBack(user, request.getRemoteAddr());
        if (!wait.isZero()) {
            long seconds = SignInThrottle.seconds(wait);
            log.warn(
                    "sign-in held back for {} from {}: too many failed sign-ins; {} s left",
                    SafeText.forLog(String.valueOf(user)),
                    SafeText.forLog(request.getRemoteAddr()),
                    seconds);
            response.sendRedirect(request.getContextPath() + BrowserSignIn.SIGN_IN_PAGE + "?heldBack=" + seconds);
            return;
        }
        chain.doFilter(request, response);
    }

    AuthenticationFailureHandler failures() {
        return (request, response, failure) -> {
            String user = userName(request);
            throttle.failed(user, request.getRemoteAddr());
            log.warn(
                    "sign-in refused for {} from {} on the sign-in page: {}",
                    user == null ? "(the provider's user)" : SafeText.forLog(user),
                    SafeText.forLog(request.getRemoteAddr()),
                    SafeText.forLog(failure.getMessage()));
            response.sendRedirect(request.getContextPath() + BrowserSignIn.SIGN_IN_PAGE + "?failed");
        };
    }

    AuthenticationSuccessHandler successes() {
        return (request, response, signedIn) -> {
            throttle.succeeded(userName(request));
            log.info(
                    "signed in on the sign-in page: {} ({})",
                    SafeText.forLog(signedIn.getName()),
                    signedIn.getAuthorities());
            toPageAskedFor.onAuthenticationSuccess(request, response, signedIn);
        };
    }

    private static String userName(HttpServletRequest request) {
        return Credentials.bounded(request.getParameter("username"));
    }
}
