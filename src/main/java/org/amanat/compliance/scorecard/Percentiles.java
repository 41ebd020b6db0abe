package org.amanat.compliance.scorecard;

import java.util.Arrays;

/** Nearest-rank percentiles: the smallest value with at least p of the values at or below it. */
final class Percentiles {
    private Percentiles() {}

    /** @return the percentile of {@code millis} in seconds, or null if there are none */
    static Double seconds(long[] millis, double p) {
        if (millis.length == 0) {
            return null;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1000.0;
    }
}
