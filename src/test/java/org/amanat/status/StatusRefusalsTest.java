package org.amanat.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amanat.ledger.SecurityEventKind;
import org.amanat.protocol.Violation;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The route's error step: what a partner is answered, for a refusal, the database being down, and anything else. */
class StatusRefusalsTest {
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final StatusRefusals refusals = new StatusRefusals(json);
    private final Map<String, Object> headers =
            new HashMap<>(Map.of("Amanat-Partner-Id", "globaltube", "Content-Length", "99"));

    @Test
    void aRefusalBecomesProblemJsonWithItsKindAndEveryFault() throws Exception {
        var refused = new StatusRefusedException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                SecurityEventKind.INVALID_REPORT,
                List.of(
                        new Violation("items[0].locator", "is not an item of the notice"),
                        new Violation("items[1].locator", "is reported twice")),
                null);

        JsonNode problem = json.readTree(refusals.problem(refused, headers));

        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:status-refused");
        assertThat(problem.get("title").asText()).isEqualTo("Status update refused");
        assertThat(problem.get("detail").asText())
                .isEqualTo("INVALID_REPORT: 2 problems, first items[0].locator: is not an item of the notice");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.get("errors").get(1).get("field").asText()).isEqualTo("items[1].locator");
        assertThat(problem.get("errors").get(1).get("message").asText()).isEqualTo("is reported twice");
        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Exchange.HTTP_RESPONSE_CODE, 422, Exchange.CONTENT_TYPE, "application/problem+json"));
    }

    @Test
    void theDatabaseBeingUnavailableIsA503ToTryAgain() throws Exception {
        var down = new CannotGetJdbcConnectionException(
                "no connection", new SQLTransientConnectionException("pool exhausted"));

        JsonNode problem = json.readTree(refusals.problem(down, headers));

        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.toString()).doesNotContain("pool exhausted");
        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Exchange.HTTP_RESPONSE_CODE,
                        503,
                        Exchange.CONTENT_TYPE,
                        "application/problem+json",
                        HttpHeaders.RETRY_AFTER,
                        5));
    }

    @Test
    void anythingElseIsAnInternalErrorThatSaysNothingWasApplied() throws Exception {
        JsonNode problem = json.readTree(refusals.problem(new IllegalStateException("secret internals"), headers));

        assertThat(problem.get("status").asInt()).isEqualTo(500);
        assertThat(problem.get("type").asText()).isEqualTo("urn:amanat:problem:internal-error");
        assertThat(problem.get("detail").asText())
                .isEqualTo("INTERNAL_ERROR: the status update could not be processed; it was not applied");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("(body)");
        assertThat(problem.toString()).doesNotContain("secret internals");
        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Exchange.HTTP_RESPONSE_CODE, 500, Exchange.CONTENT_TYPE, "application/problem+json"));
    }

    @Test
    void aSingleFaultIsTheWholeMessage() {
        var refused = new StatusRefusedException(
                HttpStatus.CONFLICT,
                SecurityEventKind.REPLAY,
                List.of(new Violation("statusId", "was received before")),
                null);

        assertThat(refused.getMessage()).isEqualTo("statusId: was received before");
    }
}
