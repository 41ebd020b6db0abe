package org.amanat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The one place that maps errors to problem+json (RFC 9457), naming the field at fault. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        String detail = e.violations().size() == 1 ? e.getMessage() : e.violations().size() + " problems in the request";
        return ProblemResponses.problem(e.status(), e.problemType(), "Invalid request", detail, e.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        var violation = new Violation(e.getName(), "'" + e.getValue() + "' is not a valid value");
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                violation.field() + ": " + violation.message(), List.of(violation));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Violation violation;
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            violation = new Violation(path(unknown), "unknown field");
        } else if (e.getCause() instanceof JsonMappingException mapping) {
            violation = new Violation(path(mapping), mapping.getOriginalMessage().lines().findFirst().orElse("cannot be read"));
        } else if (e.getCause() instanceof JsonProcessingException parsing) {
            violation = new Violation("(body)", "malformed JSON: " + parsing.getOriginalMessage());
        } else {
            violation = new Violation("(body)", "a JSON body is required");
        }
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "unreadable-request", "Unreadable request",
                violation.field() + ": " + violation.message(), List.of(violation));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
