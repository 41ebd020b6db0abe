package org.amanat.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.amanat.web.ProblemResponses;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Route error step: a refused status update becomes problem+json with the reason; anything unexpected a 500. */
@Component
class StatusRefusals {
    private static final Logger log = LoggerFactory.getLogger(StatusRefusals.class);
    private final ObjectMapper json;

    StatusRefusals(ObjectMapper json) {
        this.json = json;
    }

    public String problem(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure, @Headers Map<String, Object> headers)
            throws JsonProcessingException {
        if (!(failure instanceof StatusRefusedException)) {
            log.error("status update failed unexpectedly", failure);
        }
        ProblemDetail problem = failure instanceof StatusRefusedException refused
                ? ProblemResponses.problem(refused.status(), "status-refused", "Status update refused",
                        refused.kind() + ": " + refused.getMessage(), List.of())
                : ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                        "the status update could not be processed; it was not applied", List.of());
        headers.clear();
        headers.put(Exchange.HTTP_RESPONSE_CODE, problem.getStatus());
        headers.put(Exchange.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        return json.writeValueAsString(problem);
    }
}
