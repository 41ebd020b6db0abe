package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What happens to an endpoint someone adds without a rule (this test adds one): the matrix test finds it, and at run
 * time it is refused to everyone (403 signed in, whatever the role; 401 anonymous), while a path that maps to nothing
 * is still a plain 404 for someone signed in.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
@Import(UnruledEndpointIT.Added.class)
class UnruledEndpointIT {
    static final TestGateway GATEWAY =
            new TestGateway().partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE");

    /** Only in this test's context: test configurations are left out of the other tests' component scan. */
    @TestConfiguration
    static class Added {
        @RestController
        static class Forgotten {
            @GetMapping("/api/v1/forgotten")
            String forgotten() {
                return "should never be answered";
            }
        }
    }

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
    }

    @Test
    void theMatrixFindsItWithoutARule() {
        assertThat(Endpoints.of(context))
                .filteredOn(e -> e.rule().isEmpty())
                .extracting(Endpoints.Endpoint::toString)
                .containsExactly("GET /api/v1/forgotten");
    }

    @Test
    void itIsRefusedToEveryoneWhileUnknownPathsStay404() {
        Api api = new Api(port);
        assertThat(api.anonymous().get("/api/v1/forgotten").statusCode()).isEqualTo(401);
        for (String user : PermissionMatrixIT.USERS.values()) {
            var response = api.as(user).get("/api/v1/forgotten");
            assertThat(response.statusCode()).as(user).isEqualTo(403);
            assertThat(response.body()).doesNotContain("should never be answered");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(api.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(api.anonymous().get("/api/v1/nothing-here").statusCode())
                .as("nothing tells anonymous callers what exists")
                .isEqualTo(401);
    }
}
