package org.amanat.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A slice of the API around the given controllers (Spring's {@code @WebMvcTest}): the controllers, the one
 * problem+json handler, the strict JSON reading and the unknown-parameter check, as the gateway has them; no security,
 * no request filters, no ledger, no Camel. The services the controllers call are the test's mocks. It answers a
 * controller's statuses and problem shapes in milliseconds; the integration tests keep the whole path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.ASSIGNABLE_TYPE,
                        classes = {RateLimitFilter.class, RequestSizeLimitFilter.class}))
@AutoConfigureMockMvc(addFilters = false)
@Import({StrictJson.class, ProblemResponses.class})
public @interface ApiSlice {
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
