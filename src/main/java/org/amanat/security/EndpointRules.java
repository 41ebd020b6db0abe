package org.amanat.security;

import static org.amanat.security.Role.ADMIN;
import static org.amanat.security.Role.APPROVER;
import static org.amanat.security.Role.AUDITOR;
import static org.amanat.security.Role.COMPLIANCE;
import static org.amanat.security.Role.OFFICER;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one place where every endpoint states who may call it. Kept as a table here, not as annotations on the
 * handlers, because not every endpoint is a Spring MVC handler (the partner endpoint is a Camel route, the actuator
 * and the API description have their own), because one table is what a reviewer reads in one go, and because the
 * permission matrix test ({@code PermissionMatrixIT}) checks the application's request mappings against it. A
 * request no rule names is refused ({@link UnruledEndpoints}); so is an endpoint added without a rule.
 */
public final class EndpointRules {
    /** Everyone who signs in with a role: all of them read notices (the auditor the history of who did what too). */
    private static final Role[] STAFF = Role.values();

    /**
     * One rule: requests of {@code method} (null: any) to {@code pattern} (Spring's path patterns) are for the
     * {@code roles}, or for anyone when {@code open}.
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, boolean open, String why) {
        public RequestMatcher matcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }

        /** Whether someone with these roles may make this request (anyone when the rule is open). */
        public boolean allows(Set<Role> held) {
            return open || held.stream().anyMatch(roles::contains);
        }
    }

    private static final List<Rule> RULES = List.of(
            // the officers' API
            rule(HttpMethod.POST, "/api/v1/notices", "issue a notice", OFFICER),
            rule(HttpMethod.GET, "/api/v1/notices", "list notices", STAFF),
            rule(HttpMethod.GET, "/api/v1/notices/{id}", "a notice, its attempts and history", STAFF),
            rule(
                    HttpMethod.POST,
                    "/api/v1/notices/{id}/withdrawal",
                    "withdraw one's own notice (checked on the notice)",
                    OFFICER),
            rule(HttpMethod.POST, "/api/v1/notices/{id}/abandonment", "give up delivering a notice", ADMIN),
            // four-eyes approval: what waits is a list of notices like any other; the decision is an approver's (never
            // on
            // their own notice: checked on the notice, 403 own-notice)
            rule(HttpMethod.GET, "/api/v1/approvals", "the notices waiting for approval", STAFF),
            rule(HttpMethod.POST, "/api/v1/notices/{id}/approval", "approve a held notice", APPROVER),
            rule(HttpMethod.POST, "/api/v1/notices/{id}/decline", "decline a held notice", APPROVER),
            // compliance: read-only for compliance staff and auditors; a probe records findings, changes no notice
            rule(HttpMethod.GET, "/api/v1/compliance/scorecards", "every partner's scorecard", COMPLIANCE, AUDITOR),
            rule(
                    HttpMethod.GET,
                    "/api/v1/compliance/scorecards/{partnerId}",
                    "one partner's scorecard",
                    COMPLIANCE,
                    AUDITOR),
            rule(HttpMethod.GET, "/api/v1/compliance/breaches", "breaches", COMPLIANCE, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/compliance/findings", "security findings", COMPLIANCE, AUDITOR),
            rule(HttpMethod.GET, "/api/v1/compliance/reports/{month}", "the monthly report", COMPLIANCE, AUDITOR),
            rule(HttpMethod.POST, "/api/v1/compliance/probes/{partnerId}", "probe a partner now", COMPLIANCE, ADMIN),
            // partners authenticate by their signed and encrypted messages (docs/protocol.md); issue 11 item 4 adds
            // mTLS
            open(null, "/partner/**", "partners: every message is signed by the partner's pinned key"),
            // operations
            open(HttpMethod.GET, "/actuator/health", "load balancers and health checks"),
            open(HttpMethod.GET, "/actuator/health/**", "load balancers and health checks"),
            rule(null, "/actuator/**", "metrics (Prometheus included) and the rest of the actuator", ADMIN),
            // the API described, for anyone signed in
            rule(HttpMethod.GET, "/v3/api-docs", "OpenAPI 3", STAFF),
            rule(HttpMethod.GET, "/v3/api-docs/**", "OpenAPI 3", STAFF),
            rule(HttpMethod.GET, "/v3/api-docs.yaml", "OpenAPI 3 as YAML", STAFF),
            rule(HttpMethod.GET, "/swagger-ui.html", "Swagger UI", STAFF),
            rule(HttpMethod.GET, "/swagger-ui/**", "Swagger UI", STAFF),
            // the console's pages, on the browser chain (a session from the sign-in page, CSRF tokens on every form):
            // POST /login, POST /logout and the OpenID Connect redirects are answered by the sign-in filters themselves
            open(HttpMethod.GET, "/", "the gateway's address: sends a browser on to the console"),
            open(HttpMethod.GET, "/login", "the sign-in page"),
            open(HttpMethod.POST, "/login", "sign in with a user name and password (throttled, CSRF token required)"),
            open(HttpMethod.POST, "/logout", "sign out (CSRF token required)"),
            open(HttpMethod.GET, "/oauth2/authorization/{registrationId}", "sign in at the OpenID Connect provider"),
            open(HttpMethod.GET, "/login/oauth2/code/{registrationId}", "the provider's answer to a sign-in"),
            rule(HttpMethod.GET, "/console", "the console's home: who is signed in, with which roles", STAFF),
            open(HttpMethod.GET, "/assets/**", "the pages' style sheet, the sign-in page's included"),
            // the servlet container's error dispatch; asked for directly, /error answers 404
            open(null, "/error", "error answers"));

    /**
     * The paths of the browser chain: pages signed in by a session cookie, where every form carries a CSRF token. The
     * API is not among them and never takes the session: it stays stateless, signed in on every request.
     */
    static final List<String> BROWSER_PAGES =
            List.of("/", "/login", "/logout", "/console", "/console/**", "/oauth2/**", "/login/oauth2/**");

    private static final RequestMatcher BROWSER = new OrRequestMatcher(BROWSER_PAGES.stream()
            .map(path ->
                    (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
            .toList());

    private EndpointRules() {}

    /** Whether a request is the browser chain's ({@link #BROWSER_PAGES}). */
    public static boolean isBrowserPage(HttpServletRequest request) {
        return BROWSER.matches(request);
    }

    static RequestMatcher browserPages() {
        return BROWSER;
    }

    public static List<Rule> all() {
        return RULES;
    }

    private static Rule rule(HttpMethod method, String pattern, String why, Role... roles) {
        return new Rule(method, pattern, Set.copyOf(EnumSet.copyOf(Arrays.asList(roles))), false, why);
    }

    private static Rule open(HttpMethod method, String pattern, String why) {
        return new Rule(method, pattern, Set.of(), true, why);
    }
}
