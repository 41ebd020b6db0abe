package org.amanat.compliance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.amanat.protocol.Category;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param jobsEnabled whether this node runs the deadline watch, escalations and security probe (any one node may,
 *     the database lock keeps each job to one node at a time)
 * @param deadlineScanInterval how often passed deadlines are looked for; a breach is found at most this late
 * @param deadlineScanBatch notices read per page of a scan
 */
@Validated
@ConfigurationProperties("amanat.compliance")
public record ComplianceSettings(
        boolean jobsEnabled,
        @NotNull Duration deadlineScanInterval,
        @Min(1) int deadlineScanBatch,
        @Valid @NotNull Escalation escalation,
        @Valid @NotNull Probe probe,
        @Valid @NotNull Sanctions sanctions) {

    /**
     * The webhook each breach raises, signed as Standard Webhooks does it (HMAC-SHA256 over id, timestamp and body).
     *
     * @param webhookUrl where breaches are posted; none when empty
     * @param webhookSecret {@code whsec_} followed by the base64 key shared with the receiver
     * @param retryInterval the first wait after a failed post; it doubles up to {@code maxRetryInterval}
     */
    public record Escalation(
            URI webhookUrl,
            String webhookSecret,
            @NotNull Duration interval,
            @NotNull Duration timeout,
            @NotNull Duration retryInterval,
            @NotNull Duration maxRetryInterval) {

        public boolean webhookConfigured() {
            return webhookUrl != null && !webhookUrl.toString().isBlank();
        }
    }

    /**
     * @param interval how often every partner is probed
     * @param firstDelay when the first round starts after start-up
     * @param timeout connect and handshake limit of one TLS probe
     * @param algorithmLookback the probe judges the algorithms partners used in this recent window
     */
    public record Probe(
            @NotNull Duration interval,
            @NotNull Duration firstDelay,
            @NotNull Duration timeout,
            @NotNull Duration algorithmLookback) {}

    /**
     * Recommendations only; nothing is sent.
     *
     * @param warningLetterAfter this many breaches in a period recommend a warning letter
     * @param fineFrom this breach in a period, and each one after it, recommends a fine
     * @param finePerBreach the fine by category of the breached notice
     */
    public record Sanctions(
            @Min(1) int warningLetterAfter,
            @Min(1) int fineFrom,
            @NotBlank String currency,
            @NotNull Map<Category, BigDecimal> finePerBreach) {}
}
