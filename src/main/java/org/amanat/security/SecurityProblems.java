package org.amanat.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Violation;
import org.amanat.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 401, 403 and 429 as problem+json like every other answer of the API, each logged as one line with the values from
 * outside escaped. A 401 names the ways to sign in ({@code WWW-Authenticate}); no answer says whether a user exists.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private final ProblemResponses problems;
    private final boolean basic;
    private final boolean bearer;

    SecurityProblems(ProblemResponses problems, boolean basic, boolean bearer) {
        this.problems = problems;
        this.basic = basic;
        this.bearer = bearer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean tried = Credentials.present(request);
        String message = tried ? "the credentials were not accepted" : "sign in: HTTP Basic or a bearer token";
        if (tried) {
            log.warn(
                    "sign-in refused for {} from {} on {} {}: {}",
                    SafeText.forLog(String.valueOf(Credentials.basicUser(request))),
                    SafeText.forLog(request.getRemoteAddr()),
                    request.getMethod(),
                    SafeText.forLog(request.getRequestURI()),
                    SafeText.forLog(failure.getMessage()));
        } else {
            log.info(
                    "sign-in required from {} on {} {}",
                    SafeText.forLog(request.getRemoteAddr()),
                    request.getMethod(),
                    SafeText.forLog(request.getRequestURI()));
        }
        if (basic) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"amanat\", charset=\"UTF-8\"");
        }
        if (bearer) {
            response.addHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    failure instanceof OAuth2AuthenticationException ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        write(request, response, HttpStatus.UNAUTHORIZED, "sign-in-required", "Sign-in required", message);
    }

    /**
     * A role that does not take the endpoint; or a state-changing request the CSRF rule refuses before sign-in was
     * even looked at, which without credentials is a 401 like any anonymous request.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof CsrfException && !Credentials.present(request)) {
            commence(request, response, new InsufficientAuthenticationException("no credentials"));
            return;
        }
        refuse(request, response, denied);
    }

    /**
     * For the console's pages, where a refused CSRF token is a form that expired with its session or came from another
     * site: 403 whether or not someone is signed in (a 401 would name the API's ways to sign in).
     */
    AccessDeniedHandler forPages() {
        return this::refuse;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        var who = SecurityContextHolder.getContext().getAuthentication();
        String name = who == null ? String.valueOf(Credentials.basicUser(request)) : who.getName();
        String message = denied instanceof CsrfException
                ? "a browser's cross-site request that changes something is refused (a form of the console: reload the page)"
                : "your roles do not allow " + request.getMethod() + " here";
        log.warn(
                "refused {} {} to {} ({}): {}",
                request.getMethod(),
                SafeText.forLog(request.getRequestURI()),
                SafeText.forLog(name),
                who == null ? "not signed in" : who.getAuthorities(),
                message);
        write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", message);
    }

    void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = SignInThrottle.seconds(wait);
        log.warn(
                "sign-in held back for {} from {}: too many failed sign-ins; {} s left",
                SafeText.forLog(String.valueOf(Credentials.basicUser(request))),
                SafeText.forLog(request.getRemoteAddr()),
                seconds);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "sign-in-throttled",
                "Too many failed sign-ins",
                "too many failed sign-ins; try again in " + seconds + " s");
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String kind,
            String title,
            String message)
            throws IOException {
        Violation violation = new Violation("(request)", message);
        problems.write(
                response,
                request,
                ProblemResponses.problem(status, kind, title, violation.field() + ": " + message, List.of(violation)));
    }
}
