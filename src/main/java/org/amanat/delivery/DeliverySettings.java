package org.amanat.delivery;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled whether this node delivers at all (an API-only node can switch it off)
 * @param pollInterval how often the outbox is checked for due notices
 * @param batchSize how many due notices one poll leases
 * @param lease how long a leased entry is this node's; after a crash, another node (or this one) takes it over
 * @param nodeId this node's name in leases; must differ between nodes sharing one database
 */
@Validated
@ConfigurationProperties("amanat.delivery")
public record DeliverySettings(
        boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(1000) int batchSize,
        @NotNull Duration lease,
        @NotBlank String nodeId) {}
