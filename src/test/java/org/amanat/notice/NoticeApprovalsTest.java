package org.amanat.notice;

import static org.amanat.notice.NoticeIssuerTest.NOW;
import static org.amanat.notice.NoticeIssuerTest.PARTNERS;
import static org.amanat.notice.NoticeIssuerTest.TAKEDOWN;
import static org.amanat.notice.NoticeIssuerTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.amanat.ledger.ApprovalLedger;
import org.amanat.ledger.ApprovalLedger.Decision;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Urgency;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The second pair of eyes over a stand-in ledger: what an approval records (the deadlines from the approval, not from
 * the request), who may decide, and how each refusal reads. The ledger's own guard is {@code ApprovalRaceIT}'s.
 */
class NoticeApprovalsTest {
    private static final String ID = "01a20000-0000-7000-8000-0000000000a1";
    /** Two hours after the officer asked: the deadlines run from here. */
    private static final Instant APPROVED_AT = NOW.plus(Duration.ofHours(2));

    private final Clock clock = Clock.fixed(APPROVED_AT, ZoneOffset.UTC);
    private final NoticeLedger ledger = mock(NoticeLedger.class);
    private final ApprovalLedger decisions = mock(ApprovalLedger.class);
    private final NoticeIssuer issuer = new NoticeIssuer(
            new NoticeRequestValidator(PARTNERS),
            PARTNERS,
            ledger,
            new NoticeIds(clock),
            new ApprovalPolicy(new ApprovalSettings(false, true, true, 100)),
            clock);
    private final NoticeApprovals approvals = new NoticeApprovals(issuer, decisions, PARTNERS, clock);

    @Test
    void anApprovalSetsTheIssueTimeAndDeadlinesFromTheApprovalAndRecordsTheApprover() {
        given(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null));
        when(decisions.approve(any())).thenReturn(Decision.DECIDED);

        approvals.approve(ID, "approver-1");

