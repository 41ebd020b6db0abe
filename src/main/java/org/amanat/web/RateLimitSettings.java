package org.amanat.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests each caller may make per period (application.yml, {@code amanat.rate-limits}). Counted by each
 * gateway node for itself: behind a load balancer of n nodes a caller may make up to n times as many.
 *
 * @param officer per person signed in, on the officers' API ({@code /api/**})
 * @param partner per partner, on the partner endpoint ({@code /partner/**})
 */
@ConfigurationProperties("amanat.rate-limits")
public record RateLimitSettings(
        @DefaultValue Limit officer, @DefaultValue Limit partner) {

    /** {@code requests} in each period of {@code per}; the next period starts afresh. */
    public record Limit(
            @DefaultValue("20") int requests,
            @DefaultValue("1s") Duration per) {
        public Limit {
            if (requests < 1) {
                throw new IllegalArgumentException("amanat.rate-limits: requests must be at least 1, not " + requests);
            }
            if (per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("amanat.rate-limits: per must be a positive duration, not " + per);
            }
        }

        @Override
        public String toString() {
            return requests + " requests per " + per.toString().substring(2).toLowerCase();
        }
    }
}
