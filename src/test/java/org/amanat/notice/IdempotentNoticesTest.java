package org.amanat.notice;

import static org.amanat.notice.NoticeIssuerTest.NOW;
import static org.amanat.notice.NoticeIssuerTest.PARTNERS;
import static org.amanat.notice.NoticeIssuerTest.TAKEDOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.amanat.ledger.IdempotencyKey;
import org.amanat.ledger.IdempotencyKeyTakenException;
import org.amanat.ledger.NewNotice;
import org.amanat.ledger.NoticeLedger;
import org.amanat.protocol.Digests;
import org.amanat.protocol.ProtocolJson;
import org.amanat.protocol.Violation;
import org.amanat.web.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * An Idempotency-Key's rules over a real issuer and a stand-in ledger: the key is recorded with the notice it made, for
 * its lifetime; the same request again is that notice; another request 422; the same key while the first is handled
 * 409; a race lost to another node answers the winner's notice.
 */
class IdempotentNoticesTest {
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static final String KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324";
    private static final String DIGEST = Digests.sha256Base64(ProtocolJson.write(TAKEDOWN));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final NoticeLedger ledger = mock(NoticeLedger.class);
    private final NoticeIssuer issuer = new NoticeIssuer(
            new NoticeRequestValidator(PARTNERS),
            PARTNERS,
            ledger,
            new NoticeIds(clock),
            new ApprovalPolicy(new ApprovalSettings(false, true, true, 100)),
            clock);
    private final IdempotentNotices notices = new IdempotentNotices(issuer, ledger, clock, LIFETIME);

    @Test
    void theFirstRequestWithAKeyMakesTheNoticeAndRecordsTheKeyWithItForItsLifetime() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW)).thenReturn(Optional.empty());

        IdempotentNotices.Issued issued = notices.issue(TAKEDOWN, "officer-1", KEY);

        var recorded = ArgumentCaptor.forClass(NewNotice.class);
        verify(ledger)
                .issue(recorded.capture(), eq(new IdempotencyKey("officer-1", KEY, DIGEST, NOW, NOW.plus(LIFETIME))));
        assertThat(issued.replayed()).isFalse();
        assertThat(issued.noticeId()).isEqualTo(recorded.getValue().id());
    }

    @Test
    void theSameRequestAgainIsTheNoticeTheFirstMadeAndNothingNew() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW))
                .thenReturn(Optional.of(new IdempotencyKey.Use(DIGEST, "notice-1")));

        IdempotentNotices.Issued issued = notices.issue(TAKEDOWN, "officer-1", KEY);

        assertThat(issued).isEqualTo(new IdempotentNotices.Issued("notice-1", true));
        verify(ledger, never()).issue(any(), any());
        verify(ledger, never()).issue(any());
    }

    @Test
    void anotherRequestWithTheKeyIs422AndNothingNew() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW))
                .thenReturn(Optional.of(new IdempotencyKey.Use("another-digest", "notice-1")));

        assertRefused(
                () -> notices.issue(TAKEDOWN, "officer-1", KEY),
                InvalidRequestException.Kind.INVALID,
                "idempotency-key-reused",
                "was used for another request (notice notice-1); use a new key for a new request");
        verify(ledger, never()).issue(any(), any());
    }

    @Test
    void theSameKeyWhileTheFirstRequestIsHandledIs409AndTheKeyIsFreeAfterwards() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW)).thenReturn(Optional.empty());
        AtomicReference<Throwable> second = new AtomicReference<>();
        AtomicReference<IdempotentNotices.Issued> otherPerson = new AtomicReference<>();
        doAnswer(invocation -> {
                    // while the first request is being recorded, the same person sends the same key; another person may
                    try {
                        notices.issue(TAKEDOWN, "officer-1", KEY);
                    } catch (InvalidRequestException refused) {
                        second.set(refused);
                    }
                    otherPerson.set(notices.issue(TAKEDOWN, "officer-2", KEY));
                    return null;
                })
                .doNothing()
                .when(ledger)
                .issue(any(), eq(new IdempotencyKey("officer-1", KEY, DIGEST, NOW, NOW.plus(LIFETIME))));

        notices.issue(TAKEDOWN, "officer-1", KEY);

        assertThat(second.get()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.kind()).isEqualTo(InvalidRequestException.Kind.CONFLICT);
            assertThat(e.problemType()).isEqualTo("idempotency-key-in-use");
        });
        assertThat(otherPerson.get().replayed()).as("keys are per person").isFalse();
        assertThat(notices.issue(TAKEDOWN, "officer-1", KEY).replayed())
                .as("free again once answered")
                .isFalse();
    }

    @Test
    void theKeyIsFreeAgainAfterARequestThatFailed() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW)).thenReturn(Optional.empty());
        doThrow(new IllegalStateException("database down"))
                .doNothing()
                .when(ledger)
                .issue(any(), any());

        assertThatThrownBy(() -> notices.issue(TAKEDOWN, "officer-1", KEY)).hasMessage("database down");
        assertThat(notices.issue(TAKEDOWN, "officer-1", KEY).replayed()).isFalse();
    }

    @Test
    void aRaceLostToAnotherNodeAnswersTheWinnersNotice() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW))
                .thenReturn(Optional.empty(), Optional.of(new IdempotencyKey.Use(DIGEST, "winner")));
        doThrow(new IdempotencyKeyTakenException(null)).when(ledger).issue(any(), any());

        assertThat(notices.issue(TAKEDOWN, "officer-1", KEY)).isEqualTo(new IdempotentNotices.Issued("winner", true));
    }

    @Test
    void aRaceLostToANodeThatThenRolledBackIs409() {
        when(ledger.idempotencyKey("officer-1", KEY, NOW)).thenReturn(Optional.empty());
        doThrow(new IdempotencyKeyTakenException(null)).when(ledger).issue(any(), any());

        assertRefused(
                () -> notices.issue(TAKEDOWN, "officer-1", KEY),
                InvalidRequestException.Kind.CONFLICT,
                "idempotency-key-in-use",
                "a request with this key is still being handled; try again once it has been answered");
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            InvalidRequestException.Kind kind,
            String type,
            String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.problemType()).isEqualTo(type);
            assertThat(e.violations()).containsExactly(new Violation("Idempotency-Key", message));
        });
    }
}
