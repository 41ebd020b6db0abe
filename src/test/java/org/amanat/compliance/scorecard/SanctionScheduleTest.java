package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.amanat.compliance.ComplianceSettings;
import org.amanat.compliance.deadlines.BreachRecord;
import org.amanat.ledger.DeadlineKind;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.junit.jupiter.api.Test;

class SanctionScheduleTest {
    static final SanctionSchedule SCHEDULE = new SanctionSchedule(new ComplianceSettings.Sanctions(
            3, 5, "IDR", Map.of(Category.TERRORISM, new BigDecimal("500"), Category.OTHER, new BigDecimal("20"))));

    @Test
    void recommendsNothingBelowTheWarningThreshold() {
        assertThat(SCHEDULE.recommend(breaches(Category.OTHER, 2))).isEmpty();
    }

    @Test
    void recommendsAWarningLetterFromTheThresholdOn() {
        assertThat(SCHEDULE.recommend(breaches(Category.OTHER, 3)))
                .singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(Scorecard.SanctionKind.WARNING_LETTER));
    }

    @Test
    void finesEachBreachFromTheFineThresholdOnByItsCategory() {
        List<BreachRecord> breaches = new java.util.ArrayList<>(breaches(Category.OTHER, 4));
        breaches.add(breach(Category.TERRORISM));
        breaches.add(breach(Category.OTHER));

        var fine = SCHEDULE.recommend(breaches).get(1);

        // Breaches 5 (TERRORISM, 500) and 6 (OTHER, 20) are fined; the first four are not.
        assertThat(fine.kind()).isEqualTo(Scorecard.SanctionKind.ADMINISTRATIVE_FINE);
        assertThat(fine.breaches()).isEqualTo(2);
        assertThat(fine.amount()).isEqualByComparingTo("520");
        assertThat(fine.basis()).contains("1 x TERRORISM at 500", "1 x OTHER at 20");
    }

    @Test
    void finesExactlyFromTheFineThresholdOn() {
        // fineFrom 5: four breaches are warned of, not fined; the fifth is the first fined
        assertThat(SCHEDULE.recommend(breaches(Category.TERRORISM, 4)))
                .extracting(Scorecard.Sanction::kind)
                .containsExactly(Scorecard.SanctionKind.WARNING_LETTER);

        var sanctions = SCHEDULE.recommend(breaches(Category.TERRORISM, 5));

        assertThat(sanctions)
                .containsExactly(
                        new Scorecard.Sanction(
                                Scorecard.SanctionKind.WARNING_LETTER,
                                5,
                                null,
                                null,
                                "5 breaches in the period; a warning letter is due from 3"),
                        new Scorecard.Sanction(
                                Scorecard.SanctionKind.ADMINISTRATIVE_FINE,
                                1,
                                new BigDecimal("500"),
                                "IDR",
                                "breaches 5 to 5 of the period: 1 x TERRORISM at 500"));
    }

    @Test
    void aCategoryWithoutAFineCountsButCostsNothing() {
        var fine = SCHEDULE.recommend(breaches(Category.GAMBLING, 5)).get(1);

        assertThat(fine.amount()).isEqualByComparingTo("0");
        assertThat(fine.basis()).endsWith("1 x GAMBLING at 0");
    }

    private static List<BreachRecord> breaches(Category category, int count) {
        return IntStream.range(0, count).mapToObj(i -> breach(category)).toList();
    }

    private static BreachRecord breach(Category category) {
        Instant t = Instant.parse("2026-11-02T12:00:00Z");
        return new BreachRecord(
                1,
                "n",
                "p",
                DeadlineKind.ACTION,
                t,
                t,
                "late",
                NoticeType.TAKEDOWN,
                Urgency.URGENT,
                category,
                null,
                0,
                null);
    }
}
