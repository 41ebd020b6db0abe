package org.amanat.partner;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the partner profiles and the ministry's keys are.
 *
 * @param configDir the folder of partner profiles
 * @param ministryKeys per algorithm profile, the ministry's signing and encryption PKCS#12 files
 * @param ministryTlsClient the PKCS#12 presented to partners that ask for mutual TLS
 * @param keyPassword the password of the ministry's PKCS#12 files; set it from the environment
 *     ({@code AMANAT_KEY_PASSWORD}), never in a committed file
 */
@Validated
@ConfigurationProperties("amanat")
public record PartnerSettings(
        @NotNull Path configDir,
        @NotEmpty Map<AlgorithmProfile, @Valid KeyFiles> ministryKeys,
        @NotNull Path ministryTlsClient,
        @NotNull String keyPassword) {

    public record KeyFiles(@NotNull Path signing, @NotNull Path encryption) {}

    @Override
    public String toString() {
        return "PartnerSettings[configDir=" + configDir + ", ministryKeys=" + ministryKeys + ", password=***]";
    }
}
