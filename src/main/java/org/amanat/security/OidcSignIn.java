package org.amanat.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A browser signed in by the OpenID Connect provider (authorization code flow; Spring Security checks the ID token's
 * signature, issuer, audience, validity and nonce). The person and the roles are read as for the API's tokens
 * ({@code amanat.security.jwt.principal-claim} and {@code roles-claim}), from the ID token and, when the provider
 * gives one, the user info: the same person has the same roles on the console and the API.
 */
final class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OidcUserService provider = new OidcUserService();
    private final SecuritySettings.Jwt claims;

    private OidcSignIn(SecuritySettings.Jwt claims) {
        this.claims = claims;
    }

    static AuthenticationProvider provider(SecuritySettings.Jwt claims) {
        return new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), new OidcSignIn(claims));
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        if (!JwtSignIn.namesThePerson(user.getClaims(), claims.principalClaim())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    "invalid_id_token",
                    "the " + claims.principalClaim() + " claim must name the person (an identifier of at most "
                            + UsersFile.MAX_NAME + ")",
                    null));
        }
        return new DefaultOidcUser(
                JwtSignIn.roles(user.getClaims(), claims.rolesClaim()),
                user.getIdToken(),
                user.getUserInfo(),
                claims.principalClaim());
    }
}
