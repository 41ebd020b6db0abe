package org.amanat.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amanat.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Deny by default: every request is decided by {@link EndpointRules}, or refused by {@link UnruledEndpoints}. The API
 * is stateless (HTTP Basic or a bearer token on every request, no session, no cookie; the console's pages have their
 * own chain with a session, {@link BrowserSignIn}); refusals are problem+json
 * ({@link SecurityProblems}); failed sign-ins are throttled ({@link SignInThrottle}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * Swagger UI needs its own scripts and inline styles; the monthly report inline styles. Nothing is framed, nothing
     * loads from elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SignInThrottle signInThrottle(SecuritySettings settings, Clock clock) {
        return new SignInThrottle(settings.throttle(), clock);
    }

    /** The people who sign in with a password: the users file's, and the demo profile's built-in users. */
    @Bean
    UserDetailsService passwordUsers(SecuritySettings settings, Environment environment) {
        List<UsersFile.User> users = new ArrayList<>();
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            users.addAll(DemoUsers.users());
        }
        if (settings.usersPath() != null) {
            Set<String> demo =
                    new HashSet<>(users.stream().map(UsersFile.User::name).toList());
            for (UsersFile.User user : UsersFile.read(settings.usersPath())) {
                if (demo.contains(user.name())) {
                    throw new IllegalStateException("invalid users file:\n  " + settings.usersPath() + ": "
                            + user.name() + " is a demo profile's built-in user; give it another name");
                }
                users.add(user);
            }
        }
        return new InMemoryUserDetailsManager(users.stream()
                .map(u -> User.withUsername(u.name())
                        .password(u.passwordHash())
                        .roles(u.roles().stream().map(Role::name).toArray(String[]::new))
                        .build())
                .toList());
    }

    /** After the browser chain ({@link BrowserSignIn}), for every request that is not a page. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain officersAndPartners(
            HttpSecurity http,
            SecuritySettings settings,
            UserDetailsService passwordUsers,
            SignInThrottle throttle,
            ProblemResponses problemResponses,
            ListableBeanFactory beans,
            Clock clock,
            Environment environment)
            throws Exception {
        boolean basic = hasUsers(settings, environment);
        boolean bearer = settings.jwt().enabled();
        describe(settings, environment, bearer);
        SecurityProblems problems = new SecurityProblems(problemResponses, basic, bearer);

        authorize(http, beans);
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(new BrowserWrites()))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        headers(http);
        if (basic) {
            http.authenticationManager(new ProviderManager(passwords(passwordUsers)))
                    .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(problems));
        } else {
            http.httpBasic(AbstractHttpConfigurer::disable);
        }
        if (bearer) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.authenticationManager(JwtSignIn.authenticationManager(settings.jwt(), clock))));
        }
        http.addFilterBefore(new SignInThrottleFilter(throttle, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** The same on both chains: {@link EndpointRules}, then {@link UnruledEndpoints}. */
    static void authorize(HttpSecurity http, ListableBeanFactory beans) throws Exception {
        http.authorizeHttpRequests(authorize -> {
            for (EndpointRules.Rule rule : EndpointRules.all()) {
                var requests = authorize.requestMatchers(rule.matcher());
                if (rule.open()) {
                    requests.permitAll();
                } else {
                    requests.hasAnyRole(
                            rule.roles().stream().map(Role::name).sorted().toArray(String[]::new));
                }
            }
            authorize.anyRequest().access(new UnruledEndpoints(beans));
        });
    }

    /** The same on both chains. Cache-Control: no-cache, no-store, max-age=0, must-revalidate is Spring Security's default. */
    static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frames -> frames.deny())
                // written on HTTPS requests only (Spring Security's rule), as HSTS must be
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                        .maxAgeInSeconds(Duration.ofDays(365).toSeconds())));
    }

    /** Passwords checked against the bcrypt hashes of the users file and the demo users: HTTP Basic's and the login form's. */
    static DaoAuthenticationProvider passwords(UserDetailsService passwordUsers) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(passwordUsers);
        passwords.setPasswordEncoder(new BCryptPasswordEncoder());
        return passwords;
    }

    static boolean hasUsers(SecuritySettings settings, Environment environment) {
        return settings.usersPath() != null || environment.acceptsProfiles(Profiles.of("demo"));
    }

    private static void describe(SecuritySettings settings, Environment environment, boolean bearer) {
        List<String> ways = new ArrayList<>();
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            ways.add("the demo profile's built-in users (DEMO ONLY)");
        }
        if (settings.usersPath() != null) {
            ways.add("HTTP Basic with the users file " + settings.usersPath());
        }
        if (bearer) {
            ways.add("bearer tokens of " + settings.jwt().issuer() + " for audience "
                    + settings.jwt().audience());
        }
        if (ways.isEmpty()) {
            log.warn("sign-in: nobody can sign in (set amanat.security.users-file or amanat.security.jwt.*); "
                    + "only /partner/** and /actuator/health answer");
        } else {
            log.info("sign-in: {}", String.join("; ", ways));
        }
    }
}
