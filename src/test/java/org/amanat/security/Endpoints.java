package org.amanat.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the application maps, as its request mappings say (its own controllers, the Camel routes, the
 * actuator, the API description), each with a concrete path to call and the rule of {@link EndpointRules} that
 * decides it (the first that matches, as Spring Security takes them).
 */
final class Endpoints {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");
    /** A mapping without methods takes any; these stand for it. */
    private static final List<HttpMethod> ANY = List.of(HttpMethod.GET, HttpMethod.POST);

    record Endpoint(HttpMethod method, String pattern, String path, Optional<EndpointRules.Rule> rule) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Endpoints() {}

    static List<Endpoint> of(ApplicationContext context) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                List<HttpMethod> methods =
                        info.getMethodsCondition().getMethods().isEmpty()
                                ? ANY
                                : info.getMethodsCondition().getMethods().stream()
                                        .map(RequestMethod::asHttpMethod)
                                        .toList();
                for (String pattern : info.getPatternValues()) {
                    for (HttpMethod method : methods) {
                        if (seen.add(method + " " + pattern)) {
                            String path = samplePath(pattern);
                            endpoints.add(new Endpoint(method, pattern, path, ruleFor(method, path)));
                        }
                    }
                }
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern)
                .thenComparing(e -> e.method().name()));
        return endpoints;
    }

    /** The rule Spring Security applies to this request: the first in the table that matches it. */
    static Optional<EndpointRules.Rule> ruleFor(HttpMethod method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
        return EndpointRules.all().stream()
                .filter(rule -> rule.matcher().matches(request))
                .findFirst();
    }

    /** A path the pattern matches: a notice id that is no notice, a partner that does not exist, a month. */
    static String samplePath(String pattern) {
        String path = pattern.replace("/**", "/x");
        Matcher variables = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (variables.find()) {
            String sample = switch (variables.group(1)) {
                case "id" -> UUID.randomUUID().toString();
                case "month" -> "2026-11";
                case "partnerId" -> "nobody";
                default -> "x";
            };
            variables.appendReplacement(out, sample);
        }
        variables.appendTail(out);
        return out.toString();
    }
}
