package org.amanat.notice;

import static org.amanat.notice.NoticeIssuerTest.NOW;
import static org.amanat.notice.NoticeIssuerTest.TAKEDOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.amanat.ledger.ApprovalLedger;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeEventKind;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusLedger;
import org.amanat.ledger.StatusRecord;
import org.amanat.protocol.Notice;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The officers' endpoints over stand-ins: which answer each outcome gets (201 with the new notice's address, 200 for a
 * replay or a notice never sent), that the acting person is the one signed in, the notice shown with its attempts,
 * history and item outcomes, and the paging rules every list shares. Over real HTTP: {@code NoticeApiIT}, {@code ApprovalIT}.
 */
class NoticeControllersTest {
    private static final Principal OFFICER = () -> "officer-1";
    private static final AttemptRecord ATTEMPT = new AttemptRecord(1, NOW, NOW, "DELIVERED", 200, null, "digest");
    private static final EventRecord EVENT = new EventRecord(NOW, NoticeEventKind.ISSUED, "issued", "officer-1");
    private static final StatusRecord.Item OUTCOME =
            new StatusRecord.Item("https://casino.example/play", "ACTIONED", NOW);

    private final NoticeIssuer issuer = mock(NoticeIssuer.class);
    private final IdempotentNotices idempotent = mock(IdempotentNotices.class);
    private final NoticeLedger ledger = mock(NoticeLedger.class);
    private final StatusLedger statuses = mock(StatusLedger.class);
    private final NoticeApprovals approvals = mock(NoticeApprovals.class);
    private final ApprovalLedger waiting = mock(ApprovalLedger.class);
    private final NoticeController notices = new NoticeController(issuer, idempotent, ledger, statuses);
    private final ApprovalController approvalEndpoints =
            new ApprovalController(approvals, waiting, issuer, ledger, statuses);

    @Test
    void aNewNoticeIs201AtItsAddressInThePersonsName() {
        Notice issued = notice("n-1");
        when(issuer.issue(TAKEDOWN, "officer-1")).thenReturn(issued);
        stored("n-1");

        ResponseEntity<NoticeView> answer = notices.issue(TAKEDOWN, null, OFFICER);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/notices/n-1"));
        assertDetail(answer.getBody(), "n-1");
        verifyNoInteractions(idempotent);
    }

