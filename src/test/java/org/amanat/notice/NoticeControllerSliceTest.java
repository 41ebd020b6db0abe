package org.amanat.notice;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.StatusLedger;
import org.amanat.protocol.Violation;
import org.amanat.web.ApiSlice;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The officers' notice API as a slice: what each outcome of the services answers, and every problem's shape. */
@ApiSlice(NoticeController.class)
class NoticeControllerSliceTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String ID = "0195f3a0-0000-7000-8000-000000000001";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    NoticeIssuer issuer;

    @MockitoBean
    IdempotentNotices idempotent;

    @MockitoBean
    NoticeLedger ledger;

    @MockitoBean
    StatusLedger statuses;

    @Test
    void anUnknownNoticeIs404ProblemJsonNamingThePath() throws Exception {
        when(issuer.find(ID)).thenThrow(new NotFoundException("no notice " + ID));

        mvc.perform(get("/api/v1/notices/" + ID))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.errors[0].field").value("(path)"));
    }

    @Test
    void aKnownNoticeIsItsRecordWithoutTheEscapedJson() throws Exception {
        when(issuer.find(ID))
                .thenReturn(NoticeRecords.notice(ID)
                        .noticeJson("{\"noticeId\":\"" + ID + "\"}")
                        .build());

        mvc.perform(get("/api/v1/notices/" + ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ID))
                .andExpect(jsonPath("$.state").value("ISSUED"))
                .andExpect(jsonPath("$.notice.noticeId").value(ID))
                .andExpect(jsonPath("$.noticeJson").doesNotExist());
    }

    @Test
    void aBodyThatIsNotJsonIs400AndReachesNoService() throws Exception {
        mvc.perform(post("/api/v1/notices")
                        .principal(() -> "officer-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors").isNotEmpty());
        verifyNoInteractions(issuer, idempotent);
    }

    @Test
    void aFieldTheApiDoesNotKnowIsRefusedByName() throws Exception {
        mvc.perform(post("/api/v1/notices")
                        .principal(() -> "officer-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partnerId\":\"tube\",\"priority\":\"high\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("priority"));
        verifyNoInteractions(issuer, idempotent);
    }

    @Test
    void eachKindOfRefusalFromTheServiceAnswersItsStatusWithItsProblemTypeAndFields() throws Exception {
        for (var refusal : List.of(
                new Object[] {InvalidRequestException.Kind.INVALID, 422},
                new Object[] {InvalidRequestException.Kind.CONFLICT, 409},
                new Object[] {InvalidRequestException.Kind.FORBIDDEN, 403},
                new Object[] {InvalidRequestException.Kind.MALFORMED, 400})) {
            when(issuer.issue(any(), eq("officer-1")))
                    .thenThrow(new InvalidRequestException(
                            (InvalidRequestException.Kind) refusal[0],
                            "changed-meanwhile",
                            List.of(new Violation("relatesTo", "is no longer DELIVERED"))));

            mvc.perform(post("/api/v1/notices")
                            .principal(() -> "officer-1")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"partnerId\":\"tube\"}"))
                    .andExpect(status().is((int) refusal[1]))
                    .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                    .andExpect(jsonPath("$.type").value("urn:amanat:problem:changed-meanwhile"))
                    .andExpect(jsonPath("$.errors[0].field").value("relatesTo"))
                    .andExpect(jsonPath("$.errors[0].message").value("is no longer DELIVERED"));
        }
    }

    @Test
    void anIssuedNoticeIs201AtItsLocation() throws Exception {
        var notice = org.mockito.Mockito.mock(org.amanat.protocol.Notice.class);
        when(notice.noticeId()).thenReturn(ID);
        when(issuer.issue(any(), eq("officer-1"))).thenReturn(notice);
        when(issuer.find(ID)).thenReturn(NoticeRecords.notice(ID).build());

        mvc.perform(post("/api/v1/notices")
                        .principal(() -> "officer-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partnerId\":\"tube\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/notices/" + ID))
                .andExpect(jsonPath("$.id").value(ID));
    }

    @Test
    void pagingOutsideItsBoundsAndUnknownParametersAre400() throws Exception {
        mvc.perform(get("/api/v1/notices").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/v1/notices").param("page", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/api/v1/notices").param("colour", "red"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field", startsWith("colour")));
        mvc.perform(get("/api/v1/notices").param("state", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verifyNoInteractions(ledger);
    }
}
