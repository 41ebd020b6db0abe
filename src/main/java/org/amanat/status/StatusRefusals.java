package org.amanat.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Violation;
import org.amanat.web.ProblemResponses;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Route error step: a refused status update becomes problem+json with its kind and every fault in
 * {@code errors}. The intake has recorded and logged it; anything else (it failed before the intake
 * ran) is a 500 logged here, but for the database being unavailable: 503 with Retry-After, so the partner sends it
 * again later.
 */
@Component
class StatusRefusals {
    private static final Logger log = LoggerFactory.getLogger(StatusRefusals.class);
    private final ObjectMapper json;

    StatusRefusals(ObjectMapper json) {
        this.json = json;
    }

    public String problem(
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure, @Headers Map<String, Object> headers)
            throws JsonProcessingException {
        ProblemDetail problem;
        Integer retryAfter = null;
        if (failure instanceof StatusRefusedException refused) {
            problem = ProblemResponses.problem(
                    refused.status(),
                    "status-refused",
                    "Status update refused",
                    refused.kind() + ": " + refused.getMessage(),
                    refused.errors());
        } else if (DatabaseUnavailable.causedBy(failure)) {
            log.warn(
                    "database unavailable receiving a status update: {}",
                    SafeText.forLog(DatabaseUnavailable.reason(failure)));
            problem = ProblemResponses.unavailable();
            retryAfter = ProblemResponses.RETRY_AFTER_SECONDS;
        } else {
            log.error("status update failed before it could be checked", failure);
            problem = ProblemResponses.problem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal-error",
                    "Internal error",
                    "INTERNAL_ERROR: the status update could not be processed; it was not applied",
                    List.of(new Violation("(body)", "could not be processed; it was not applied")));
        }
        headers.clear();
        headers.put(Exchange.HTTP_RESPONSE_CODE, problem.getStatus());
        headers.put(Exchange.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (retryAfter != null) {
            headers.put(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return json.writeValueAsString(problem);
    }
}
