package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.amanat.Api;
import org.amanat.Browser;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's sign-in over real HTTP, with the users file outside the demo: the sign-in page, a session that changes
 * its id at sign-in and is the pages' only (the API never takes it), CSRF tokens on every form, sign-out, and failed
 * sign-ins held back as HTTP Basic's are.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "amanat.delivery.enabled=false",
            "amanat.security.throttle.user-failures=3",
            "amanat.security.throttle.client-failures=1000",
            "amanat.security.throttle.first-delay=30s"
        })
class BrowserSignInIT {
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void aPageAskedForWithoutSignInSendsTheBrowserToTheSignInPage() {
        Browser browser = browser();

        HttpResponse<String> root = browser.get("/");
        HttpResponse<String> console = browser.get("/console");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(Browser.location(root)).endsWith("/console");
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(Browser.location(console)).endsWith("/login");
    }

    @Test
    void theSignInPageIsInBahasaIndonesiaUnlessTheBrowserAsksForEnglishAndCarriesItsCsrfToken() {
        HttpResponse<String> indonesian = browser().get("/login");
        HttpResponse<String> english = browser().get("/login", "Accept-Language", "en-GB,en;q=0.9");

        assertThat(indonesian.statusCode()).isEqualTo(200);
        assertThat(indonesian.body()).contains("lang=\"id\"", "Nama pengguna", "Kata sandi", "name=\"_csrf\"");
        assertThat(english.body()).contains("lang=\"en\"", "User name", "Password");
        assertThat(indonesian.headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
        assertThat(indonesian.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(indonesian.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(indonesian.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void aUserSignsInWithTheFormGetsANewSessionAndSeesTheirNameAndRoles() {
        Browser browser = browser();
        browser.get("/login");
        String before = browser.cookie("AMANAT_SESSION").orElseThrow().getValue();

        HttpResponse<String> signIn =
                browser.submit("/login", Map.of("username", Api.APPROVER, "password", Api.PASSWORD));
        HttpResponse<String> home = browser.get("/console");

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(signIn)).endsWith("/console");
        assertThat(signIn.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie ->
                        assertThat(cookie).startsWith("AMANAT_SESSION=").contains("HttpOnly", "SameSite=Lax"));
        assertThat(browser.cookie("AMANAT_SESSION").orElseThrow().getValue())
                .as("the session id changes at sign-in")
                .isNotEqualTo(before);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Masuk sebagai " + Api.APPROVER, "Penyetuju (APPROVER)")
                .doesNotContain("(OFFICER)");
    }

    @Test
    void thePageAskedForBeforeSignInIsWhereTheBrowserGoesAfter() {
        Browser browser = browser();
        browser.get("/console");
        browser.get("/login");

        HttpResponse<String> signIn =
                browser.submit("/login", Map.of("username", Api.AUDITOR, "password", Api.PASSWORD));

        assertThat(Browser.location(signIn)).endsWith("/console?continue");
        assertThat(browser.get(Browser.location(signIn)).body()).contains("Masuk sebagai " + Api.AUDITOR);
    }

    @Test
    void aWrongPasswordGoesBackToTheSignInPageSignedInAsNobody() {
        Browser browser = browser();
        browser.get("/login");

        HttpResponse<String> signIn = browser.submit("/login", Map.of("username", Api.COMPLIANCE, "password", "guess"));

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(Browser.location(signIn)).endsWith("/login?failed");
        assertThat(browser.get(Browser.location(signIn)).body()).contains("Nama pengguna atau kata sandi salah");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndSignsNobodyIn() {
        Browser browser = browser();
        browser.get("/login");

        HttpResponse<String> noToken = browser.post("/login", Map.of("username", Api.ADMIN, "password", Api.PASSWORD));
        HttpResponse<String> forgedToken =
                browser.post("/login", Map.of("username", Api.ADMIN, "password", Api.PASSWORD, "_csrf", "forged"));

        for (HttpResponse<String> refused : java.util.List.of(noToken, forgedToken)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.json(refused).get("type").asText()).isEqualTo("urn:amanat:problem:forbidden");
        }
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void signOutNeedsTheTokenAndEndsTheSession() {
        Browser browser = browser().signIn(Api.OFFICER, Api.PASSWORD);
        browser.get("/console");

        HttpResponse<String> forged = browser.post("/logout", Map.of());
        assertThat(forged.statusCode()).as("a sign-out from another site").isEqualTo(403);
        assertThat(browser.get("/console").statusCode()).isEqualTo(200);

        HttpResponse<String> signOut = browser.submit("/logout", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(Browser.location(signOut)).endsWith("/login?signedOut");
        assertThat(browser.get(Browser.location(signOut)).body()).contains("Anda telah keluar");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void theSessionSignsInThePagesOnlyAndTheApiStaysSignedInPerRequest() {
        Browser browser = browser().signIn(Api.OFFICER, Api.PASSWORD);

        assertThat(browser.get("/api/v1/notices").statusCode())
                .as("the session cookie on the API")
                .isEqualTo(401);
        assertThat(browser()
                        .get("/console", "Authorization", Api.basic(Api.OFFICER, Api.PASSWORD))
                        .statusCode())
                .as("HTTP Basic on a page")
                .isEqualTo(302);
    }

    @Test
    void failedSignInsAreHeldBackAndThenEvenTheRightPasswordIsNotChecked() {
        Browser browser = browser();
        for (int i = 0; i < 3; i++) {
            browser.get("/login");
            assertThat(Browser.location(
                            browser.submit("/login", Map.of("username", Api.OTHER_APPROVER, "password", "guess-" + i))))
                    .endsWith("/login?failed");
        }
        browser.get("/login");

        HttpResponse<String> held =
                browser.submit("/login", Map.of("username", Api.OTHER_APPROVER, "password", Api.PASSWORD));

        assertThat(held.statusCode()).isEqualTo(302);
        assertThat(Browser.location(held)).matches(".*/login\\?heldBack=(29|30)");
        assertThat(browser.get(Browser.location(held)).body()).contains("Terlalu banyak percobaan masuk yang gagal");
        assertThat(browser.get("/console").statusCode()).isEqualTo(302);
        assertThat(new Api(port).as(Api.OTHER_APPROVER).get("/api/v1/notices").statusCode())
                .as("the same count as HTTP Basic's")
                .isEqualTo(429);
    }

    private Browser browser() {
        return new Browser(port);
    }
}
