package org.amanat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amanat.protocol.Violation;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter the endpoint does not take (400), as an unknown body field is refused: a misspelt
 * filter ({@code ?partnr=chirp}) would otherwise silently answer about every partner.
 */
@Component
class UnknownParameters implements HandlerInterceptor, WebMvcConfigurer {
    private static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    private final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Set<String> given = request.getParameterMap().keySet();
        // Tomcat drops a parameter it cannot decode (?page=%ZZ), noting it in this attribute, rather than refusing it
        if (request.getAttribute(PARSE_FAILED) != null) {
            throw new InvalidRequestException(
                    InvalidRequestException.Kind.MALFORMED,
                    "invalid-parameter",
                    List.of(new Violation("(query)", "cannot be decoded: percent-encode it as UTF-8")));
        }
        Set<String> known = known(method);
        List<Violation> unknown = given.stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .map(name -> new Violation(name, "unknown parameter"))
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(InvalidRequestException.Kind.MALFORMED, "invalid-parameter", unknown);
        }
        return true;
    }

    private Set<String> known(HandlerMethod method) {
        Set<String> known = new HashSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameter.initParameterNameDiscovery(names);
                known.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
            }
        }
        return known;
    }
}
