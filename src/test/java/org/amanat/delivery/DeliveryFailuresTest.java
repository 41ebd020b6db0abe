package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.amanat.partner.PartnerProfile;
import org.amanat.protocol.UntrustedSignerException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DeliveryFailuresTest {

    @Test
    void backsOffDoublingFromTheFirstBackoffUpToTheLaterInterval() {
        var policy = new PartnerProfile.Delivery(
                3, Duration.ofSeconds(2), Duration.ofMinutes(5), 0, 20, Duration.ofHours(2));
        var backoff = DeliveryFailures.backoff(policy);

        assertThat(backoff.apply(1)).isEqualTo(2_000);
        assertThat(backoff.apply(2)).isEqualTo(4_000);
        assertThat(backoff.apply(3)).isEqualTo(8_000);
        assertThat(backoff.apply(500)).isEqualTo(300_000);
    }

    @Test
    void spreadsWaitsByTheJitter() {
        var policy = new PartnerProfile.Delivery(
                3, Duration.ofSeconds(10), Duration.ofMinutes(5), 0.5, 20, Duration.ofHours(2));
        var backoff = DeliveryFailures.backoff(policy);

        var waits = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> backoff.apply(1))
                .toList();

        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(5_000L, 15_000L));
        assertThat(waits.stream().distinct().count()).as("randomised").isGreaterThan(50);
    }

    @Test
    void namesTheReasonAnOfficerCanActOn() {
        var http = new HttpOperationFailedException(
                "https://p.example", 503, "Service Unavailable", null, null, "down for maintenance\nmore");

        assertThat(DeliveryFailures.reason(http)).isEqualTo("partner answered HTTP 503 (down for maintenance)");
        assertThat(DeliveryFailures.httpStatus(http, null)).isEqualTo(503);
        assertThat(DeliveryFailures.reason(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect: Connection refused");
        assertThat(DeliveryFailures.reason(new SocketTimeoutException("Read timed out")))
                .isEqualTo("timed out: Read timed out");
        assertThat(DeliveryFailures.reason(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo("TLS failure: PKIX path building failed");
        assertThat(DeliveryFailures.reason(new UntrustedSignerException("not signed by the pinned certificate CN=x")))
                .isEqualTo("receipt refused: not signed by the pinned certificate CN=x");
    }

    @Test
    void namesWhyAnAttemptWasNotSentOrCouldNotFinish() {
        var breaker = CircuitBreaker.ofDefaults("p");
        breaker.transitionToOpenState();

        assertThat(DeliveryFailures.reason(new TimeoutException()))
                .isEqualTo("timed out: the exchange took longer than the partner's time limit");
        assertThat(DeliveryFailures.reason(new RuntimeException(new NotSentException("the notice was withdrawn"))))
                .isEqualTo("not sent: the notice was withdrawn");
        assertThat(DeliveryFailures.reason(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isEqualTo("not sent: the partner's circuit breaker is open");
        assertThat(DeliveryFailures.reason(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("p"))))
                .isEqualTo("not sent: the partner's bulkhead is full");
        assertThat(DeliveryFailures.reason(new SocketException("Connection reset")))
                .isEqualTo("connection failed: Connection reset");
        assertThat(DeliveryFailures.reason(new IllegalStateException("unexpected")))
                .isEqualTo("IllegalStateException: unexpected");
    }

    @Test
    void quotesTheFirstLineOfThePartnersAnswerUpTo200Characters() {
        String longest = "x".repeat(200);

        assertThat(DeliveryFailures.reason(httpError(longest + "\nsecond line")))
                .isEqualTo("partner answered HTTP 500 (" + longest + ")");
        assertThat(DeliveryFailures.reason(httpError(longest + "y")))
                .isEqualTo("partner answered HTTP 500 (" + longest + "...)");
        assertThat(DeliveryFailures.reason(httpError("  \n"))).isEqualTo("partner answered HTTP 500 ");
        assertThat(DeliveryFailures.reason(httpError(null))).isEqualTo("partner answered HTTP 500 ");
    }

    private static HttpOperationFailedException httpError(String body) {
        return new HttpOperationFailedException("https://p.example", 500, "Internal Server Error", null, null, body);
    }

    @Test
    void keepsTheStatusOfAnAnswerWhoseReceiptWasRefused() {
        var refused = new RuntimeException(new UntrustedSignerException("not signed by the pinned certificate CN=x"));

        assertThat(DeliveryFailures.httpStatus(refused, 200)).isEqualTo(200);
        assertThat(DeliveryFailures.httpStatus(new ConnectException("Connection refused"), null))
                .isNull();
    }

    @Test
    void countsAnAttemptAsPossiblyDeliveredUnlessTheRequestProvablyNeverLeft() {
        var http = new HttpOperationFailedException("https://p.example", 500, "Server Error", null, null, "");

        assertThat(DeliveryFailures.mayHaveReachedPartner(http, 500))
                .as("an HTTP error answer")
                .isTrue();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new UntrustedSignerException("forged"), 200))
                .as("a refused receipt")
                .isTrue();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new SocketTimeoutException("Read timed out"), null))
                .isTrue();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new TimeoutException(), null))
                .as("the time limit")
                .isTrue();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new SocketException("Connection reset"), null))
                .isTrue();
        assertThat(DeliveryFailures.mayHaveReachedPartner(
                        new RuntimeException(new ConnectException("Connection refused")), null))
                .isFalse();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new UnknownHostException("nowhere.example"), null))
                .isFalse();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new ConnectTimeoutException("Connect timed out"), null))
                .isFalse();
        assertThat(DeliveryFailures.mayHaveReachedPartner(new SSLHandshakeException("PKIX path building failed"), null))
                .isFalse();
        assertThat(DeliveryFailures.mayHaveReachedPartner(
                        BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("p")), null))
                .isFalse();
    }

    /** The database's connection refused, while recording a receipt, must not read as the partner's. */
    @Test
    void tellsTheDatabaseBeingUnavailableFromThePartnerBeingUnreachable() {
        var database = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available", new ConnectException("Connection refused")));

        assertThat(DeliveryFailures.reason(database)).startsWith("database unavailable: ");
        assertThat(DeliveryFailures.mayHaveReachedPartner(database, null)).isTrue();
    }

    @Test
    void recordsNothingWhenThePollFailedBeforeLeasingAnyNotice() {
        var failures = new DeliveryFailures(null, null, Clock.systemUTC(), null, null, null);

        assertThatCode(() -> failures.record(new IllegalStateException("no partner guards"), null, null, null))
                .doesNotThrowAnyException();
    }
}
