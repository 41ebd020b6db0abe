package org.amanat.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes the place of Spring Boot's error page (its JSON and its Whitelabel HTML) for what fails outside Spring MVC's
 * handlers, in a filter or the servlet container: the status goes to {@link ProblemHandler} like any other error.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly, /error is just a path that holds nothing
        throw new ErrorStatusException(status instanceof Integer code ? code : 404);
    }

    static final class ErrorStatusException extends RuntimeException {
        private final int status;

        ErrorStatusException(int status) {
            super("status " + status, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