        var recorded = ArgumentCaptor.forClass(ApprovalLedger.Approved.class);
        verify(decisions).approve(recorded.capture());
        ApprovalLedger.Approved approved = recorded.getValue();
        assertThat(approved.id()).isEqualTo(ID);
        assertThat(approved.approver()).isEqualTo("approver-1");
        assertThat(approved.at()).isEqualTo(APPROVED_AT);
        assertThat(approved.ackDeadline()).isEqualTo(APPROVED_AT.plus(Duration.ofHours(1)));
        assertThat(approved.actionDeadline()).isEqualTo(APPROVED_AT.plus(Duration.ofHours(4)));
        assertThat(approved.relatedMayBe())
                .as("only a RESTORE moves another notice")
                .isNull();
        Notice sealed = ProtocolJson.read(approved.noticeJson().getBytes(StandardCharsets.UTF_8), Notice.class);
        assertThat(sealed.issuedAt()).isEqualTo(APPROVED_AT);
        assertThat(sealed.ackDeadline()).isEqualTo(approved.ackDeadline());
        assertThat(sealed.actionDeadline()).isEqualTo(approved.actionDeadline());
        assertThat(sealed.items()).isEqualTo(TAKEDOWN.items());
    }

    @Test
    void anApprovedRestoreMovesTheNoticeItUndoesOnlyFromActedOn() {
        given(held(NoticeType.RESTORE, NoticeState.PENDING_APPROVAL, null));
        when(decisions.approve(any())).thenReturn(Decision.DECIDED);

        approvals.approve(ID, "approver-1");

        var recorded = ArgumentCaptor.forClass(ApprovalLedger.Approved.class);
        verify(decisions).approve(recorded.capture());
        assertThat(recorded.getValue().relatedMayBe())
                .containsExactlyInAnyOrder(NoticeState.ACTIONED, NoticeState.PARTIALLY_ACTIONED);
    }

    @Test
    void aRestoreWhoseNoticeChangedMeanwhileIsRefusedWith409() {
        given(held(NoticeType.RESTORE, NoticeState.PENDING_APPROVAL, null));
        when(decisions.approve(any())).thenThrow(new OptimisticLockingFailureException("changed"));

        assertRefused(
                () -> approvals.approve(ID, "approver-1"),
                InvalidRequestException.Kind.CONFLICT,
                "changed-meanwhile",
                new Violation(
                        "relatesTo",
                        "notice " + EARLIER
                                + " is no longer acted on, so this RESTORE cannot be approved; nothing was recorded: decline it"));
    }

    @Test
    void theIssuerCanNeitherApproveNorDeclineTheirOwnNotice() {
        given(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null));
        Violation own = new Violation(
                "(request)", "a notice is approved or declined by someone other than the person who issued it");

        assertRefused(
                () -> approvals.approve(ID, "officer-1"), InvalidRequestException.Kind.FORBIDDEN, "own-notice", own);
        assertRefused(
                () -> approvals.decline(ID, "officer-1", new DeclineRequest("no")),
                InvalidRequestException.Kind.FORBIDDEN,
                "own-notice",
                own);
        verifyNoInteractions(decisions);
    }

    @Test
    void theLedgersOwnCheckOfWhoDecidesIsAnsweredTheSame() {
        given(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null));
        when(decisions.approve(any())).thenReturn(Decision.OWN_NOTICE);

        assertRefused(
                () -> approvals.approve(ID, "approver-1"),
                InvalidRequestException.Kind.FORBIDDEN,
                "own-notice",
                new Violation(
                        "(request)",
                        "a notice is approved or declined by someone other than the person who issued it"));
    }

    @Test
    void aDecisionLostToAnotherIsRefusedWithWhatTheOtherDecided() {
        when(ledger.find(ID))
                .thenReturn(
                        Optional.of(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null)),
                        Optional.of(held(
                                NoticeType.TAKEDOWN,
                                NoticeState.DECLINED,
                                new NoticeRecord.Approval(
                                        "URGENT", "DECLINED", "approver-2", APPROVED_AT, "not proportionate"))));
        when(decisions.decline(ID, "approver-1", APPROVED_AT, "duplicate")).thenReturn(Decision.NOT_PENDING);

        assertRefused(
                () -> approvals.decline(ID, "approver-1", new DeclineRequest("duplicate")),
                InvalidRequestException.Kind.CONFLICT,
                "not-pending",
                new Violation(
                        "state",
                        "notice " + ID + " is DECLINED, not waiting for approval: declined by approver-2 at "
                                + APPROVED_AT));
    }

    @Test
    void aNoticeNotWaitingSaysWhyWhetherNeverHeldOrWithdrawnWhileWaiting() {
        given(held(NoticeType.TAKEDOWN, NoticeState.ISSUED, null));
        assertRefused(
                () -> approvals.approve(ID, "approver-1"),
                InvalidRequestException.Kind.CONFLICT,
                "not-pending",
                new Violation(
                        "state",
                        "notice " + ID + " is ISSUED, not waiting for approval: it was not held for approval"));

        given(held(
                NoticeType.TAKEDOWN,
                NoticeState.WITHDRAWN,
                new NoticeRecord.Approval("URGENT", null, null, null, null)));
        assertRefused(
                () -> approvals.approve(ID, "approver-1"),
                InvalidRequestException.Kind.CONFLICT,
                "not-pending",
                new Violation(
                        "state",
                        "notice " + ID + " is WITHDRAWN, not waiting for approval: it was withdrawn while waiting"));
        verifyNoInteractions(decisions);
    }

    @Test
    void aDeclineRecordsTheDeciderTheTimeAndTheReason() {
        given(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null));
        when(decisions.decline(ID, "approver-1", APPROVED_AT, "not proportionate"))
                .thenReturn(Decision.DECIDED);

        approvals.decline(ID, "approver-1", new DeclineRequest("not proportionate"));

        verify(decisions).decline(ID, "approver-1", APPROVED_AT, "not proportionate");
    }

    @Test
    void aDeclineWithoutAGoodReasonIs422AndChangesNothing() {
        given(held(NoticeType.TAKEDOWN, NoticeState.PENDING_APPROVAL, null));

        for (String bad : new String[] {null, " ", "x".repeat(NoticeRequestValidator.MAX_REASON + 1)}) {
            assertThatThrownBy(() -> approvals.decline(ID, "approver-1", new DeclineRequest(bad)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.INVALID);
                        assertThat(e.problemType()).isEqualTo("invalid-decline");
                        assertThat(e.violations()).extracting(Violation::field).containsExactly("reason");
                    });
        }
        String longest = "x".repeat(NoticeRequestValidator.MAX_REASON);
        when(decisions.decline(ID, "approver-1", APPROVED_AT, longest)).thenReturn(Decision.DECIDED);
        approvals.decline(ID, "approver-1", new DeclineRequest(longest));
        verify(decisions).decline(anyString(), anyString(), any(), anyString());
        verify(decisions, never()).approve(any());
    }

    private static final String EARLIER = "01a20000-0000-7000-8000-000000000001";

    private void given(NoticeRecord notice) {
        when(ledger.find(ID)).thenReturn(Optional.of(notice));
    }

    /** A notice officer-1 asked for at NOW, held for URGENT: its JSON is the draft, with no issue time or deadlines. */
    private static NoticeRecord held(NoticeType type, NoticeState state, NoticeRecord.Approval approval) {
        Notice draft = new Notice(
                Notice.PROTOCOL,
                ID,
                type,
                "tube",
                null,
                Urgency.URGENT,
                null,
                null,
                TAKEDOWN.category(),
                TAKEDOWN.legalBasis(),
                TAKEDOWN.items(),
                TAKEDOWN.statementOfReasons(),
                new Notice.Issuer("Ministry", "officer-1", "desk@ministry.example"),
                List.of(),
                type == NoticeType.RESTORE ? EARLIER : null,
                "ID",
                null);
        return NoticeRecords.notice(ID)
                .type(type)
                .state(state)
                .noticeJson(new String(ProtocolJson.write(draft), StandardCharsets.UTF_8))
                .relatesTo(draft.relatesTo())
                .submitted(NOW, "officer-1")
                .approval(
                        approval == null && state == NoticeState.PENDING_APPROVAL
                                ? new NoticeRecord.Approval("URGENT", null, null, null, null)
                                : approval)
                .build();
    }
}
