package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** Periods in UTC from a month, dates or instants; the current month (by the injected clock) when none is given. */
class ReportPeriodTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-14T23:30:00Z"), ZoneOffset.UTC);

    @Test
    void aMonthRunsFromItsFirstDayToTheNextMonthsFirstDay() {
        assertThat(ReportPeriod.month("2026-11")).isEqualTo(period("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertThat(ReportPeriod.month("2026-12")).isEqualTo(period("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        assertThat(ReportPeriod.month("1970-01").from()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void refusesAnythingButAMonthFrom1970On() {
        for (String month : new String[] {"2026-13", "1969-12", "2026-1", "2026/11", "x"}) {
            assertThatThrownBy(() -> ReportPeriod.month(month))
                    .as(month)
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.getMessage())
                                    .contains("'" + month + "' is not a month like 2026-11, from 1970-01 to 9999-12"));
        }
    }

    @Test
    void theDefaultIsTheCurrentMonth() {
        assertThat(ReportPeriod.of(null, null, CLOCK))
                .isEqualTo(period("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(ReportPeriod.of("2026-02-10", null, CLOCK))
                .isEqualTo(period("2026-02-10T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(ReportPeriod.of(null, "2026-02-10T12:00:00Z", CLOCK))
                .isEqualTo(period("2026-02-01T00:00:00Z", "2026-02-10T12:00:00Z"));
    }

    @Test
    void takesADateAsItsStartOfDayAndAnInstantAsItIs() {
        assertThat(ReportPeriod.of("2026-01-05", "2026-01-06T06:00:00Z", CLOCK))
                .isEqualTo(period("2026-01-05T00:00:00Z", "2026-01-06T06:00:00Z"));
    }

    @Test
    void refusesAnEmptyOrBackwardPeriod() {
        assertThatThrownBy(() -> ReportPeriod.of("2026-01-05", "2026-01-05", CLOCK))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must be after from (2026-01-05T00:00:00Z)");
        assertThatThrownBy(() -> ReportPeriod.of("2026-01-06", "2026-01-05", CLOCK))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void refusesTextThatIsNeitherADateNorAnInstant() {
        assertThatThrownBy(() -> ReportPeriod.of("yesterday", null, CLOCK))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("'yesterday' is neither a date"));
    }

    @Test
    void refusesTimesOutsideTheLedgersYears() {
        assertThatThrownBy(() -> ReportPeriod.of("1969-12-31T23:59:59Z", null, CLOCK))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must be between 1970-01-01 and 9999-12-31");
        assertThatThrownBy(() -> ReportPeriod.of(null, "9999-12-31T00:00:01Z", CLOCK))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(ReportPeriod.of("1970-01-01T00:00:00Z", "9999-12-31T00:00:00Z", CLOCK)
                        .to())
                .isEqualTo(Instant.parse("9999-12-31T00:00:00Z"));
    }

    @Test
    void isNamedByItsDates() {
        assertThat(ReportPeriod.month("2026-11").name()).isEqualTo("2026-11-01_2026-12-01");
    }

    private static ReportPeriod period(String from, String to) {
        return new ReportPeriod(Instant.parse(from), Instant.parse(to));
    }
}
