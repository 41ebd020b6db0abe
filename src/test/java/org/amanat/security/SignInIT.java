package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in with the users file (bcrypt hashes, HTTP Basic) outside the demo profile, over real HTTP: who gets in, what
 * a refusal looks like and logs, failed sign-ins held back, the demo's users refused, and the HTTP surface (headers,
 * no session, the cross-site rule, the API description for people signed in).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "amanat.delivery.enabled=false",
            "amanat.security.throttle.user-failures=3",
            "amanat.security.throttle.client-failures=1000",
            "amanat.security.throttle.first-delay=2s"
        })
@ExtendWith(OutputCaptureExtension.class)
class SignInIT {
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void aUserOfTheUsersFileSignsInWithTheirPassword() {
        assertThat(api().get("/api/v1/notices").statusCode()).isEqualTo(200);
        assertThat(api().as(Api.AUDITOR).get("/api/v1/notices").statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsAreProblemJsonAndSayNotWhetherTheUserExists() {
        HttpResponse<String> anonymous = api().anonymous().get("/api/v1/notices");
        HttpResponse<String> wrongPassword =
                api().withAuthorization(Api.basic(Api.AUDITOR, "guess")).get("/api/v1/notices");
        HttpResponse<String> nobody =
                api().withAuthorization(Api.basic("nobody-at-all", "guess")).get("/api/v1/notices");

        for (HttpResponse<String> response : List.of(anonymous, wrongPassword, nobody)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Basic realm=\"amanat\", charset=\"UTF-8\"");
            JsonNode problem = Api.json(response);
            assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:sign-in-required");
            assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("(request)");
        }
        assertThat(wrongPassword.body()).isEqualTo(nobody.body().replace("nobody-at-all", Api.AUDITOR));
        HttpResponse<String> wrongRole = api().as(Api.AUDITOR).postNotice(Api.validNotice("tube"));
        assertThat(wrongRole.statusCode()).isEqualTo(403);
        assertThat(Api.json(wrongRole).get("type").asText()).isEqualTo("urn:amanat:problem:forbidden");
    }

    @Test
    void aRefusalIsLoggedWithTheNameFromOutsideEscaped(CapturedOutput output) {
        String forged = "x\nINFO forged line"; // no colon: HTTP Basic ends the name at the first

        assertThat(api().withAuthorization(Api.basic(forged, "guess"))
                        .get("/api/v1/notices")
                        .statusCode())
                .isEqualTo(401);

        assertThat(output.getOut())
                .contains("sign-in refused for x\\u000aINFO forged line")
                .doesNotContain("\nINFO forged line")
                .doesNotContain("guess");
    }

    @Test
    void failedSignInsAreHeldBackThen429WithRetryAfterEvenForTheRightPassword() {
        Api wrong = api().withAuthorization(Api.basic(Api.OTHER_OFFICER, "guess"));
        for (int i = 0; i < 3; i++) {
            assertThat(wrong.get("/api/v1/notices").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> held = api().as(Api.OTHER_OFFICER).get("/api/v1/notices");
        assertThat(held.statusCode())
                .as("the password is not even checked while held back")
                .isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 2));
        assertThat(Api.json(held).get("type").asText()).isEqualTo("urn:amanat:problem:sign-in-throttled");
        assertThat(api().get("/api/v1/notices").statusCode())
                .as("another user is not held back")
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api().as(Api.OTHER_OFFICER).get("/api/v1/notices").statusCode() == 200);
        assertThat(wrong.get("/api/v1/notices").statusCode())
                .as("a failure after a success counts from one again")
                .isEqualTo(401);
        assertThat(api().as(Api.OTHER_OFFICER).get("/api/v1/notices").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDemoUsersAreRefusedOutsideTheDemoProfile() {
        for (Role role : Role.values()) {
            HttpResponse<String> response = api().withAuthorization(
                            Api.basic(DemoUsers.name(role), DemoUsers.password(role)))
                    .get("/api/v1/notices");
            assertThat(response.statusCode()).as(role.name()).isEqualTo(401);
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoSession() {
        for (HttpResponse<String> response : List.of(
                api().get("/api/v1/notices"),
                api().anonymous().get("/api/v1/notices"),
                api().get("/api/v1/notices/nothing"))) {
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Cache-Control"))
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
            assertThat(response.headers().firstValue("Set-Cookie"))
                    .as("stateless: no session")
                    .isEmpty();
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as("HSTS is for HTTPS answers only")
                    .isEmpty();
        }
    }

    @Test
    void aBrowsersCrossSiteWriteIsRefusedEvenWithCredentialsItRemembers() {
        long before = ledgerRows();
        HttpResponse<String> crossSite = api().send(HttpRequest.newBuilder(api().uri("/api/v1/notices"))
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Api.validNotice("tube").toString())));

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ledgerRows()).isEqualTo(before);
        HttpResponse<String> sameOrigin = api().send(HttpRequest.newBuilder(api().uri("/api/v1/notices"))
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Api.validNotice("tube").toString())));
        assertThat(sameOrigin.statusCode()).as("Swagger UI's own calls").isEqualTo(201);
    }

    @Test
    void theApiIsDescribedForPeopleSignedIn() throws Exception {
        assertThat(api().anonymous().get("/v3/api-docs").statusCode()).isEqualTo(401);
        HttpResponse<String> docs = api().as(Api.AUDITOR).get("/v3/api-docs");

        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        JsonNode openApi = Api.json(docs);
        assertThat(openApi.get("openapi").asText()).startsWith("3.");
        assertThat(openApi.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(openApi.get("paths").has("/api/v1/notices")).isTrue();
        assertThat(openApi.get("paths").has("/api/v1/compliance/scorecards")).isTrue();
        assertThat(openApi.at("/paths/~1api~1v1~1notices/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isNotEmpty();
        assertThat(docs.body()).as("the acting person is not a field").doesNotContain("officerId", "administratorId");
        assertThat(api().get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(api().anonymous().get("/swagger-ui/index.html").statusCode()).isEqualTo(401);
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