    @Test
    void withAnIdempotencyKeyANewNoticeIs201AndAReplay200BothAtTheNoticesAddress() {
        when(idempotent.issue(TAKEDOWN, "officer-1", "key-1")).thenReturn(new IdempotentNotices.Issued("n-1", false));
        when(idempotent.issue(TAKEDOWN, "officer-1", "key-2")).thenReturn(new IdempotentNotices.Issued("n-2", true));
        stored("n-1");
        stored("n-2");

        ResponseEntity<NoticeView> made = notices.issue(TAKEDOWN, List.of("\"key-1\""), OFFICER);
        ResponseEntity<NoticeView> replayed = notices.issue(TAKEDOWN, List.of("key-2"), OFFICER);

        assertThat(made.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(made.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/notices/n-1"));
        assertDetail(made.getBody(), "n-1");
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replayed.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/notices/n-2"));
        assertDetail(replayed.getBody(), "n-2");
    }

    @Test
    void aWithdrawalNeverSentIs200WithTheNoticeAndOneSent201WithTheWithdrawal() {
        WithdrawalRequest request = new WithdrawalRequest("issued in error");
        when(issuer.withdraw("n-1", request, "officer-1")).thenReturn(null);
        Notice withdrawal = notice("w-2");
        when(issuer.withdraw("n-2", request, "officer-1")).thenReturn(withdrawal);
        stored("n-1");
        stored("w-2");

        ResponseEntity<NoticeView> neverSent = notices.withdraw("n-1", request, OFFICER);
        ResponseEntity<NoticeView> sent = notices.withdraw("n-2", request, OFFICER);

        assertThat(neverSent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertDetail(neverSent.getBody(), "n-1");
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(sent.getHeaders().getLocation()).isEqualTo(URI.create("/api/v1/notices/w-2"));
        assertDetail(sent.getBody(), "w-2");
    }

    @Test
    void anAbandonmentIsTheAdministratorsAndShowsTheNotice() {
        AbandonmentRequest request = new AbandonmentRequest("partner gone");
        stored("n-1");

        NoticeView shown = notices.abandon("n-1", request, () -> "admin-1");

        verify(issuer).abandon("n-1", request, "admin-1");
        assertDetail(shown, "n-1");
        assertDetail(notices.get("n-1"), "n-1");
    }

    @Test
    void approvalAndDeclineAreThePersonsSignedInAndShowTheNotice() {
        DeclineRequest decline = new DeclineRequest("not proportionate");
        stored("n-1");

        assertDetail(approvalEndpoints.approve("n-1", () -> "approver-1"), "n-1");
        assertDetail(approvalEndpoints.decline("n-1", decline, () -> "approver-2"), "n-1");

        verify(approvals).approve("n-1", "approver-1");
        verify(approvals).decline("n-1", "approver-2", decline);
    }

    @Test
    void listsArePagesOfSummariesWithTheirTotal() {
        when(ledger.list("tube", NoticeState.ISSUED, 2, 10)).thenReturn(List.of(record("n-1")));
        when(ledger.count("tube", NoticeState.ISSUED)).thenReturn(21L);
        when(waiting.waiting("tube", 1, 5)).thenReturn(List.of(record("n-2"), record("n-3")));
        when(waiting.countWaiting("tube")).thenReturn(7L);

        NoticeController.NoticePage all = notices.list("tube", NoticeState.ISSUED, 2, 10);
        NoticeController.NoticePage held = approvalEndpoints.waiting("tube", 1, 5);

        assertThat(all)
                .isEqualTo(new NoticeController.NoticePage(List.of(NoticeView.summary(record("n-1"))), 2, 10, 21));
        assertThat(all.items().get(0).notice())
                .as("a summary leaves out the notice")
                .isNull();
        assertThat(held.items()).extracting(view -> view.record().id()).containsExactly("n-2", "n-3");
        assertThat(held.total()).isEqualTo(7);
        assertThat(held.page()).isEqualTo(1);
        assertThat(held.size()).isEqualTo(5);
    }

    @Test
    void pagesStartAt0AndHoldFrom1To200() {
        NoticeController.checkPage(0, 1);
        NoticeController.checkPage(0, 200);
        NoticeController.checkPage(Integer.MAX_VALUE / 200, 200);
        NoticeController.checkPage(Integer.MAX_VALUE, 1);

        assertInvalidPage(() -> NoticeController.checkPage(-1, 50), "page", "must be 0 or more");
        assertInvalidPage(() -> NoticeController.checkPage(0, 0), "size", "must be between 1 and 200");
        assertInvalidPage(() -> NoticeController.checkPage(0, 201), "size", "must be between 1 and 200");
        assertInvalidPage(
                () -> NoticeController.checkPage(Integer.MAX_VALUE / 200 + 1, 200),
                "page",
                "too far: page × size must be at most " + Integer.MAX_VALUE);
        assertInvalidPage(() -> notices.list(null, null, -1, 50), "page", "must be 0 or more");
        assertInvalidPage(() -> approvalEndpoints.waiting(null, 0, 201), "size", "must be between 1 and 200");
        verifyNoInteractions(ledger, waiting);
    }

    private void stored(String id) {
        when(issuer.find(id)).thenReturn(record(id));
        when(ledger.attempts(id)).thenReturn(List.of(ATTEMPT));
        when(ledger.events(id)).thenReturn(List.of(EVENT));
        when(statuses.items(id)).thenReturn(List.of(OUTCOME));
    }

    private static void assertDetail(NoticeView view, String id) {
        assertThat(view).isEqualTo(NoticeView.detail(record(id), List.of(ATTEMPT), List.of(EVENT), List.of(OUTCOME)));
    }

    private static NoticeRecord record(String id) {
        return NoticeRecords.notice(id)
                .state(NoticeState.DELIVERED)
                .issued(NOW, NOW.plusSeconds(3600), NOW.plusSeconds(4 * 3600))
                .noticeJson("{\"noticeId\":\"" + id + "\"}")
                .delivered(NOW.plusSeconds(1), null)
                .submitted(NOW, "officer-1")
                .build();
    }

    private static Notice notice(String id) {
        Notice notice = mock(Notice.class);
        when(notice.noticeId()).thenReturn(id);
        return notice;
    }

    private static void assertInvalidPage(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.MALFORMED);
            assertThat(e.problemType()).isEqualTo("invalid-parameter");
            assertThat(e.violations()).containsExactly(new Violation(field, message));
        });
    }
}
