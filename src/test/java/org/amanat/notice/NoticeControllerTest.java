package org.amanat.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import org.amanat.ledger.AttemptRecord;
import org.amanat.ledger.EventRecord;
import org.amanat.ledger.NoticeLedger;
import org.amanat.ledger.NoticeRecord;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.StatusLedger;
import org.amanat.ledger.StatusRecord;
import org.amanat.protocol.Notice;
import org.amanat.web.InvalidRequestException;
import org.amanat.web.Violation;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** What the officers' API answers, and the paging bounds it refuses before asking the ledger. */
class NoticeControllerTest {
    private static final String ID = "01a20000-0000-7000-8000-000000000001";
    private static final String WITHDRAWAL = "01a20000-0000-7000-8000-000000000002";
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    private final NoticeIssuer issuer = mock(NoticeIssuer.class);
    private final NoticeLedger ledger = mock(NoticeLedger.class);
    private final StatusLedger statuses = mock(StatusLedger.class);
    private final NoticeController controller = new NoticeController(issuer, ledger, statuses);
    private final List<AttemptRecord> attempts = List.of(mock(AttemptRecord.class));
    private final List<EventRecord> events = List.of(mock(EventRecord.class));
    private final List<StatusRecord.Item> outcomes = List.of(mock(StatusRecord.Item.class));

    @Test
    void anIssuedNoticeIsCreatedAtItsOwnAddressWithItsWholeHistory() {
        NoticeRequest request = mock(NoticeRequest.class);
        when(issuer.issue(request)).thenReturn(notice(ID));
        given(ID);

        var answer = controller.issue(request);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/v1/notices/" + ID);
        assertDetail(answer.getBody(), ID);
    }

    @Test
    void aWithdrawalSentToThePartnerIsCreatedAndOneNeverSentAnswersWithTheNotice() {
        var request = new WithdrawalRequest("officer-1", "lifted");
        when(issuer.withdraw(ID, request)).thenReturn(notice(WITHDRAWAL), (Notice) null);
        given(ID);
        given(WITHDRAWAL);

        var sent = controller.withdraw(ID, request);
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(sent.getHeaders().getLocation()).hasToString("/api/v1/notices/" + WITHDRAWAL);
        assertThat(sent.getBody().id()).isEqualTo(WITHDRAWAL);

        var neverSent = controller.withdraw(ID, request);
        assertThat(neverSent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(neverSent.getBody().id()).isEqualTo(ID);
    }

    @Test
    void anAbandonmentAndALookAnswerWithTheNoticeAsItIsNow() {
        given(ID);
        var request = new AbandonmentRequest("admin-1", "gone");

        assertDetail(controller.abandon(ID, request), ID);
        verify(issuer).abandon(ID, request);
        assertDetail(controller.get(ID), ID);
    }

    @Test
    void aListShowsSummariesWithoutBodiesOrHistory() {
        when(ledger.list("tube", NoticeState.DELIVERED, 2, 200)).thenReturn(List.of(record(ID)));
        when(ledger.count("tube", NoticeState.DELIVERED)).thenReturn(401L);

        var page = controller.list("tube", NoticeState.DELIVERED, 2, 200);

        assertThat(page).isEqualTo(new NoticeController.NoticePage(List.of(NoticeView.summary(record(ID))), 2, 200, 401));
        assertThat(page.items().get(0).notice()).isNull();
        assertThat(page.items().get(0).attempts()).isNull();
        assertThat(page.items().get(0).history()).isNull();
        assertThat(page.items().get(0).state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(controller.list(null, null, 0, 1).size()).isEqualTo(1);
    }

    @Test
    void refusesPagesAndSizesOutOfBoundsWithoutAskingTheLedger() {
        assertInvalid(() -> controller.list(null, null, -1, 50), "page", "must be 0 or more");
        assertInvalid(() -> controller.list(null, null, 0, 0), "size", "must be between 1 and 200");
        assertInvalid(() -> controller.list(null, null, 0, 201), "size", "must be between 1 and 200");
        assertInvalid(() -> controller.list(null, null, Integer.MAX_VALUE / 200 + 1, 200), "page",
                "too far: page × size must be at most " + Integer.MAX_VALUE);
        verify(ledger, never()).list(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
                org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.anyInt());
    }

    @Test
    void theLastPageThatCanBeCountedIsServed() {
        int lastPage = Integer.MAX_VALUE / 200;

        controller.list(null, null, lastPage, 200);
        controller.list(null, null, Integer.MAX_VALUE, 1);

        verify(ledger).list(null, null, lastPage, 200);
        verify(ledger).list(null, null, Integer.MAX_VALUE, 1);
    }

    private void given(String id) {
        when(issuer.find(id)).thenReturn(record(id));
        when(ledger.attempts(id)).thenReturn(attempts);
        when(ledger.events(id)).thenReturn(events);
        when(statuses.items(id)).thenReturn(outcomes);
    }

    private void assertDetail(NoticeView view, String id) {
        assertThat(view.id()).isEqualTo(id);
        assertThat(view.notice()).isEqualTo("{\"noticeId\":\"" + id + "\"}");
        assertThat(view.attempts()).isSameAs(attempts);
        assertThat(view.history()).isSameAs(events);
        assertThat(view.itemOutcomes()).isSameAs(outcomes);
        assertThat(view.partnerId()).isEqualTo("tube");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.problemType()).isEqualTo("invalid-parameter");
            assertThat(e.violations()).containsExactly(new Violation(field, message));
        });
    }

    private static Notice notice(String id) {
        return new Notice(Notice.PROTOCOL, id, null, "tube", AT, null, AT, AT, null, null, List.of(), null, null, List.of(), null, null, null);
    }

    private static NoticeRecord record(String id) {
        return new NoticeRecord(id, "tube", "TAKEDOWN", "URGENT", "GAMBLING", NoticeState.DELIVERED, AT, AT, AT,
                "{\"noticeId\":\"" + id + "\"}", AT, null, null, null, null, null);
    }
}
