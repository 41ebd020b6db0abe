package org.amanat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import org.amanat.ledger.DatabaseUnavailable;
import org.amanat.protocol.JsonFault;
import org.amanat.protocol.SafeText;
import org.amanat.protocol.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that maps errors to problem+json (RFC 9457): every answer has {@code errors}, a list of
 * {@code {field, message}}, and always the problem+json content type, whatever the request's Accept. Messages are
 * the gateway's own, never a framework's, so they name no Java class.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        String detail =
                e.violations().size() == 1 ? e.getMessage() : e.violations().size() + " problems in the request";
        return answer(
                ProblemResponses.problem(
                        ProblemResponses.status(e.kind()), e.problemType(), "Invalid request", detail, e.violations()),
                null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return answer(problem(HttpStatus.NOT_FOUND, new Violation("(path)", e.getMessage())), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> badParameter(MethodArgumentTypeMismatchException e) {
        return answer(problem(HttpStatus.BAD_REQUEST, new Violation(e.getName(), expected(e.getRequiredType()))), null);
    }

    @ExceptionHandler(ErrorEndpoint.ErrorStatusException.class)
    ResponseEntity<Object> outsideSpringMvc(ErrorEndpoint.ErrorStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.status());
        return answer(problem(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, null), null);
    }

    /**
     * Whatever else went wrong is the gateway's fault; what it was goes to the log, not to the caller. The
     * database being unavailable is not: 503 with Retry-After, and one log line without a stack trace.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            log.warn("database unavailable answering a request: {}", SafeText.forLog(DatabaseUnavailable.reason(e)));
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemResponses.RETRY_AFTER_SECONDS));
            return answer(ProblemResponses.unavailable(), headers);
        }
        log.error("unexpected error answering a request", e);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, null), null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    /** Every exception Spring MVC itself handles (405, 406, 415, 404 of a path, a missing parameter, …) ends here. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem =
                body instanceof ProblemDetail own && own.getType().toString().startsWith("urn:amanat:")
                        ? own
                        : framework(e, status);
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, problem, headers, status, request);
        return answer == null ? null : answer(problem, answer.getHeaders());
    }

    private static ProblemDetail framework(Exception e, HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        HttpStatus code = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        Violation violation = null;
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            violation = new Violation(
                    "(method)",
                    method.getMethod() + " is not allowed here; allowed: " + method.getSupportedHttpMethods());
        } else if (e instanceof HttpMediaTypeNotSupportedException) {
            violation = new Violation("Content-Type", "must be " + MediaType.APPLICATION_JSON_VALUE);
        } else if (e instanceof HttpMediaTypeNotAcceptableException) {
            violation = new Violation("Accept", "none of the media types asked for can be given");
        } else if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            violation = new Violation("(path)", "no such resource");
        } else if (e instanceof MissingServletRequestParameterException missing) {
            violation = new Violation(missing.getParameterName(), "is required");
        } else if (e instanceof TypeMismatchException mismatch) {
            violation = new Violation(String.valueOf(mismatch.getPropertyName()), expected(mismatch.getRequiredType()));
        }
        return problem(code, violation);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Violation violation;
        if (e.getCause() instanceof CharacterCodingException) {
            violation = new Violation("(body)", "must be JSON in UTF-8, each character in its shortest form");
        } else if (e.getCause() instanceof JsonProcessingException json) {
            JsonFault fault = JsonFault.of(json);
            violation = new Violation(fault.path(), fault.message());
        } else {
            violation = new Violation("(body)", "a JSON body is required");
        }
        return ProblemResponses.problem(
                HttpStatus.BAD_REQUEST,
                "unreadable-request",
                "Unreadable request",
                violation.field() + ": " + violation.message(),
                List.of(violation));
    }

    /** A problem named after its status, as for the errors the framework or the container find. */
    static ProblemDetail problem(HttpStatus status, Violation violation) {
        String kind = switch (status) {
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case PAYLOAD_TOO_LARGE -> "request-too-large";
            default -> status.is5xxServerError() ? "internal-error" : "invalid-request";
        };
        Violation v = violation != null
                ? violation
                : new Violation(
                        "(request)",
                        status.is5xxServerError()
                                ? "the gateway failed; the error is logged"
                                : status.getReasonPhrase());
        return ProblemResponses.problem(
                status, kind, status.getReasonPhrase(), v.field() + ": " + v.message(), List.of(v));
    }

    private static String expected(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        return "is not a valid value";
    }

    /** problem+json whatever the Accept header asked for: a preset content type is not negotiated. */
    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders out = new HttpHeaders();
        if (headers != null) {
            out.putAll(headers);
        }
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, out, problem.getStatus());
    }
}
