package org.amanat.compliance.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180: a header, one CRLF-ended row per scorecard, a cell quoted when it holds a comma, quote or line break. */
class ScorecardCsvTest {
    private static final String HEADER =
            "partner_id,partner_name,from,to,as_of,notices,type_takedown,type_block,type_restore,"
                    + "type_withdrawal,urgency_urgent,urgency_standard,ack_due,ack_on_time,ack_late,ack_pending,ack_on_time_rate,"
                    + "ack_p50_seconds,ack_p95_seconds,action_due,action_on_time,action_late,action_pending,action_on_time_rate,"
                    + "action_p50_seconds,action_p95_seconds,breaches_ack,breaches_action,rejected,rejected_share,open_findings_critical,"
                    + "open_findings_high,open_findings_medium,open_findings_low,warning_letter,fine_amount,grade_score,grade\r\n";

    @Test
    void writesEveryFigureOfAScorecardInItsColumn() {
        assertThat(ScorecardCsv.write(List.of(ScorecardSamples.busy("globaltube", "GlobalTube"))))
                .isEqualTo(HEADER
                        + "globaltube,GlobalTube,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,2026-12-01T08:00:00Z,7,"
                        + "4,2,0,1,5,2,"
                        + "4,3,1,0,0.75,12.5,30.0,"
                        + "2,1,1,4,0.5,3600.0,7200.0,"
                        + "1,1,1,0.25,0,1,0,2,true,1500.50,61.5,D\r\n");
    }

    @Test
    void leavesWhatDoesNotExistEmptyAndCountsWhatDoesNotHappenAsZero() {
        assertThat(ScorecardCsv.write(List.of(ScorecardSamples.quiet("chirp", "Chirp"))))
                .isEqualTo(HEADER
                        + "chirp,Chirp,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,2026-12-01T08:00:00Z,0,0,0,0,0,0,0,"
                        + "0,0,0,0,,,,0,0,0,0,,,,0,0,0,,0,0,0,0,false,0,100.0,A\r\n");
    }

    @Test
    void quotesACellWithACommaAQuoteOrALineBreak() {
        String csv = ScorecardCsv.write(List.of(
                ScorecardSamples.quiet("a", "Say \"hi\""),
                ScorecardSamples.quiet("b", "One, two"),
                ScorecardSamples.quiet("c", "line\nbreak"),
                ScorecardSamples.quiet("d", "carriage\rreturn")));

        assertThat(csv).startsWith(HEADER);
        assertThat(csv.substring(HEADER.length()).split(",2026-11-01T00:00:00Z,.*?\r\n"))
                .containsExactly(
                        "a,\"Say \"\"hi\"\"\"", "b,\"One, two\"", "c,\"line\nbreak\"", "d,\"carriage\rreturn\"");
    }

    @Test
    void anEmptyListIsTheHeaderAlone() {
        assertThat(ScorecardCsv.write(List.of())).isEqualTo(HEADER);
    }
}
