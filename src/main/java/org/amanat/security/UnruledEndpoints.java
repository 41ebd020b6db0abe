package org.amanat.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The last rule, for requests no rule of {@link EndpointRules} names. An endpoint the application maps (its own
 * controllers, the Camel routes, the actuator, the API description) is refused to everyone: it was added without a
 * rule. Anything else is no endpoint at all: a person signed in gets its 404 or 405 problem, anyone else 401, so
 * nothing tells an anonymous caller which paths exist.
 */
final class UnruledEndpoints implements AuthorizationManager<RequestAuthorizationContext> {
    private final ListableBeanFactory beans;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private volatile List<RequestMappingInfoHandlerMapping> mappings;

    UnruledEndpoints(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        boolean signedIn = who != null && who.isAuthenticated() && !trust.isAnonymous(who);
        return new AuthorizationDecision(signedIn && !isMapped(context.getRequest()));
    }

    /** Fails closed: a mapping that cannot tell counts as an endpoint. */
    private boolean isMapped(HttpServletRequest request) {
        // the handler mappings read the parsed path that DispatcherServlet would cache; put back what was there
        Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            for (RequestMappingInfoHandlerMapping mapping : mappings()) {
                try {
                    if (mapping.getHandler(request) != null) {
                        return true;
                    }
                } catch (HttpRequestMethodNotSupportedException
                        | HttpMediaTypeException
                        | UnsatisfiedServletRequestParameterException noMatch) {
                    // a path mapped for other methods or media types: Spring MVC answers 405, 415 or 400 for it
                } catch (Exception unknown) {
                    return true;
                }
            }
            return false;
        } finally {
            if (parsed == null) {
                request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
            }
        }
    }

    /** Looked up at the first request: the handler mappings are made after the security filter chain. */
    private List<RequestMappingInfoHandlerMapping> mappings() {
        if (mappings == null) {
            mappings = List.copyOf(
                    beans.getBeansOfType(RequestMappingInfoHandlerMapping.class).values());
        }
        return mappings;
    }
}
