package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.amanat.ledger.DueDelivery;
import org.amanat.ledger.Outbox;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** What one poll leases for globaltube (bulkhead 4) and the checks just before a send. */
class DueDeliveriesTest {
    private final DeliveryFixture fixture = new DeliveryFixture();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final PartnerGuards guards = new PartnerGuards(
            fixture.partners, camel, fixture.ledgers.outbox(), fixture.clock, new SimpleMeterRegistry());
    private final CircuitBreaker breaker =
            camel.getRegistry().lookupByNameAndType(PartnerGuards.breakerName("globaltube"), CircuitBreaker.class);
    private final DueDeliveries deliveries = deliveries(fixture.ledgers.outbox(), 50);

    @AfterEach
    void stop() {
        deliveries.destroy();
        guards.destroy();
    }

    @Test
    void leasesNoMoreThanTheBulkheadHasFreeSlots() {
        issue(6);

        List<DueDelivery> first = deliveries.claim("globaltube");
        assertThat(first).hasSize(4);
        assertThat(deliveries.claim("globaltube")).as("every slot taken").isEmpty();

        deliveries.finished(first.get(0));
        assertThat(deliveries.claim("globaltube")).as("one slot freed").hasSize(1);
    }

    @Test
    void leasesNoMoreThanTheBatch() {
        issue(6);

        assertThat(deliveries(fixture.ledgers.outbox(), 3).claim("globaltube")).hasSize(3);
    }

    @Test
    void leasesNothingWhileTheBreakerIsOpen() {
        issue(2);
        breaker.transitionToOpenState();

        assertThat(deliveries.claim("globaltube")).isEmpty();
    }

    @Test
    void probesAHalfOpenBreakerWithTheOldestNoticesDueOrNot() {
        String oldest = fixture.issue(fixture.clock.instant().minusSeconds(30));
        fixture.issue(fixture.clock.instant().minusSeconds(20));
        fixture.issue(fixture.clock.instant().minusSeconds(10));
        fixture.ledgers
                .jdbc()
                .sql("update outbox set due_at = ?")
                .param(fixture.clock.instant().plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))
                .update();
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();

