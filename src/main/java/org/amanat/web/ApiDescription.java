package org.amanat.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The officers' API described as OpenAPI 3 (springdoc, from the controllers) at {@code /v3/api-docs}, with Swagger UI
 * at {@code /swagger-ui.html} for people signed in. Either way of signing in works for every operation; which roles
 * each takes is in the README and {@code org.amanat.security.EndpointRules}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {
    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    @Bean
    OpenAPI amanatApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Amanat gateway: the officers' API")
                                .version("v1")
                                .description(
                                        "Block and takedown notices to platforms, their delivery, and compliance. "
                                                + "Errors are RFC 9457 problem+json. Roles per endpoint: see the README, 'Sign-in and roles'."))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("a users file's name and password (or the demo profile's users)"))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("an access token of the site's OpenID Connect provider")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
