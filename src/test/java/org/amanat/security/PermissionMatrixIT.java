package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amanat.Api;
import org.amanat.Browser;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.HttpWire;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.TlsContexts;
import org.amanat.web.PartnerListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every endpoint the application maps × anonymous, each role, and a partner's client certificate, over real HTTP: each
 * is answered as its rule in {@link EndpointRules} says: 401 without sign-in (unless open), 403 for a role the rule
 * does not name, neither for one it names; with a partner's certificate on the partner listener, {@code /partner/**}
 * gets through and everything else is 404 (as {@code /partner/**} is on the officers' listener). The console's pages are
 * asked for as a browser asks, signed in on the sign-in page. The endpoints come from the application's own request mappings, so an endpoint added without a rule
 * fails {@link #everyEndpointHasARule} (and is refused at run time: {@link UnruledEndpointIT}). Nothing the calls do
 * reaches the ledger: every call that gets through is refused by validation or finds nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
@AutoConfigureObservability(tracing = false) // Prometheus, as in production
class PermissionMatrixIT {
    static final TestGateway GATEWAY = new TestGateway()
            .withPartnerListener()
            .partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");
    /** One of TestGateway's users per role. */
    static final Map<Role, String> USERS = Map.of(
            Role.OFFICER,
            Api.OFFICER,
            Role.APPROVER,
            Api.APPROVER,
            Role.COMPLIANCE,
            Api.COMPLIANCE,
            Role.ADMIN,
            Api.ADMIN,
            Role.AUDITOR,
            Api.AUDITOR);

    /** A browser per role, signed in once, for the console's pages. */
    final Map<Role, Browser> browsers = new EnumMap<>(Role.class);

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Autowired
    PartnerListener partnerListener;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void everyEndpointHasARule() {
        List<Endpoints.Endpoint> endpoints = Endpoints.of(context);

        assertThat(endpoints)
                .as("the application's request mappings")
                .extracting(Endpoints.Endpoint::toString)
                .contains(
                        "POST /api/v1/notices",
                        "GET /api/v1/notices/{id}",
                        "POST /partner/v1/status",
                        "GET /actuator/prometheus",
                        "GET /v3/api-docs",
                        "GET /console",
                        "GET /login");
        assertThat(endpoints.stream()
                        .filter(e -> e.rule().isEmpty())
                        .map(Endpoints.Endpoint::toString)
                        .toList())
                .as("endpoints without a rule in EndpointRules")
                .isEmpty();
    }

    @Test
    void everyEndpointAnswersAnonymousAndEachRoleAsItsRuleSays() {
        long ledgerBefore = ledgerRows();
        List<String> wrong = new ArrayList<>();
        Map<String, String> matrix = new LinkedHashMap<>();
        for (Endpoints.Endpoint endpoint : Endpoints.of(context)) {
            EndpointRules.Rule rule = endpoint.rule().orElseThrow(() -> new AssertionError(endpoint + " has no rule"));
            StringBuilder row = new StringBuilder();
            int anonymous = call((Role) null, endpoint);
            row.append("anonymous=").append(anonymous);
            if (rule.open() ? anonymous == 401 || anonymous == 403 : anonymous != 401) {
                wrong.add(endpoint + " anonymous: " + anonymous);
            }
            for (Role role : Role.values()) {
                int status = call(role, endpoint);
                row.append(' ').append(role).append('=').append(status);
                boolean allowed = rule.allows(EnumSet.of(role));
                if (allowed ? status == 401 || status == 403 : status != 403) {
                    wrong.add(endpoint + " " + role + ": " + status + (allowed ? " (allowed)" : " (not allowed)"));
                }
            }
            int partner = callAsPartner(endpoint);
            row.append(" partner-certificate=").append(partner);
            boolean partnerPath = endpoint.path().startsWith("/partner/");
            if (partnerPath ? partner == 401 || partner == 403 || partner == 404 : partner != 404) {
                wrong.add(endpoint + " partner certificate: " + partner);
            }
            matrix.put(endpoint.toString(), row.toString());
        }
        matrix.forEach((endpoint, row) -> System.out.printf("permission-matrix: %-50s %s%n", endpoint, row));

        assertThat(wrong).as("answers that break their rule").isEmpty();
        assertThat(matrix).hasSizeGreaterThan(15);
        assertThat(ledgerRows()).as("nothing reached the ledger").isEqualTo(ledgerBefore);
    }

    @Test
    void theRuleTableGivesEachRoleWhatTheIssueSays() {
        assertThat(allowed(HttpMethod.POST, "/api/v1/notices")).containsExactly(Role.OFFICER);
        assertThat(allowed(HttpMethod.POST, "/api/v1/notices/x/withdrawal")).containsExactly(Role.OFFICER);
        assertThat(allowed(HttpMethod.POST, "/api/v1/notices/x/abandonment")).containsExactly(Role.ADMIN);
        assertThat(allowed(HttpMethod.GET, "/api/v1/notices/x")).containsExactlyInAnyOrder(Role.values());
        assertThat(allowed(HttpMethod.GET, "/api/v1/compliance/reports/2026-11"))
                .containsExactlyInAnyOrder(Role.COMPLIANCE, Role.AUDITOR);
        assertThat(allowed(HttpMethod.GET, "/actuator/prometheus")).containsExactly(Role.ADMIN);
        assertThat(Endpoints.ruleFor(HttpMethod.GET, "/actuator/health")
                        .orElseThrow()
                        .open())
                .isTrue();
        assertThat(Endpoints.ruleFor(HttpMethod.POST, "/partner/v1/status")
                        .orElseThrow()
                        .open())
                .as("partners sign their messages; an explicit rule, not a fall-through")
                .isTrue();
        assertThat(Endpoints.ruleFor(HttpMethod.DELETE, "/api/v1/notices/x"))
                .as("no rule: refused")
                .isEmpty();
    }

    private static Set<Role> allowed(HttpMethod method, String path) {
        EndpointRules.Rule rule = Endpoints.ruleFor(method, path).orElseThrow();
        Set<Role> allowed = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (!rule.open() && rule.allows(EnumSet.of(role))) {
                allowed.add(role);
            }
        }
        return allowed;
    }

    /**
     * A page of the browser chain, as a browser asks for it: signed in on the sign-in page (HTTP Basic signs in no page),
     * a form with the session's CSRF token. Sent to the sign-in page is the pages' 401.
     */
    private int callPage(Role role, Endpoints.Endpoint endpoint) {
        Browser browser = role == null
                ? new Browser(port)
                : browsers.computeIfAbsent(role, r -> new Browser(port).signIn(USERS.get(r), Api.PASSWORD));
        HttpResponse<String> answer;
        if (endpoint.method() == HttpMethod.GET) {
            answer = browser.get(endpoint.path());
        } else {
            browser.get("/login");
            answer = browser.submit(endpoint.path(), Map.of());
        }
        return answer.statusCode() == 302 && Browser.location(answer).endsWith("/login") ? 401 : answer.statusCode();
    }

    private int call(Role role, Endpoints.Endpoint endpoint) {
        if (EndpointRules.isBrowserPage(
                new MockHttpServletRequest(endpoint.method().name(), endpoint.path()))) {
            return callPage(role, endpoint);
        }
        return call(role == null ? api().anonymous() : api().as(USERS.get(role)), endpoint);
    }

    private static int call(Api api, Endpoints.Endpoint endpoint) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(api.uri(endpoint.path())).header("Content-Type", "application/json");
        request.method(
                endpoint.method().name(),
                endpoint.method() == HttpMethod.GET
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> response = api.send(request);
        return response.statusCode();
    }

    /** Partner "tube" with its own client certificate and header, on the partner listener. */
    private int callAsPartner(Endpoints.Endpoint endpoint) {
        HttpClient partner = HttpClient.newBuilder()
                .sslContext(TlsContexts.create(TestPki.partnerClient("tube"), List.of(TestPki.caCertificate())))
                .build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + partnerListener.port() + endpoint.path()))
                .header("Content-Type", "application/json")
                .header(HttpWire.PARTNER_HEADER, "tube")
                .method(
                        endpoint.method().name(),
                        endpoint.method() == HttpMethod.GET
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            return partner.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Api api() {
        return new Api(port);
    }

    private long ledgerRows() {
        return List.of("notice", "outbox", "notice_event", "delivery_attempt").stream()
                .mapToLong(table -> jdbc.sql("select count(*) from " + table)
                        .query(Long.class)
                        .single())
                .sum();
    }
}
