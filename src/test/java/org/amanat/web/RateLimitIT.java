package org.amanat.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.amanat.Api;
import org.amanat.TestDatabases;
import org.amanat.TestGateway;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.HttpWire;
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
 * Rate limits, set to 3 requests an hour so that the test decides when a caller goes over: the request over the limit
 * is answered 429 problem+json with Retry-After and changes nothing, another caller is not held back, and the refusals
 * of a period are logged (and for a partner recorded) once. Each test uses callers of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "amanat.delivery.enabled=false")
class RateLimitIT {
    private static final int LIMIT = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final TestGateway GATEWAY = new TestGateway()
            .partner("tube", "http://127.0.0.1:9/notices", AlgorithmProfile.RSA, "NONE")
            .partner("chirp", "http://127.0.0.1:9/notices", AlgorithmProfile.EC, "NONE");

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GATEWAY.register(registry);
        TestDatabases.h2(registry);
        // after the gateway's own test settings, which lift the limits for every other test
        registry.add("amanat.rate-limits.officer.requests", () -> LIMIT);
        registry.add("amanat.rate-limits.officer.per", () -> "1h");
        registry.add("amanat.rate-limits.partner.requests", () -> LIMIT);
        registry.add("amanat.rate-limits.partner.per", () -> "1h");
    }

    @Test
    void anOfficerOverTheLimitIsRefusedAndChangesNothingWhileAnotherIsServed(CapturedOutput output) {
        Api officer = new Api(port);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(officer.get("/api/v1/notices").statusCode()).isEqualTo(200);
        }
        long notices = count("notice");

        HttpResponse<String> over = officer.postNotice(Api.validNotice("tube"));
        HttpResponse<String> again = officer.get("/api/v1/notices");

        assertRateLimited(over);
        assertRateLimited(again);
        assertThat(count("notice")).as("nothing changes").isEqualTo(notices);
        assertThat(officer.as(Api.OTHER_OFFICER)
                        .postNotice(Api.validNotice("tube"))
                        .statusCode())
                .as("another officer")
                .isEqualTo(201);
        assertThat(output.getAll().lines().filter(line -> line.contains("rate limit: " + Api.OFFICER + " went over")))
                .as("logged once per period")
                .hasSize(1);
    }

    @Test
    void aPartnerOverTheLimitIsRefusedAndRecordedOnceWhileAnotherIsServed(CapturedOutput output) throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(postStatus("chirp").statusCode())
                    .as("reaches the intake, which refuses the junk body")
                    .isEqualTo(400);
        }
        long statuses = count("status_update");
        long events = count("security_event");

        assertRateLimited(postStatus("chirp"));
        assertRateLimited(postStatus("chirp"));

        assertThat(postStatus("tube").statusCode())
                .as("another partner reaches the intake")
                .isEqualTo(400);
        assertThat(count("status_update")).isEqualTo(statuses);
        assertThat(jdbc.sql("select partner_id, kind from security_event order by id")
                        .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                        .list()
                        .subList((int) events, (int) events + 2))
                .as("one RATE_LIMITED for the two refusals, then tube's own refusal")
                .containsExactly("chirp RATE_LIMITED", "tube MALFORMED");
        assertThat(output.getAll().lines().filter(line -> line.contains("rate limit: chirp went over")))
                .hasSize(1);
    }

    /** Requests that name no known partner share one limit: made-up names get no limit of their own. */
    @Test
    void partnerRequestsNamingNoKnownPartnerShareOneLimit() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(postStatus("nosuch-" + i).statusCode()).isEqualTo(403);
        }

        assertRateLimited(postStatus("another-made-up-name"));
    }

    private HttpResponse<String> postStatus(String partnerHeader) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/partner/v1/status"))
                        .header("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE)
                        .header(HttpWire.PARTNER_HEADER, partnerHeader)
                        .POST(HttpRequest.BodyPublishers.ofString("not CMS"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRateLimited(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("until the hour-long period ends").isBetween(1L, 3600L);
        JsonNode problem = Api.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:rate-limited");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("(request)");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
