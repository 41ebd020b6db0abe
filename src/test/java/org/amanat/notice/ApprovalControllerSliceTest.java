package org.amanat.notice;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.amanat.ledger.ApprovalLedger;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusLedger;
import org.amanat.protocol.Violation;
import org.amanat.web.ApiSlice;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The approval API as a slice: decisions, their refusals, and the waiting list's paging. */
@ApiSlice(ApprovalController.class)
class ApprovalControllerSliceTest {
    private static final String ID = "0195f3a0-0000-7000-8000-000000000002";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    NoticeApprovals approvals;

    @MockitoBean
    ApprovalLedger waiting;

    @MockitoBean
    NoticeIssuer issuer;

    @MockitoBean
    NoticeLedger ledger;

    @MockitoBean
    StatusLedger statuses;

    @Test
    void anApprovalAnswersTheNoticeAsItNowIs() throws Exception {
        when(issuer.find(ID)).thenReturn(NoticeRecords.notice(ID).build());

        mvc.perform(post("/api/v1/notices/" + ID + "/approval").principal(() -> "approver-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ID))
                .andExpect(jsonPath("$.state").value("ISSUED"));
    }

    @Test
    void approvingOnesOwnNoticeIs403AndADecidedOneIs409() throws Exception {
        doThrow(new InvalidRequestException(
                        InvalidRequestException.Kind.FORBIDDEN,
                        "own-notice",
                        List.of(new Violation("(request)", "a second person must approve it"))))
                .when(approvals)
                .approve(ID, "officer-1");
        doThrow(new InvalidRequestException(
                        InvalidRequestException.Kind.CONFLICT,
                        "not-pending",
                        List.of(new Violation("state", "is DECLINED"))))
                .when(approvals)
                .approve(ID, "approver-2");

        mvc.perform(post("/api/v1/notices/" + ID + "/approval").principal(() -> "officer-1"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:amanat:problem:own-notice"));
        mvc.perform(post("/api/v1/notices/" + ID + "/approval").principal(() -> "approver-2"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:amanat:problem:not-pending"))
                .andExpect(jsonPath("$.errors[0].field").value("state"));
    }

    @Test
    void aDeclineNeedsABodyAndReadsItsReason() throws Exception {
        when(issuer.find(ID))
                .thenReturn(NoticeRecords.notice(ID).state(NoticeState.DECLINED).build());

        mvc.perform(post("/api/v1/notices/" + ID + "/decline")
                        .principal(() -> "approver-1")
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        verifyNoInteractions(approvals);

        mvc.perform(post("/api/v1/notices/" + ID + "/decline")
                        .principal(() -> "approver-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"The court order was lifted.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("DECLINED"));
        org.mockito.Mockito.verify(approvals).decline(eq(ID), eq("approver-1"), any());
    }

    @Test
    void theWaitingListPagesAsEveryListDoes() throws Exception {
        mvc.perform(get("/api/v1/approvals").param("size", "1001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        verifyNoInteractions(waiting);
    }
}
