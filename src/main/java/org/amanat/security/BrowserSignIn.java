package org.amanat.security;

import java.util.ArrayList;
import java.util.List;
import org.amanat.web.ProblemResponses;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The console's pages ({@link EndpointRules#BROWSER_PAGES}) on their own chain, because a browser signs in once and then
 * carries a session cookie: the sign-in page's form (the users file, the demo users; throttled by {@link FormSignInThrottle})
 * or the OpenID Connect provider's login ({@link OidcSignIn}, when {@code spring.security.oauth2.client.registration.*}
 * names one). A session cookie is what a page elsewhere can make a browser send, so every form here carries a CSRF
 * token and every state-changing request without one is refused. The rules are {@link EndpointRules}'s, as on the API.
 * The session is the pages' only: the API's chain never reads it.
 */
@Configuration(proxyBeanMethods = false)
class BrowserSignIn {
    static final String SIGN_IN_PAGE = "/login";

    @Bean
    @Order(1)
    SecurityFilterChain browserPages(
            HttpSecurity http,
            SecuritySettings settings,
            UserDetailsService passwordUsers,
            SignInThrottle throttle,
            ProblemResponses problemResponses,
            ListableBeanFactory beans,
            Environment environment,
            ObjectProvider<ClientRegistrationRepository> providers)
            throws Exception {
        boolean passwords = SecurityConfiguration.hasUsers(settings, environment);
        boolean oidc = providers.getIfAvailable() != null;
        SecurityProblems problems = new SecurityProblems(problemResponses, false, false);
        FormSignInThrottle formThrottle = new FormSignInThrottle(throttle);

        http.securityMatcher(EndpointRules.browserPages());
        SecurityConfiguration.authorize(http, beans);
        // the session id changes at sign-in (Spring Security's default), so a session fixed before it is worth nothing
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN_PAGE))
                        .accessDeniedHandler(problems.forPages()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(SIGN_IN_PAGE + "?signedOut"));
        SecurityConfiguration.headers(http);

        // one manager, so that each way in checks only its own credentials and nothing falls back to another
        List<AuthenticationProvider> ways = new ArrayList<>();
        if (passwords) {
            ways.add(SecurityConfiguration.passwords(passwordUsers));
            http.formLogin(form -> form.loginPage(SIGN_IN_PAGE)
                    .successHandler(formThrottle.successes())
                    .failureHandler(formThrottle.failures()));
            http.addFilterBefore(formThrottle, UsernamePasswordAuthenticationFilter.class);
        } else {
            http.formLogin(AbstractHttpConfigurer::disable);
        }
        if (oidc) {
            ways.add(OidcSignIn.provider(settings.jwt()));
            // PKCE for this confidential client too (RFC 9700 2.1.1): a code stolen on its way back is worth nothing
            DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(
                    providers.getObject(),
                    OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage(SIGN_IN_PAGE)
                    .successHandler(formThrottle.successes())
                    .failureHandler(formThrottle.failures())
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests)));
        }
        if (!ways.isEmpty()) {
            http.authenticationManager(new ProviderManager(ways));
        }
        return http.build();
    }
}
