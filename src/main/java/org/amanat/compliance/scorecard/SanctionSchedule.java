package org.amanat.compliance.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.compliance.deadlines.BreachRecord;
import org.amanat.protocol.Category;

/**
 * Turns a period's breaches into recommended sanctions: a warning letter from the
 * {@code warningLetterAfter}-th breach, then a fine for the {@code fineFrom}-th breach and each one
 * after it, by the breached notice's category. Recommendations only.
 */
final class SanctionSchedule {
    private final ComplianceSettings.Sanctions settings;

    SanctionSchedule(ComplianceSettings.Sanctions settings) {
        this.settings = settings;
    }

    /** @param breaches the partner's breaches in the period, in deadline order */
    List<Scorecard.Sanction> recommend(List<BreachRecord> breaches) {
        List<Scorecard.Sanction> sanctions = new ArrayList<>();
        if (breaches.size() >= settings.warningLetterAfter()) {
            sanctions.add(new Scorecard.Sanction(
                    Scorecard.SanctionKind.WARNING_LETTER,
                    breaches.size(),
                    null,
                    null,
                    breaches.size() + " breaches in the period; a warning letter is due from "
                            + settings.warningLetterAfter()));
        }
        if (breaches.size() >= settings.fineFrom()) {
            List<BreachRecord> fined = breaches.subList(settings.fineFrom() - 1, breaches.size());
            Map<Category, Integer> byCategory = new TreeMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (BreachRecord breach : fined) {
                Category category = breach.category();
                byCategory.merge(category, 1, Integer::sum);
                total = total.add(fine(category));
            }
            List<String> parts = new ArrayList<>();
            byCategory.forEach((category, count) ->
                    parts.add(count + " x " + category + " at " + fine(category).toPlainString()));
            sanctions.add(new Scorecard.Sanction(
                    Scorecard.SanctionKind.ADMINISTRATIVE_FINE,
                    fined.size(),
                    total,
                    settings.currency(),
                    "breaches " + settings.fineFrom() + " to " + breaches.size() + " of the period: "
                            + String.join(", ", parts)));
        }
        return sanctions;
    }

    private BigDecimal fine(Category category) {
        return settings.finePerBreach().getOrDefault(category, BigDecimal.ZERO);
    }
}
