package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.amanat.protocol.UntrustedSignerException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

class DeliveryFailuresTest {

    @Test
    void backsOffDoublingFromTheFirstBackoff() {
        Duration first = Duration.ofSeconds(2);

        assertThat(DeliveryFailures.backoff(first, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DeliveryFailures.backoff(first, 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DeliveryFailures.backoff(first, 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(DeliveryFailures.backoff(first, 500)).isEqualTo(first.multipliedBy(1L << 20));
    }

    @Test
    void namesTheReasonAnOfficerCanActOn() {
        var http = new HttpOperationFailedException("https://p.example", 503, "Service Unavailable", null, null, "down for maintenance\nmore");

        assertThat(DeliveryFailures.reason(http)).isEqualTo("partner answered HTTP 503 (down for maintenance)");
        assertThat(DeliveryFailures.httpStatus(http)).isEqualTo(503);
        assertThat(DeliveryFailures.reason(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect: Connection refused");
        assertThat(DeliveryFailures.reason(new SocketTimeoutException("Read timed out"))).isEqualTo("timed out: Read timed out");
        assertThat(DeliveryFailures.reason(new SSLHandshakeException("PKIX path building failed")))
                .isEqualTo("TLS failure: PKIX path building failed");
        assertThat(DeliveryFailures.reason(new UntrustedSignerException("not signed by the pinned certificate CN=x")))
                .isEqualTo("receipt refused: not signed by the pinned certificate CN=x");
    }
}