        assertThat(deliveries.claim("globaltube"))
                .extracting(DueDelivery::noticeId)
                .hasSize(2)
                .startsWith(oldest);
    }

    @Test
    void aPartnersFreeSlotsCountOnlyItsOwnDeliveriesInFlight() {
        Outbox outbox = mock(Outbox.class);
        DueDelivery elsewhere =
                new DueDelivery("n-9", "elsewhere", 0, "{}", fixture.clock.instant(), "node-1", 1, false);
        when(outbox.claim(anyString(), anyString(), any(), any(), anyInt(), anyBoolean(), any()))
                .thenReturn(List.of(elsewhere), List.of());
        var mixed = deliveries(outbox, 50);

        mixed.claim("globaltube");
        mixed.claim("globaltube");

        // the second poll still has all 4 of globaltube's slots: the delivery in flight is another partner's
        verify(outbox, times(2)).claim(eq("globaltube"), anyString(), any(), any(), eq(4), anyBoolean(), any());
        mixed.destroy();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds(CapturedOutput output) {
        Outbox flaky = mock(Outbox.class);
        when(flaky.claim(anyString(), anyString(), any(), any(), anyInt(), anyBoolean(), any()))
                .thenThrow(new CannotGetJdbcConnectionException("down"))
                .thenThrow(new CannotGetJdbcConnectionException("still down"))
                .thenReturn(List.of(), List.of());
        var onFlaky = deliveries(flaky, 50);

        onFlaky.claim("globaltube");
        onFlaky.claim("globaltube");
        fixture.clock.advance(Duration.ofMillis(1500));
        onFlaky.claim("globaltube");
        onFlaky.claim("globaltube");

        assertThat(output.getOut().split("database unavailable: delivery waits", -1))
                .as("one line for the outage")
                .hasSize(2);
        assertThat(output.getOut().split("database answers again", -1))
                .as("one line for its end")
                .hasSize(2);
        assertThat(output.getOut()).contains("delivery resumed after 1500 ms without it");
        onFlaky.destroy();
    }

    @Test
    void leasesNothingWhileTheDatabaseIsUnavailableAndResumesWhenItAnswers() {
        Outbox flaky = mock(Outbox.class);
        when(flaky.claim(anyString(), anyString(), any(), any(), anyInt(), anyBoolean(), any()))
                .thenThrow(new CannotGetJdbcConnectionException("down"))
                .thenThrow(new CannotGetJdbcConnectionException("still down"))
                .thenReturn(List.of(
                        new DueDelivery("n-1", "globaltube", 0, "{}", fixture.clock.instant(), "node-1", 1, false)));
        var onFlaky = deliveries(flaky, 50);

        assertThat(onFlaky.claim("globaltube")).isEmpty();
        assertThat(onFlaky.claim("globaltube")).isEmpty();
        assertThat(onFlaky.claim("globaltube")).hasSize(1);
        onFlaky.destroy();
    }

    @Test
    void anyOtherFailureToClaimIsPassedOn() {
        Outbox broken = mock(Outbox.class);
        var failure = new IllegalStateException("bug");
        when(broken.claim(anyString(), anyString(), any(), any(), anyInt(), anyBoolean(), any()))
                .thenThrow(failure);

        assertThatThrownBy(() -> deliveries(broken, 50).claim("globaltube")).isSameAs(failure);
    }

    @Test
    void sendsOnlyWhileTheBreakerLetsCallsThroughAndTheLeaseIsHeld() {
        issue(1);
        DueDelivery delivery = deliveries.claim("globaltube").get(0);
        fixture.clock.advance(Duration.ofSeconds(59));

        deliveries.beforeSend(delivery);

        // renewed for a whole lease from now: still held 60 s later, not 61 s later
        assertThat(fixture.ledgers
                        .outbox()
                        .renew(delivery, fixture.clock.instant().plusSeconds(60), Duration.ofSeconds(1)))
                .isTrue();
        breaker.transitionToOpenState();
        assertThatThrownBy(() -> deliveries.beforeSend(delivery))
                .isInstanceOf(NotSentException.class)
                .hasMessage("the partner's circuit breaker is open");
    }

    @Test
    void sendsNothingOnceTheLeaseIsLost() {
        issue(1);
        DueDelivery delivery = deliveries.claim("globaltube").get(0);
        fixture.clock.advance(DeliveryFixture.LEASE.plusMillis(1));

        assertThatThrownBy(() -> deliveries.beforeSend(delivery))
                .isInstanceOf(NotSentException.class)
                .hasMessage("this node's lease ran out or another node took the entry");
    }

    @Test
    void takesBackItsOwnLeasesAtStartUp() {
        issue(2);
        fixture.ledgers
                .outbox()
                .claim("globaltube", "node-1", fixture.clock.instant(), DeliveryFixture.LEASE, 1, false, Set.of());
        fixture.ledgers
                .outbox()
                .claim("globaltube", "node-2", fixture.clock.instant(), DeliveryFixture.LEASE, 1, false, Set.of());

        deliveries.afterPropertiesSet();

        assertThat(fixture.ledgers
                        .outbox()
                        .claim(
                                "globaltube",
                                "node-3",
                                fixture.clock.instant(),
                                DeliveryFixture.LEASE,
                                10,
                                false,
                                Set.of()))
                .as("node-1's lease is free, node-2's is not")
                .hasSize(1);
    }

    @Test
    void finishingNothingIsHarmless() {
        deliveries.finished(null);
    }

    private void issue(int count) {
        for (int i = 0; i < count; i++) {
            fixture.issue(fixture.clock.instant().minusSeconds(60 - i));
        }
    }

    private DueDeliveries deliveries(Outbox outbox, int batch) {
        return new DueDeliveries(
                outbox,
                new DeliverySettings(true, Duration.ofMillis(50), batch, DeliveryFixture.LEASE, "node-1"),
                guards,
                fixture.partners,
                fixture.clock);
    }
}
