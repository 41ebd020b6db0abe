package org.amanat.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before sign-in: a request with credentials whose user name or client is held back ({@link SignInThrottle}) is
 * answered 429 without checking them; otherwise a 401 counts as a failure and a verified sign-in clears the user's count.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {
    private final SignInThrottle throttle;
    private final SecurityProblems problems;

    SignInThrottleFilter(SignInThrottle throttle, SecurityProblems problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    private static boolean signedIn() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!Credentials.present(request)) {
            chain.doFilter(request, response);
            return;
        }
        String user = Credentials.basicUser(request);
        String client = request.getRemoteAddr();
        Duration wait = throttle.heldBack(user, client);
        if (!wait.isZero()) {
            problems.throttled(request, response, wait);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            throttle.failed(user, client);
        } else if (signedIn()) {
            // only a verified sign-in clears the count, not an answer given before the credentials were checked
            throttle.succeeded(user);
        }
    }
}
