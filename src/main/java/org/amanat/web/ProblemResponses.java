package org.amanat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.amanat.protocol.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Builds the RFC 9457 problem documents every API answers with, so they look the same everywhere. */
@Component
public class ProblemResponses {
    /** Long enough for a database restart or fail-over to be under way, short enough that officers do not wait idle. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    public static HttpStatus status(InvalidRequestException.Kind kind) {
        return switch (kind) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
    }

    public static URI type(String kind) {
        return URI.create("urn:amanat:problem:" + kind);
    }

    public static ProblemDetail problem(
            HttpStatus status, String kind, String title, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(title);
        problem.setProperty("errors", errors == null ? List.of() : errors);
        return problem;
    }

    /**
     * The database does not answer: 503, to be tried again after {@link #RETRY_AFTER_SECONDS} seconds (the
     * {@code Retry-After} header the caller adds). Nothing in it names the database or the exception.
     */
    public static ProblemDetail unavailable() {
        Violation violation = new Violation(
                "(request)", "the gateway's database is unavailable; try again in " + RETRY_AFTER_SECONDS + " s");
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                violation.field() + ": " + violation.message(),
                List.of(violation));
    }

    static ProblemDetail tooLarge(long limit) {
        Violation violation = new Violation("(body)", "larger than " + limit + " bytes");
        return problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "request-too-large",
                "Request body too large",
                violation.field() + ": " + violation.message(),
                List.of(violation));
    }

    /** For filters, which answer before Spring MVC's handlers are reached. */
    public void write(HttpServletResponse response, HttpServletRequest request, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
