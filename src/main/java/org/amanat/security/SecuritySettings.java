package org.amanat.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings ({@code amanat.security.*}).
 *
 * @param usersFile the users file (YAML, bcrypt hashes) for HTTP Basic; none: no Basic sign-in outside the demo
 * @param jwt the OpenID Connect provider whose tokens the API takes; off unless {@code jwt.issuer} is set
 * @param throttle how failed sign-ins are slowed down
 */
@Validated
@ConfigurationProperties("amanat.security")
public record SecuritySettings(
        String usersFile,
        @Valid @NotNull @DefaultValue Jwt jwt,
        @Valid @NotNull @DefaultValue Throttle throttle) {

    /** The users file, or null when none is set (an empty setting is none). */
    public Path usersPath() {
        return usersFile == null || usersFile.isBlank() ? null : Path.of(usersFile);
    }

    /**
     * @param issuer the {@code iss} every token must carry (for example {@code https://id.ministry.example/realms/amanat})
     * @param jwkSetUri where the provider publishes its signing keys (JWKS)
     * @param audience the {@code aud} every token must include: this gateway's client id at the provider
     * @param rolesClaim the claim holding the roles, a list or a space-separated string; a dotted path reaches into
     *     an object ({@code realm_access.roles} for Keycloak's realm roles)
     * @param principalClaim the claim that names the person in the notices' history
     */
    public record Jwt(
            String issuer,
            String jwkSetUri,
            String audience,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String principalClaim) {
        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }

    /**
     * @param userFailures failed sign-ins in a row for one user name before it is held back
     * @param clientFailures failed sign-ins in a row from one client address before it is held back
     * @param firstDelay how long the first hold lasts; each further failure doubles it
     * @param maxDelay the longest hold
     * @param forgetAfter failures are forgotten after this long without one
     */
    public record Throttle(
            @DefaultValue("5") @Min(1) int userFailures,
            @DefaultValue("20") @Min(1) int clientFailures,
            @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("15m") Duration forgetAfter) {}
}
