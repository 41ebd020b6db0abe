package org.amanat.compliance;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.amanat.compliance.deadlines.Webhooks;
import org.amanat.protocol.Category;

/** Settings as application.yml has them, with a smaller scan page so that paging is exercised. */
public final class ComplianceFixtures {
    private ComplianceFixtures() {}

    public static ComplianceSettings settings(URI webhook, int scanBatch) {
        return new ComplianceSettings(
                true,
                Duration.ofSeconds(10),
                scanBatch,
                new ComplianceSettings.Escalation(
                        webhook,
                        webhook == null ? null : Webhooks.SECRET,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(10)),
                new ComplianceSettings.Probe(
                        Duration.ofHours(6), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofDays(7)),
                new ComplianceSettings.Sanctions(3, 6, "IDR", Map.of(Category.FRAUD, new BigDecimal("100000000"))));
    }
}
