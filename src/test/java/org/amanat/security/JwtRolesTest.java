package org.amanat.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesTest {

    @Test
    void readsRolesFromAListAStringOrAPathAndIgnoresOtherNames() {
        assertThat(roles(Map.of("roles", List.of("OFFICER", "admin", "AUDITOR")), "roles"))
                .containsExactly("ROLE_OFFICER", "ROLE_AUDITOR");
        assertThat(roles(Map.of("scope", "openid COMPLIANCE"), "scope")).containsExactly("ROLE_COMPLIANCE");
        assertThat(roles(Map.of("realm_access", Map.of("roles", List.of("APPROVER"))), "realm_access.roles"))
                .containsExactly("ROLE_APPROVER");
        assertThat(roles(Map.of("realm_access", "APPROVER"), "realm_access.roles"))
                .isEmpty();
        assertThat(roles(Map.of("other", "x"), "roles")).isEmpty();
    }

    private static List<String> roles(Map<String, Object> claims, String path) {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .issuedAt(Instant.EPOCH)
                .build();
        return JwtSignIn.roles(jwt, path).stream()
                .map(GrantedAuthority::getAuthority)
                .toList();
    }
}
