package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeLedger.Ending;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Category;
import org.amanat.protocol.ItemKind;
import org.amanat.protocol.Notice;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Urgency;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * How a valid request becomes a notice with the partner's deadlines, and when a RESTORE, a withdrawal or an abandonment
 * is allowed. The ledger is a stand-in: what is recorded is what the issuer hands it.
 */
class NoticeIssuerTest {
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String EARLIER = "01a20000-0000-7000-8000-000000000001";
    private static final PartnerProfile.Obligations OBLIGATIONS = new PartnerProfile.Obligations(
            Duration.ofHours(1),
            Map.of(Urgency.URGENT, Duration.ofHours(4), Urgency.STANDARD, Duration.ofHours(24)),
            "TLSv1.2",
            Duration.ofDays(30));
    static final PartnerDirectory PARTNERS = new PartnerDirectory(List.of(partner("tube"), partner("chirp")));
    static final NoticeRequest TAKEDOWN = new NoticeRequest(
            NoticeType.TAKEDOWN,
            "tube",
            Urgency.URGENT,
            Category.GAMBLING,
            new Notice.LegalBasis("MR5/2020", "Art. 14"),
            List.of(new Notice.Item("https://casino.example/play", ItemKind.URL, null)),
            "Unlicensed online gambling.",
            new NoticeRequest.Issuer("Ministry", "desk@ministry.example"),
            null,
            null,
            "ID",
            null);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final NoticeLedger ledger = mock(NoticeLedger.class);
    private final NoticeIssuer issuer = new NoticeIssuer(
            new NoticeRequestValidator(PARTNERS),
            PARTNERS,
            ledger,
            new NoticeIds(clock),
            new ApprovalPolicy(new ApprovalSettings(false, true, true, 100)),
            clock);

