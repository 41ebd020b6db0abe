package org.amanat.notice;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which notices wait for a second person's approval before they are sealed and sent (four-eyes).
 *
 * @param enabled false: nothing is held (for a site with one officer, or tests of delivery alone)
 * @param holdUrgent hold every URGENT notice
 * @param holdDomainBlocks hold every BLOCK that names a DOMAIN item (a whole site goes dark)
 * @param holdOverItems hold every notice of more items than this
 */
@Validated
@ConfigurationProperties("amanat.approval")
record ApprovalSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("true") boolean holdUrgent,
        @DefaultValue("true") boolean holdDomainBlocks,
        @DefaultValue("100") @Min(0) int holdOverItems) {}
