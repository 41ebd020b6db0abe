package org.amanat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Until sign-in exists: a request's {@value #HEADER} header names its principal, so that tests can act as
 * different people. Test code only; imported by the tests that need it.
 */
public class TestPeople {
    public static final String HEADER = "Test-Person";

    @Bean
    FilterRegistrationBean<Filter> testPeople() {
        Filter filter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String name = http.getHeader(HEADER);
            chain.doFilter(name == null ? request : new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> name;
                }
            }, response);
        };
        return new FilterRegistrationBean<>(filter);
    }
}
