package org.amanat.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Builds the RFC 9457 problem documents every API answers with, so they look the same everywhere. */
@Component
public class ProblemResponses {
    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public static URI type(String kind) {
        return URI.create("urn:amanat:problem:" + kind);
    }

    public static ProblemDetail problem(HttpStatus status, String kind, String title, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    static ProblemDetail tooLarge(long limit) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request body too large",
                "the request body is larger than " + limit + " bytes",
                List.of(new Violation("(body)", "larger than " + limit + " bytes")));
    }

    /** For filters, which answer before Spring MVC's handlers are reached. */
    void write(HttpServletResponse response, HttpServletRequest request, ProblemDetail problem) throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
