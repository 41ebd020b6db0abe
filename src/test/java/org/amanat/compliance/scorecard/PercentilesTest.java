package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nearest rank: the smallest value with at least p of the values at or below it. */
class PercentilesTest {
    /** 1 to 10 seconds, out of order. */
    private static final long[] TEN = {7000, 1000, 10000, 3000, 5000, 2000, 9000, 4000, 8000, 6000};

    @Test
    void noValuesHaveNoPercentile() {
        assertThat(Percentiles.seconds(new long[0], 0.5)).isNull();
    }

    @Test
    void theMedianOfTenIsTheFifth() {
        // rank = ceil(0.5 x 10) = 5
        assertThat(Percentiles.seconds(TEN, 0.5)).isEqualTo(5.0);
    }

    @Test
    void aFractionalRankRoundsUp() {
        // rank = ceil(0.95 x 10) = ceil(9.5) = 10; ceil(0.85 x 10) = 9
        assertThat(Percentiles.seconds(TEN, 0.95)).isEqualTo(10.0);
        assertThat(Percentiles.seconds(TEN, 0.85)).isEqualTo(9.0);
    }

    @Test
    void theZerothPercentileIsTheSmallest() {
        assertThat(Percentiles.seconds(TEN, 0.0)).isEqualTo(1.0);
    }

    @Test
    void answersInSecondsWithTheMilliseconds() {
        assertThat(Percentiles.seconds(new long[] {1500}, 0.5)).isEqualTo(1.5);
    }

    @Test
    void leavesTheCallersValuesInTheirOrder() {
        long[] values = {3000, 1000, 2000};

        Percentiles.seconds(values, 0.5);

        assertThat(values).containsExactly(3000, 1000, 2000);
    }
}
