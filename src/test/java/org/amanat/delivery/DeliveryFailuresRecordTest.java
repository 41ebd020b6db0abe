package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.amanat.ledger.AttemptOutcome;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.NoticeEventKind;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.AlgorithmNotAllowedException;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.ReceiptMismatchException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A failed attempt on the real ledger. globaltube's profile: 3 immediate attempts, backoff from 2 s doubling
 * (no jitter), flagged after 20 attempts or 2 h.
 */
class DeliveryFailuresRecordTest {
    private final DeliveryFixture fixture = new DeliveryFixture();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DueDeliveries deliveries = mock(DueDeliveries.class);
    private final DeliveryFailures failures = failures(fixture.ledgers.outbox());
    private final NoticeSealer sealer =
            new NoticeSealer(fixture.partners, fixture.ministry, new Envelope(fixture.clock), fixture.clock);

    @Test
    void recordsTheAttemptWithItsReasonAndSchedulesTheNextByTheBackoff() {
        DueDelivery delivery = fixture.leased();
        SealedNotice sealed = sealer.seal(delivery, fixture.partners.get("globaltube"));
        fixture.clock.advance(Duration.ofSeconds(1));

        failures.record(http(503), delivery, sealed, null);

        var attempt = fixture.ledgers.notices().attempts(delivery.noticeId()).get(0);
        assertThat(attempt.outcome()).isEqualTo("FAILED");
        assertThat(attempt.httpStatus()).isEqualTo(503);
        assertThat(attempt.reason()).isEqualTo("partner answered HTTP 503 (down)");
        assertThat(attempt.sentDigest()).isEqualTo(sealed.digest());
        assertThat(attempt.startedAt()).isEqualTo(sealed.startedAt());
        assertThat(attempt.finishedAt()).isEqualTo(fixture.clock.instant());
        assertThat(outbox(delivery, "due_at"))
                .isEqualTo(fixture.clock.instant().plusSeconds(2).toString());
        assertThat(outbox(delivery, "possibly_delivered")).isEqualTo("TRUE");
        assertThat(state(delivery)).as("1 of 3 immediate attempts").isEqualTo(NoticeState.ISSUED);
        assertThat(meters.counter(DeliveryFailures.ATTEMPTS, "partner", "globaltube", "outcome", "failed")
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.find("amanat.delivery.overdue").counter()).isNull();
        verify(deliveries).finished(delivery);
    }

    @Test
    void anAttemptThatNeverLeftIsNotCountedAndGivesTheLeaseBack() {
        DueDelivery delivery = fixture.leased();

        failures.record(
                new RuntimeException(new NotSentException("the partner's circuit breaker is open")),
                delivery,
                null,
                null);

        assertThat(fixture.ledgers.notices().attempts(delivery.noticeId())).isEmpty();
        assertThat(outbox(delivery, "lease_owner")).isNull();
        assertThat(outbox(delivery, "attempts")).isEqualTo("0");
        assertThat(fixture.ledgers
                        .outbox()
                        .claim(
                                "globaltube",
                                "node-2",
                                fixture.clock.instant(),
                                DeliveryFixture.LEASE,
                                1,
                                false,
                                Set.of()))
                .as("due again at once")
                .hasSize(1);
        verify(deliveries).finished(delivery);
    }