    @Test
    void issuesANoticeWithThePartnersDeadlinesAndRecordsExactlyIt() {
        Notice notice = issuer.issue(TAKEDOWN, "officer-1");

        assertThat(notice.issuedAt()).isEqualTo(NOW);
        assertThat(notice.ackDeadline()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(notice.actionDeadline()).isEqualTo(NOW.plus(Duration.ofHours(4)));
        assertThat(notice.protocol()).isEqualTo(Notice.PROTOCOL);
        assertThat(notice.noticeId()).matches(Notice.ID);
        NewNotice recorded = recorded();
        assertThat(recorded)
                .isEqualTo(new NewNotice(
                        notice.noticeId(),
                        "tube",
                        NoticeType.TAKEDOWN,
                        Urgency.URGENT,
                        Category.GAMBLING,
                        NOW,
                        notice.ackDeadline(),
                        notice.actionDeadline(),
                        new String(ProtocolJson.write(notice), StandardCharsets.UTF_8),
                        null,
                        null,
                        null,
                        "officer-1",
                        null));
    }

    @Test
    void aStandardNoticeGetsTheStandardActionDeadline() {
        Notice notice = issuer.issue(with(TAKEDOWN, NoticeType.BLOCK, Urgency.STANDARD, null), "officer-1");

        assertThat(notice.actionDeadline()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void refusesAnInvalidRequestAndRecordsNothing() {
        assertRefused(
                () -> issuer.issue(with(TAKEDOWN, TAKEDOWN.type(), null, null), "officer-1"),
                InvalidRequestException.Kind.INVALID,
                "invalid-notice",
                new Violation("urgency", "is required"));
        assertRefused(
                () -> issuer.issue(with(TAKEDOWN, NoticeType.WITHDRAWAL, Urgency.URGENT, null), "officer-1"),
                InvalidRequestException.Kind.INVALID,
                "invalid-notice",
                new Violation("type", "withdraw with POST /api/v1/notices/{id}/withdrawal"));
        verify(ledger, never()).issue(any());
    }

    @Test
    void aRestoreUndoesANoticeOfThePartnerThatWasActedOn() {
        for (NoticeState actedOn : List.of(NoticeState.ACTIONED, NoticeState.PARTIALLY_ACTIONED)) {
            when(ledger.find(EARLIER)).thenReturn(Optional.of(record(EARLIER, "tube", actedOn)));

            Notice restore = issuer.issue(with(TAKEDOWN, NoticeType.RESTORE, Urgency.URGENT, EARLIER), "officer-1");

            assertThat(restore.relatesTo()).isEqualTo(EARLIER);
            NewNotice recorded = recorded();
            assertThat(recorded.relatedBecomes()).isEqualTo(NoticeState.RESTORED);
            assertThat(recorded.relatedWas()).isEqualTo(actedOn);
            org.mockito.Mockito.clearInvocations(ledger);
        }
    }

    @Test
    void refusesARestoreOfNothingOfAnotherPartnerOrOfANoticeNotActedOn() {
        NoticeRequest restore = with(TAKEDOWN, NoticeType.RESTORE, Urgency.URGENT, EARLIER);
        when(ledger.find(EARLIER)).thenReturn(Optional.empty());
        assertRefused(
                () -> issuer.issue(restore, "officer-1"),
                InvalidRequestException.Kind.INVALID,
                "invalid-notice",
                new Violation("relatesTo", "no notice " + EARLIER));

        when(ledger.find(EARLIER)).thenReturn(Optional.of(record(EARLIER, "chirp", NoticeState.ACTIONED)));
        assertRefused(
                () -> issuer.issue(restore, "officer-1"),
                InvalidRequestException.Kind.INVALID,
                "invalid-notice",
                new Violation("relatesTo", "notice " + EARLIER + " is for chirp, not tube"));

        when(ledger.find(EARLIER)).thenReturn(Optional.of(record(EARLIER, "tube", NoticeState.DELIVERED)));
        assertRefused(
                () -> issuer.issue(restore, "officer-1"),
                InvalidRequestException.Kind.INVALID,
                "invalid-notice",
                new Violation("relatesTo", "nothing to restore: notice " + EARLIER + " is DELIVERED"));
        verify(ledger, never()).issue(any());
    }

    @Test
    void aNoticeThatOnlyRelatesToAnotherNeedsThatOneToBeThePartnersButNotActedOn() {
        when(ledger.find(EARLIER)).thenReturn(Optional.of(record(EARLIER, "tube", NoticeState.DELIVERED)));

        Notice related = issuer.issue(with(TAKEDOWN, NoticeType.TAKEDOWN, Urgency.URGENT, EARLIER), "officer-1");

        assertThat(related.relatesTo()).isEqualTo(EARLIER);
        assertThat(recorded().relatedBecomes()).isNull();
    }

    @Test
    void aRestoreWhoseNoticeChangedMeanwhileIsRefusedWith409() {
        when(ledger.find(EARLIER)).thenReturn(Optional.of(record(EARLIER, "tube", NoticeState.ACTIONED)));
        doThrow(new OptimisticLockingFailureException("changed")).when(ledger).issue(any());

        assertRefused(
                () -> issuer.issue(with(TAKEDOWN, NoticeType.RESTORE, Urgency.URGENT, EARLIER), "officer-1"),
                InvalidRequestException.Kind.CONFLICT,
                "changed-meanwhile",
                new Violation(
                        "relatesTo",
                        "notice " + EARLIER
                                + " changed while this RESTORE was recorded; nothing was recorded, look at it again"));
    }

    @Test
    void aWithdrawalOrAnAbandonmentWithoutAGoodReasonIs422AndTouchesNothing() {
        givenIssued(NoticeState.ISSUED);

        assertThatThrownBy(() -> issuer.withdraw(EARLIER, new WithdrawalRequest(" "), "officer-2"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.INVALID);
                    assertThat(e.problemType()).isEqualTo("invalid-withdrawal");
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("reason");
                });
        assertThatThrownBy(() -> issuer.abandon(EARLIER, new AbandonmentRequest(null), "admin-1"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.INVALID);
                    assertThat(e.problemType()).isEqualTo("invalid-abandonment");
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("reason");
                });
        verify(ledger, never()).endUndelivered(any(), any(), any(), any(), any(), any());
        verify(ledger, never()).issue(any());
    }

    @Test
    void anOfficerCannotWithdrawAnotherOfficersNotice() {
        givenIssued(NoticeState.ISSUED);

        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("Court order lifted."), "officer-9"),
                InvalidRequestException.Kind.FORBIDDEN,
                "not-your-notice",
                new Violation(
                        "(path)",
                        "an officer withdraws only their own notices; notice " + EARLIER
                                + " was issued by someone else"));
        verify(ledger, never()).endUndelivered(any(), any(), any(), any(), any(), any());
    }

    @Test
    void withdrawingANoticeWaitingForApprovalEndsItThereUnlessAnApproverDecidedFirst() {
        givenIssued(NoticeState.PENDING_APPROVAL);
        String detail = "by officer officer-2: Court order lifted.";
        when(ledger.withdrawPending(EARLIER, NOW, detail, "officer-2")).thenReturn(true, false);

        assertThat(issuer.withdraw(EARLIER, new WithdrawalRequest("Court order lifted."), "officer-2"))
                .as("never sent")
                .isNull();
        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("Court order lifted."), "officer-2"),
                InvalidRequestException.Kind.CONFLICT,
                "changed-meanwhile",
                new Violation(
                        "state",
                        "notice " + EARLIER
                                + " was approved or declined while this withdrawal was made; nothing was recorded, look at it again"));
        verify(ledger, never()).endUndelivered(any(), any(), any(), any(), any(), any());
        verify(ledger, never()).issue(any());
    }

    @Test
    void withdrawingANoticeNeverSentTakesItOutOfTheOutbox() {
        givenIssued(NoticeState.ISSUED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.WITHDRAWN), eq(NOW), anyString(), eq("officer-2"), any()))
                .thenReturn(Ending.NEVER_SENT);

        assertThat(issuer.withdraw(EARLIER, new WithdrawalRequest("Court order lifted."), "officer-2"))
                .isNull();
        verify(ledger)
                .endUndelivered(
                        eq(EARLIER),
                        eq(NoticeState.WITHDRAWN),
                        eq(NOW),
                        eq("by officer officer-2: Court order lifted."),
                        eq("officer-2"),
                        any());
        verify(ledger, never()).issue(any());
    }

    @Test
    void withdrawingANoticePossiblyDeliveredSendsAWithdrawalOfTheSameItems() {
        givenIssued(NoticeState.DELIVERY_FAILED);
        var withdrawal = ArgumentCaptor.forClass(NewNotice.class);
        when(ledger.endUndelivered(
                        eq(EARLIER),
                        eq(NoticeState.WITHDRAWN),
                        eq(NOW),
                        anyString(),
                        eq("officer-2"),
                        withdrawal.capture()))
                .thenReturn(Ending.POSSIBLY_DELIVERED);

        Notice sent = issuer.withdraw(EARLIER, new WithdrawalRequest("Court order lifted."), "officer-2");

        assertThat(sent.type()).isEqualTo(NoticeType.WITHDRAWAL);
        assertThat(sent.relatesTo()).isEqualTo(EARLIER);
        assertThat(sent.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(sent.items()).isEqualTo(TAKEDOWN.items());
        assertThat(sent.statementOfReasons()).isEqualTo("Court order lifted.");
        assertThat(sent.issuer()).isEqualTo(new Notice.Issuer("Ministry", "officer-2", "desk@ministry.example"));
        assertThat(withdrawal.getValue().id()).isEqualTo(sent.noticeId());
        assertThat(withdrawal.getValue().relatedBecomes()).isNull();
    }

    @Test
    void withdrawingWaitsForAnAttemptUnderWayAndDecidesOnWhatItLeft() {
        givenIssued(NoticeState.ISSUED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.WITHDRAWN), eq(NOW), anyString(), eq("officer-2"), any()))
                .thenReturn(Ending.ATTEMPT_UNDER_WAY, Ending.NEVER_SENT);

        assertThat(issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"))
                .isNull();
        verify(ledger, times(2))
                .endUndelivered(eq(EARLIER), eq(NoticeState.WITHDRAWN), eq(NOW), anyString(), eq("officer-2"), any());
    }

    @Test
    void anAttemptThatOutlastsTheWaitIsAnsweredWith409() {
        givenIssued(NoticeState.ISSUED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.WITHDRAWN), eq(NOW), anyString(), eq("officer-2"), any()))
                .thenReturn(Ending.ATTEMPT_UNDER_WAY);
        long started = System.nanoTime();

        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"),
                InvalidRequestException.Kind.CONFLICT,
                "delivery-under-way",
                new Violation("state", "a delivery attempt to tube is under way; try again once it has ended"));
        // 2 s of 20 ms polls: the 101st look finds the attempt still there
        verify(ledger, times(101))
                .endUndelivered(eq(EARLIER), eq(NoticeState.WITHDRAWN), eq(NOW), anyString(), eq("officer-2"), any());
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("it waited between looks")
                .isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void anAbandonmentWaitsForAnAttemptUnderWayAsLongAsAWithdrawalDoes() {
        givenIssued(NoticeState.ISSUED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull()))
                .thenReturn(Ending.ATTEMPT_UNDER_WAY);

        assertRefused(
                () -> issuer.abandon(EARLIER, new AbandonmentRequest("partner gone"), "admin-1"),
                InvalidRequestException.Kind.CONFLICT,
                "delivery-under-way",
                new Violation("state", "a delivery attempt to tube is under way; try again once it has ended"));
        verify(ledger, times(101))
                .endUndelivered(eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull());
    }

    @Test
    void withdrawingADeliveredNoticeRecordsAWithdrawalThatMovesItToWithdrawn() {
        givenIssued(NoticeState.DELIVERED);

        Notice sent = issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2");

        NewNotice recorded = recorded();
        assertThat(recorded.id()).isEqualTo(sent.noticeId());
        assertThat(recorded.type()).isEqualTo(NoticeType.WITHDRAWAL);
        assertThat(recorded.relatesTo()).isEqualTo(EARLIER);
        assertThat(recorded.relatedBecomes()).isEqualTo(NoticeState.WITHDRAWN);
        assertThat(recorded.relatedWas()).isEqualTo(NoticeState.DELIVERED);
    }

    @Test
    void aNoticeAlreadyActedOnCannotBeWithdrawnButRestored() {
        givenIssued(NoticeState.ACTIONED);
        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"),
                InvalidRequestException.Kind.CONFLICT,
                "cannot-withdraw",
                new Violation(
                        "state",
                        "cannot withdraw a notice that is ACTIONED; it was acted on: issue a RESTORE instead"));

        givenIssued(NoticeState.REJECTED);
        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"),
                InvalidRequestException.Kind.CONFLICT,
                "cannot-withdraw",
                new Violation("state", "cannot withdraw a notice that is REJECTED"));
        verify(ledger, never()).issue(any());
    }

    @Test
    void aWithdrawalRacedByAReportDecidesOnTheStateItFindsThen() {
        givenIssued(NoticeState.DELIVERED);
        when(ledger.find(EARLIER))
                .thenReturn(
                        Optional.of(issued(NoticeState.DELIVERED)),
                        Optional.of(issued(NoticeState.DELIVERED)),
                        Optional.of(issued(NoticeState.ACTIONED)));
        doThrow(new OptimisticLockingFailureException("a report came in"))
                .when(ledger)
                .issue(any());

        assertRefused(
                () -> issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"),
                InvalidRequestException.Kind.CONFLICT,
                "cannot-withdraw",
                new Violation(
                        "state",
                        "cannot withdraw a notice that is ACTIONED; it was acted on: issue a RESTORE instead"));
    }

    @Test
    void refusesAWithdrawalOfAnIdThatIsNoNoticeId() {
        assertThatThrownBy(() -> issuer.withdraw("../etc/passwd", new WithdrawalRequest("lifted"), "officer-2"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no such notice: the id must be a notice id (a UUID)");
        when(ledger.find(EARLIER)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> issuer.withdraw(EARLIER, new WithdrawalRequest("lifted"), "officer-2"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no notice " + EARLIER);
    }

    @Test
    void abandoningEndsDeliveryOfAnUndeliveredNoticeOnRecord() {
        givenIssued(NoticeState.DELIVERY_FAILED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull()))
                .thenReturn(Ending.ATTEMPT_UNDER_WAY, Ending.POSSIBLY_DELIVERED);

        issuer.abandon(EARLIER, new AbandonmentRequest("partner gone"), "admin-1");

        verify(ledger, times(2))
                .endUndelivered(
                        eq(EARLIER),
                        eq(NoticeState.ABANDONED),
                        eq(NOW),
                        eq("delivery given up by administrator admin-1: partner gone"),
                        eq("admin-1"),
                        isNull());
    }

    @Test
    void onlyAnUndeliveredNoticeCanBeAbandoned() {
        givenIssued(NoticeState.DELIVERED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull()))
                .thenReturn(Ending.NOT_UNDELIVERED);

        assertRefused(
                () -> issuer.abandon(EARLIER, new AbandonmentRequest("partner gone"), "admin-1"),
                InvalidRequestException.Kind.CONFLICT,
                "cannot-abandon",
                new Violation("state", "only an undelivered notice can be abandoned; this one is DELIVERED"));
    }

    @Test
    void abandoningANoticeNeverSentEndsAtOnce() {
        givenIssued(NoticeState.ISSUED);
        when(ledger.endUndelivered(
                        eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull()))
                .thenReturn(Ending.NEVER_SENT);

        issuer.abandon(EARLIER, new AbandonmentRequest("partner gone"), "admin-1");

        verify(ledger, times(1))
                .endUndelivered(eq(EARLIER), eq(NoticeState.ABANDONED), eq(NOW), anyString(), eq("admin-1"), isNull());
    }

    private void givenIssued(NoticeState state) {
        when(ledger.find(EARLIER)).thenReturn(Optional.of(issued(state)));
    }

    /** The earlier TAKEDOWN as the ledger holds it, with its JSON. */
    private static NoticeRecord issued(NoticeState state) {
        Notice earlier = new Notice(
                Notice.PROTOCOL,
                EARLIER,
                NoticeType.TAKEDOWN,
                "tube",
                NOW.minusSeconds(3600),
                Urgency.STANDARD,
                NOW,
                NOW.plusSeconds(3600),
                Category.GAMBLING,
                TAKEDOWN.legalBasis(),
                TAKEDOWN.items(),
                TAKEDOWN.statementOfReasons(),
                new Notice.Issuer("Ministry", "officer-2", "desk@ministry.example"),
                List.of(),
                null,
                "ID",
                null);
        return NoticeRecords.notice(EARLIER)
                .urgency(Urgency.STANDARD)
                .state(state)
                .issued(earlier.issuedAt(), earlier.ackDeadline(), earlier.actionDeadline())
                .noticeJson(new String(ProtocolJson.write(earlier), StandardCharsets.UTF_8))
                .build();
    }

    private static NoticeRecord record(String id, String partnerId, NoticeState state) {
        return NoticeRecords.notice(id)
                .partner(partnerId)
                .state(state)
                .issued(NOW, NOW, NOW)
                .build();
    }

    private NewNotice recorded() {
        var recorded = ArgumentCaptor.forClass(NewNotice.class);
        verify(ledger).issue(recorded.capture());
        return recorded.getValue();
    }

    private static NoticeRequest with(NoticeRequest r, NoticeType type, Urgency urgency, String relatesTo) {
        return new NoticeRequest(
                type,
                r.partnerId(),
                urgency,
                r.category(),
                r.legalBasis(),
                r.items(),
                r.statementOfReasons(),
                r.issuer(),
                r.evidence(),
                relatesTo,
                r.territorialScope(),
                r.redress());
    }

    /** The one refusal a call must end in: its status, problem type and violation. */
    static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            InvalidRequestException.Kind kind,
            String type,
            Violation violation) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.problemType()).isEqualTo(type);
            assertThat(e.violations()).containsExactly(violation);
        });
    }

    static Partner partner(String id) {
        var profile = new PartnerProfile(id, id, null, null, null, null, null, null, null, OBLIGATIONS, null);
        return new Partner(profile, null, null, null, AlgorithmPolicy.strict());
    }
}
