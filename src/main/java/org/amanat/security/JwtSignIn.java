package org.amanat.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.amanat.protocol.Texts;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens from the site's OpenID Connect provider: signed (RS256 or ES256) by a key of its JWKS, issued by
 * {@code issuer} for {@code audience}, with an expiry, within their validity (60 s of clock skew, on the gateway's clock), naming the
 * person in {@code principalClaim}. The roles come from {@code rolesClaim}; names that are not roles are ignored, so
 * a token without any is signed in but allowed nothing (403).
 */
final class JwtSignIn {
    private JwtSignIn() {}

    static JwtDecoder decoder(SecuritySettings.Jwt settings, Clock clock) {
        List<String> problems = new ArrayList<>();
        if (settings.jwkSetUri() == null || settings.jwkSetUri().isBlank()) {
            problems.add("amanat.security.jwt.jwk-set-uri: is required with an issuer (the provider's JWKS address)");
        }
        if (settings.audience() == null || settings.audience().isBlank()) {
            problems.add(
                    "amanat.security.jwt.audience: is required with an issuer (this gateway's client id at the provider)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid sign-in configuration:\n  " + String.join("\n  ", problems));
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())
                .jwsAlgorithms(algorithms -> {
                    algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256);
                    algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256);
                })
                .build();
        JwtTimestampValidator times = new JwtTimestampValidator();
        times.setClock(clock);
        // the timestamp validator checks exp only when there is one: a token must expire
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                expires,
                times,
                new JwtIssuerValidator(settings.issuer()),
                audience(settings.audience()),
                principal(settings.principalClaim()))));
        return decoder;
    }

    /** Its own, not the one of HTTP Basic: each way of signing in checks only its own credentials. */
    static AuthenticationManager authenticationManager(SecuritySettings.Jwt settings, Clock clock) {
        JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(decoder(settings, clock));
        tokens.setJwtAuthenticationConverter(authentication(settings));
        return new ProviderManager(tokens);
    }

    static Converter<Jwt, AbstractAuthenticationToken> authentication(SecuritySettings.Jwt settings) {
        return jwt -> new JwtAuthenticationToken(
                jwt, roles(jwt, settings.rolesClaim()), jwt.getClaimAsString(settings.principalClaim()));
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(
                        new OAuth2Error("invalid_token", "the token is not for this gateway (aud)", null));
    }

    /** The name goes into the notices' history and the signed notice: an identifier, as a users file's names are. */
    private static OAuth2TokenValidator<Jwt> principal(String claim) {
        return jwt -> namesThePerson(jwt.getClaims(), claim)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                        "invalid_token",
                        "the token's " + claim + " claim must name the person (an identifier of at most "
                                + UsersFile.MAX_NAME + ")",
                        null));
    }

    static boolean namesThePerson(Map<String, Object> claims, String claim) {
        return claims.get(claim) instanceof String name && Texts.identifierProblem(name, UsersFile.MAX_NAME) == null;
    }

    static Collection<GrantedAuthority> roles(Jwt jwt, String claimPath) {
        return roles(jwt.getClaims(), claimPath);
    }

    /** The roles named in the claims (a token's, or a browser sign-in's ID token and user info) at {@code claimPath}. */
    static Collection<GrantedAuthority> roles(Map<String, Object> claims, String claimPath) {
        Object value = claims;
        for (String part : claimPath.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            names.addAll(List.of(text.trim().split("\\s+")));
        }
        List<GrantedAuthority> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (names.contains(role.name())) {
                roles.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
        return roles;
    }
}