    @Test
    void heldBackByTheBreakerOrTheBulkheadIsNeverSent() {
        assertThat(DeliveryFailures.neverSent(
                        CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("p"))))
                .isTrue();
        assertThat(DeliveryFailures.neverSent(new RuntimeException(
                        io.github.resilience4j.bulkhead.BulkheadFullException.createBulkheadFullException(
                                io.github.resilience4j.bulkhead.Bulkhead.ofDefaults("p")))))
                .isTrue();
        assertThat(DeliveryFailures.neverSent(new ConnectException("refused"))).isFalse();
    }

    @Test
    void anAttemptThatFailedBeforeSealingHasNoDigestAndCannotHaveReachedThePartner() {
        DueDelivery delivery = fixture.leased();

        failures.record(new IllegalStateException("no such key"), delivery, null, null);

        var attempt = fixture.ledgers.notices().attempts(delivery.noticeId()).get(0);
        assertThat(attempt.sentDigest()).isNull();
        assertThat(attempt.startedAt()).isEqualTo(fixture.clock.instant());
        assertThat(attempt.reason()).isEqualTo("IllegalStateException: no such key");
        assertThat(outbox(delivery, "possibly_delivered")).isEqualTo("FALSE");
    }

    @Test
    void aRefusedConnectionCannotHaveReachedThePartner() {
        DueDelivery delivery = fixture.leased();

        failures.record(
                new ConnectException("Connection refused"),
                delivery,
                sealer.seal(delivery, fixture.partners.get("globaltube")),
                null);

        assertThat(outbox(delivery, "possibly_delivered")).isEqualTo("FALSE");
    }

    @Test
    void theThirdFailedAttemptMakesTheNoticeDeliveryFailed() {
        DueDelivery second = failTwiceAndLease(1);
        assertThat(second.attemptNo()).isEqualTo(2);
        failures.record(http(500), second, null, null);
        assertThat(state(second)).isEqualTo(NoticeState.ISSUED);

        DueDelivery third = lease();
        failures.record(http(500), third, null, null);

        assertThat(state(third)).isEqualTo(NoticeState.DELIVERY_FAILED);
        // third attempt: 2 s x 2 x 2 = 8 s
        assertThat(outbox(third, "due_at"))
                .isEqualTo(fixture.clock.instant().plusSeconds(8).toString());
    }

    @Test
    void flagsANoticeUndeliveredForTheProfilesAgeOnce() {
        DueDelivery delivery = fixture.leased(fixture.clock.instant().minus(Duration.ofHours(2)));

        failures.record(http(500), delivery, null, null);

        assertThat(outbox(delivery, "flagged_at"))
                .isEqualTo(fixture.clock.instant().toString());
        assertThat(fixture.ledgers.notices().events(delivery.noticeId()))
                .extracting(e -> e.kind())
                .contains(NoticeEventKind.DELIVERY_OVERDUE);
        assertThat(meters.counter("amanat.delivery.overdue", "partner", "globaltube")
                        .count())
                .isEqualTo(1.0);

        DueDelivery again = lease();
        assertThat(again.flagged()).isTrue();
        failures.record(http(500), again, null, null);
        assertThat(meters.counter("amanat.delivery.overdue", "partner", "globaltube")
                        .count())
                .as("once")
                .isEqualTo(1.0);
    }

    @Test
    void aNoticeJustYoungerThanTheAgeIsNotFlagged() {
        DueDelivery delivery = fixture.leased(
                fixture.clock.instant().minus(Duration.ofHours(2)).plusMillis(1));

        failures.record(http(500), delivery, null, null);

        assertThat(fixture.ledgers
                        .notices()
                        .attempts(delivery.noticeId())
                        .get(0)
                        .outcome())
                .isEqualTo("FAILED");
        assertThat(outbox(delivery, "flagged_at")).isNull();
    }

    @Test
    void flagsANoticeAfterTheProfilesAttemptCount() {
        Outbox outbox = mock(Outbox.class);
        when(outbox.recordFailed(any(), any(), anyBoolean(), anyBoolean())).thenReturn(true);
        DueDelivery twentieth =
                new DueDelivery("n-1", "globaltube", 19, "{}", fixture.clock.instant(), "node-1", 1, false);
        DueDelivery nineteenth =
                new DueDelivery("n-2", "globaltube", 18, "{}", fixture.clock.instant(), "node-1", 1, false);

        failures(outbox).record(http(500), twentieth, null, null);
        failures(outbox).record(http(500), nineteenth, null, null);

        verify(outbox)
                .recordFailed(
                        any(), any(), org.mockito.ArgumentMatchers.eq(true), org.mockito.ArgumentMatchers.eq(true));
        verify(outbox)
                .recordFailed(
                        any(), any(), org.mockito.ArgumentMatchers.eq(true), org.mockito.ArgumentMatchers.eq(false));
    }

    @Test
    void aRefusedReceiptGoesOnTheSecurityRecord() {
        DueDelivery delivery = fixture.leased();

        failures.record(
                new RuntimeException(new ReceiptMismatchException("for another notice")),
                delivery,
                sealer.seal(delivery, fixture.partners.get("globaltube")),
                200);

        assertThat(securityEvents())
                .containsExactly("globaltube RECEIPT_MISMATCH " + delivery.noticeId() + " for another notice null");
        assertThat(fixture.ledgers
                        .notices()
                        .attempts(delivery.noticeId())
                        .get(0)
                        .httpStatus())
                .isEqualTo(200);
    }

    @Test
    void aReceiptRefusedForItsAlgorithmNamesIt() {
        DueDelivery delivery = fixture.leased();

        failures.record(
                new AlgorithmNotAllowedException("RSA key of 2048 bits is too small", "RSA-2048"), delivery, null, 200);

        assertThat(securityEvents())
                .containsExactly("globaltube RECEIPT_ALGORITHM_REFUSED " + delivery.noticeId()
                        + " RSA key of 2048 bits is too small RSA-2048");
    }

    @Test
    void anHttpErrorIsNoSecurityEvent() {
        DueDelivery delivery = fixture.leased();

        failures.record(http(500), delivery, null, null);

        assertThat(securityEvents()).isEmpty();
    }

    @Test
    void aVerifiedReceiptTheLedgerCouldNotTakeIsKeptWithTheFailedAttempt() {
        DueDelivery delivery = fixture.leased();
        SealedNotice sealed = sealer.seal(delivery, fixture.partners.get("globaltube"));
        byte[] receipt = {1, 2, 3};
        var outcome = AttemptOutcome.delivered(
                delivery,
                sealed.startedAt(),
                fixture.clock.instant(),
                200,
                sealed.digest(),
                receipt,
                "RECEIVED",
                "GT-1",
                "ECDSA/SHA-256");

        failures.record(
                new ReceiptNotRecordedException(outcome, new RuntimeException("deadlock")), delivery, sealed, 200);

        var attempt = fixture.ledgers
                .jdbc()
                .sql("select outcome, receipt_der, receipt_partner_reference from delivery_attempt")
                .query((rs, n) ->
                        List.of(rs.getString(1), List.of(rs.getBytes(2)[0], rs.getBytes(2)[2]), rs.getString(3)))
                .single();
        assertThat(attempt).isEqualTo(List.of("FAILED", List.of((byte) 1, (byte) 3), "GT-1"));
    }

    @Test
    void anAttemptEndedAfterTheLeaseWasLostIsCountedLate() {
        DueDelivery delivery = fixture.leased();
        fixture.ledgers
                .jdbc()
                .sql("update outbox set lease_token = lease_token + 1")
                .update();

        failures.record(http(500), delivery, null, null);

        assertThat(fixture.ledgers
                        .notices()
                        .attempts(delivery.noticeId())
                        .get(0)
                        .outcome())
                .isEqualTo("LATE");
        assertThat(meters.counter(DeliveryFailures.ATTEMPTS, "partner", "globaltube", "outcome", "late")
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.find(DeliveryFailures.ATTEMPTS)
                        .tag("outcome", "failed")
                        .counter())
                .isNull();
    }

    @Test
    void theDatabaseBeingUnavailableLeavesTheEntryToItsLease() {
        Outbox down = mock(Outbox.class);
        when(down.recordFailed(any(), any(), anyBoolean(), anyBoolean()))
                .thenThrow(new CannotGetJdbcConnectionException("down"));
        DueDelivery delivery =
                new DueDelivery("n-1", "globaltube", 0, "{}", fixture.clock.instant(), "node-1", 1, false);

        assertThatCode(() -> failures(down).record(http(500), delivery, null, null))
                .doesNotThrowAnyException();
        assertThat(meters.getMeters()).isEmpty();
        verify(deliveries).finished(delivery);
    }

    @Test
    void anyOtherFailureToRecordIsPassedOn() {
        Outbox broken = mock(Outbox.class);
        var failure = new IllegalStateException("bug");
        when(broken.recordFailed(any(), any(), anyBoolean(), anyBoolean())).thenThrow(failure);
        DueDelivery delivery =
                new DueDelivery("n-1", "globaltube", 0, "{}", fixture.clock.instant(), "node-1", 1, false);

        assertThatThrownBy(() -> failures(broken).record(http(500), delivery, null, null))
                .isSameAs(failure);
        verify(deliveries).finished(delivery);
    }

    private DeliveryFailures failures(Outbox outbox) {
        return new DeliveryFailures(
                fixture.partners, outbox, fixture.clock, meters, fixture.ledgers.securityEvents(), deliveries);
    }

    private DueDelivery failTwiceAndLease(int times) {
        DueDelivery delivery = fixture.leased();
        for (int i = 0; i < times; i++) {
            failures.record(http(500), delivery, null, null);
            delivery = lease();
        }
        return delivery;
    }

    /** The entry, due or not, leased again (the clock moves past its backoff). */
    private DueDelivery lease() {
        fixture.clock.advance(Duration.ofMinutes(10));
        return fixture.ledgers
                .outbox()
                .claim(
                        "globaltube",
                        DeliveryFixture.NODE,
                        fixture.clock.instant(),
                        DeliveryFixture.LEASE,
                        1,
                        false,
                        Set.of())
                .get(0);
    }

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException(
                "https://globaltube.example", status, "Error", null, null, "down\nfor maintenance");
    }

    private String outbox(DueDelivery delivery, String column) {
        return fixture.ledgers
                .jdbc()
                .sql("select " + column + " from outbox where notice_id = ?")
                .param(delivery.noticeId())
                .query((rs, n) -> {
                    Object value = rs.getObject(1);
                    return value instanceof OffsetDateTime t
                            ? t.toInstant().toString()
                            : value == null ? null : value.toString().toUpperCase();
                })
                .list()
                .get(0);
    }

    private NoticeState state(DueDelivery delivery) {
        return fixture.ledgers.notices().find(delivery.noticeId()).orElseThrow().state();
    }

    private List<String> securityEvents() {
        return fixture.ledgers
                .jdbc()
                .sql("select partner_id, kind, notice_id, detail, algorithm from security_event order by id")
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(5))
                .list();
    }
}
