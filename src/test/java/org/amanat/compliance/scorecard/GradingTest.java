package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.amanat.compliance.probe.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grade of docs/compliance.md, each figure worked out by hand in the comment beside it. */
class GradingTest {

    @Test
    void weighsActionAtSeventyAndAcknowledgementAtThirtyPercent() {
        // 100 x (0.3 x 0.9 + 0.7 x 0.8) = 27 + 56 = 83.0
        assertThat(Grading.grade(0.9, 0.8, Map.of())).isEqualTo(new Scorecard.Grade(83.0, "B"));
        // the other way round: 100 x (0.3 x 0.8 + 0.7 x 0.9) = 24 + 63 = 87.0
        assertThat(Grading.grade(0.8, 0.9, Map.of())).isEqualTo(new Scorecard.Grade(87.0, "B"));
    }

    @Test
    void aMissingRateGivesItsWeightToTheOther() {
        assertThat(Grading.grade(null, 0.75, Map.of())).isEqualTo(new Scorecard.Grade(75.0, "C"));
        assertThat(Grading.grade(0.65, null, Map.of())).isEqualTo(new Scorecard.Grade(65.0, "D"));
    }

    @Test
    void nothingDueIsAFullScore() {
        assertThat(Grading.grade(null, null, Map.of())).isEqualTo(new Scorecard.Grade(100.0, "A"));
    }

    @Test
    void deductsTenPerCriticalFivePerHighTwoPerMediumAndNothingForLow() {
        // 100 - 1 x 10 - 2 x 5 - 3 x 2 - 4 x 0 = 74
        assertThat(Grading.grade(
                        1.0,
                        1.0,
                        Map.of(Severity.CRITICAL, 1L, Severity.HIGH, 2L, Severity.MEDIUM, 3L, Severity.LOW, 4L)))
                .isEqualTo(new Scorecard.Grade(74.0, "C"));
    }

    @Test
    void neverGoesBelowZero() {
        // 100 x 0.5 - 6 x 10 = -10, floored
        assertThat(Grading.grade(0.5, 0.5, Map.of(Severity.CRITICAL, 6L))).isEqualTo(new Scorecard.Grade(0.0, "E"));
    }

    @Test
    void roundsToOneDecimal() {
        // 100 x (0.3 x 1/3 + 0.7 x 2/3) = 10 + 46.666... = 56.666... -> 56.7
        assertThat(Grading.grade(1.0 / 3, 2.0 / 3, Map.of())).isEqualTo(new Scorecard.Grade(56.7, "E"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.9, A", "0.899, B", "0.8, B", "0.799, C", "0.7, C", "0.699, D", "0.6, D", "0.599, E"})
    void lettersStartAtNinetyEightySeventyAndSixty(double actionRate, String letter) {
        assertThat(Grading.grade(null, actionRate, Map.of()).letter()).isEqualTo(letter);
    }
}
