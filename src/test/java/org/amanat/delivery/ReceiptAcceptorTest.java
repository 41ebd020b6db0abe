package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.amanat.ledger.NoticeState;
import org.amanat.ledger.Outbox;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.Disposition;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.MalformedMessageException;
import org.amanat.protocol.PartnerKit;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.ReceiptMismatchException;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.UntrustedSignerException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** A receipt counts only if the partner's pinned key signed it, for this notice, over the bytes sent. */
class ReceiptAcceptorTest {
    private final DeliveryFixture fixture = new DeliveryFixture();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DueDeliveries deliveries = mock(DueDeliveries.class);
    private final NoticeSealer sealer =
            new NoticeSealer(fixture.partners, fixture.ministry, new Envelope(fixture.clock), fixture.clock);
    private final ReceiptAcceptor acceptor = new ReceiptAcceptor(
            fixture.partners, fixture.ledgers.outbox(), new Envelope(fixture.clock), fixture.clock, meters, deliveries);

    @Test
    void recordsTheVerifiedReceiptAsDeliveredAndTimesItFromIssue() {
        SealedNotice sealed = sealed();
        fixture.clock.advance(Duration.ofSeconds(2));
        byte[] receipt = fixture.kit.receipt(fixture.kit.open(sealed.bytes()), Disposition.RECEIVED, "GT-123");

        acceptor.accept(receipt, sealed, 202);

        var notice =
                fixture.ledgers.notices().find(sealed.delivery().noticeId()).orElseThrow();
        assertThat(notice.state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(notice.deliveredAt()).isEqualTo(fixture.clock.instant());
        assertThat(notice.receipt().disposition()).isEqualTo("RECEIVED");
        assertThat(notice.receipt().partnerReference()).isEqualTo("GT-123");
        assertThat(notice.receipt().digest()).isEqualTo(sealed.digest());
        assertThat(fixture.ledgers.notices().receiptDer(notice.id())).hasValue(receipt);
        var attempt = fixture.ledgers.notices().attempts(notice.id()).get(0);
        assertThat(attempt.httpStatus()).isEqualTo(202);
        assertThat(attempt.startedAt()).isEqualTo(sealed.startedAt());
        assertThat(meters.counter(DeliveryFailures.ATTEMPTS, "partner", "globaltube", "outcome", "delivered")
                        .count())
                .isEqualTo(1.0);
        Timer latency = meters.find("amanat.notice.ack.latency")
                .tag("partner", "globaltube")
                .timer();
        assertThat(latency.totalTime(TimeUnit.SECONDS))
                .as("issued a minute before sealing, received 2 s after")
                .isEqualTo(62.0);
        verify(deliveries).finished(sealed.delivery());
    }

    @Test
    void anAnswerWithoutAStatusCountsAsOk() {
        SealedNotice sealed = sealed();

        acceptor.accept(
                fixture.kit.receipt(fixture.kit.open(sealed.bytes()), Disposition.DUPLICATE, null), sealed, null);

        assertThat(fixture.ledgers
                        .notices()
                        .attempts(sealed.delivery().noticeId())
                        .get(0)
                        .httpStatus())
                .isEqualTo(200);
    }

    @Test
    void refusesAReceiptSignedByAnyoneButThePartner() {
        SealedNotice sealed = sealed();
        var impostor = new PartnerKit(
                "globaltube",
                TestPki.otherPartner(KeyType.EC_P256).signing(),
                TestPki.partner(KeyType.EC_P256).encryption(),
                TestPki.ministry(KeyType.EC_P256).signing().certificate(),
                AlgorithmPolicy.strict(),
                fixture.clock);

        assertThatThrownBy(() -> acceptor.accept(
                        impostor.receipt(impostor.open(sealed.bytes()), Disposition.RECEIVED, null), sealed, 200))
                .isInstanceOf(UntrustedSignerException.class);
        assertNothingRecorded(sealed);
    }

    @Test
    void refusesAReceiptForOtherBytes() {
        SealedNotice sealed = sealed();
        SealedNotice resealed = sealer.seal(sealed.delivery(), fixture.partners.get("globaltube"));
        byte[] receiptOfOther = fixture.kit.receipt(fixture.kit.open(resealed.bytes()), Disposition.RECEIVED, null);

        assertThatThrownBy(() -> acceptor.accept(receiptOfOther, sealed, 200))
                .isInstanceOf(ReceiptMismatchException.class);
        assertNothingRecorded(sealed);
    }

    @Test
    void anEmptyAnswerIsNoReceipt() {
        SealedNotice sealed = sealed();

        assertThatThrownBy(() -> acceptor.accept(null, sealed, 200)).isInstanceOf(MalformedMessageException.class);
        assertNothingRecorded(sealed);
    }

    @Test
    void aReceiptAfterTheLeaseWasLostIsCountedLateAndNotTimed() {
        SealedNotice sealed = sealed();
        fixture.ledgers
                .jdbc()
                .sql("update outbox set lease_token = lease_token + 1")
                .update(); // another node took it
        byte[] receipt = fixture.kit.receipt(fixture.kit.open(sealed.bytes()), Disposition.RECEIVED, null);

        acceptor.accept(receipt, sealed, 200);

        assertThat(fixture.ledgers
                        .notices()
                        .attempts(sealed.delivery().noticeId())
                        .get(0)
                        .outcome())
                .isEqualTo("LATE");
        assertThat(meters.counter(DeliveryFailures.ATTEMPTS, "partner", "globaltube", "outcome", "late")
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.find(DeliveryFailures.ATTEMPTS)
                        .tag("outcome", "delivered")
                        .counter())
                .isNull();
        assertThat(meters.find("amanat.notice.ack.latency").timer()).isNull();
        verify(deliveries).finished(sealed.delivery());
    }

    @Test
    void aVerifiedReceiptTheLedgerCannotTakeTravelsOnWithTheFailure() {
        Outbox down = mock(Outbox.class);
        var failure = new DataAccessResourceFailureException("connection lost");
        when(down.recordDelivered(any())).thenThrow(failure);
        var acceptorWithoutLedger = new ReceiptAcceptor(
                fixture.partners, down, new Envelope(fixture.clock), fixture.clock, meters, deliveries);
        SealedNotice sealed = sealed();
        byte[] receipt = fixture.kit.receipt(fixture.kit.open(sealed.bytes()), Disposition.RECEIVED, "GT-9");

        assertThatThrownBy(() -> acceptorWithoutLedger.accept(receipt, sealed, 200))
                .isInstanceOfSatisfying(ReceiptNotRecordedException.class, e -> {
                    assertThat(e.getCause()).isSameAs(failure);
                    assertThat(e.outcome().receiptDer()).isEqualTo(receipt);
                    assertThat(e.outcome().partnerReference()).isEqualTo("GT-9");
                    assertThat(e.outcome().sentDigest()).isEqualTo(sealed.digest());
                });
        verify(deliveries, never()).finished(any());
    }

    private SealedNotice sealed() {
        return sealer.seal(fixture.leased(), fixture.partners.get("globaltube"));
    }

    private void assertNothingRecorded(SealedNotice sealed) {
        assertThat(fixture.ledgers
                        .notices()
                        .find(sealed.delivery().noticeId())
                        .orElseThrow()
                        .state())
                .isEqualTo(NoticeState.ISSUED);
        assertThat(fixture.ledgers.notices().attempts(sealed.delivery().noticeId()))
                .isEmpty();
        assertThat(meters.getMeters()).isEmpty();
    }
}
