package org.amanat.compliance;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import org.amanat.compliance.deadlines.Breaches;
import org.amanat.compliance.probe.SecurityFindings;
import org.amanat.compliance.probe.SecurityProbe;
import org.amanat.compliance.scorecard.MonthlyReport;
import org.amanat.compliance.scorecard.ScorecardSamples;
import org.amanat.compliance.scorecard.Scorecards;
import org.amanat.partner.PartnerDirectory;
import org.amanat.web.ApiSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The compliance API as a slice: formats, periods and partners it refuses, and the shapes of what it answers. The
 * periods are given, or what the mocked scorecards say does not depend on them: no test here meets the calendar.
 */
@ApiSlice(ComplianceController.class)
class ComplianceControllerSliceTest {
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Scorecards scorecards;

    @MockitoBean
    Breaches breaches;

    @MockitoBean
    SecurityFindings findings;

    @MockitoBean
    SecurityProbe probe;

    @MockitoBean
    MonthlyReport report;

    @MockitoBean
    PartnerDirectory partners;

    @Test
    void scorecardsAreJsonAndCsvOnAskingWithTheFileNamed() throws Exception {
        when(scorecards.all(any(), any())).thenReturn(List.of(ScorecardSamples.busy("globaltube", "GlobalTube")));

        mvc.perform(get("/api/v1/compliance/scorecards")
                        .param("from", "2026-11-01")
                        .param("to", "2026-12-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].partnerId").value("globaltube"))
                .andExpect(jsonPath("$[0].noticesByType.TAKEDOWN").value(4))
                .andExpect(jsonPath("$[0].breachesByKind.ACK").value(1));
        mvc.perform(get("/api/v1/compliance/scorecards").header("Accept", "text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("scorecards_")))
                .andExpect(content().string(containsString("globaltube")));
    }

    @Test
    void aPeriodThatEndsBeforeItBeginsIs400NamingTo() throws Exception {
        mvc.perform(get("/api/v1/compliance/scorecards")
                        .param("from", "2026-12-01")
                        .param("to", "2026-11-01"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        verifyNoInteractions(scorecards);
    }

    @Test
    void aReportOfAMonthThatIsNoneOrInAFormatItHasNotIs400() throws Exception {
        mvc.perform(get("/api/v1/compliance/reports/2026-13"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("period"));
        mvc.perform(get("/api/v1/compliance/reports/2026-11").param("format", "pdf"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
    }

    @Test
    void anUnknownPartnerIs404AndIsNotProbed() throws Exception {
        when(partners.find("nobody")).thenReturn(Optional.empty());

        mvc.perform(post("/api/v1/compliance/probes/nobody"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verifyNoInteractions(probe);
    }
}
