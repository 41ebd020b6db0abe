package org.amanat.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which requests need a CSRF token: those that change something and that a browser may send on its own. A request
 * without an Authorization header could only be signed in by a browser session (none exists yet: the console of a
 * later issue adds them); one with Basic or Bearer credentials is a program's, unless the browser says it comes from
 * another site ({@code Sec-Fetch-Site}), as when a page elsewhere posts a form and the browser adds Basic credentials
 * it remembers. Those have no token here, so they are refused. Open endpoints ({@link EndpointRules}) are left out:
 * partners sign every message and are not browsers; health and the error path change nothing.
 */
final class BrowserWrites implements RequestMatcher {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    private static final List<RequestMatcher> OPEN = EndpointRules.all().stream()
            .filter(EndpointRules.Rule::open)
            .map(EndpointRules.Rule::matcher)
            .toList();

    @Override
    public boolean matches(HttpServletRequest request) {
        if (SAFE.contains(request.getMethod()) || OPEN.stream().anyMatch(open -> open.matches(request))) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return !Credentials.present(request) || (site != null && !OWN_SITE.contains(site));
    }
}
