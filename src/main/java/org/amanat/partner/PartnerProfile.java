package org.amanat.partner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Urgency;

/** One platform as the gateway knows it, read from {@code partner-configs/<id>.yaml}. */
public record PartnerProfile(
        String id,
        String name,
        URI endpoint,
        AlgorithmProfile algorithmProfile,
        Certificates certificates,
        Tls tls,
        Connection connection,
        Delivery delivery,
        Resilience resilience,
        Obligations obligations,
        ReceiveOnly receiveOnly) {

    /** The platform's pinned certificates: receipts must verify under {@code signing}; notices are encrypted to {@code encryption}. */
    public record Certificates(Path signing, Path encryption) {}

    /**
     * @param mode MUTUAL (client certificate presented), SERVER (server authenticated only) or NONE (plain HTTP, tests and local demos only)
     * @param trustedCa the CA that the platform's TLS server certificate must chain to
     * @param clientCertificate the certificate the platform presents when it calls the gateway ({@code /partner/**}),
     *     naming this partner and no other (issue 11, item 4); optional until the partner listener requires it
     * @param clientCa the CA that issued {@code clientCertificate}, which the partner listener names as acceptable (Java
     *     clients present only a certificate whose issuer the server names); left out for a self-signed certificate
     */
    public record Tls(TlsMode mode, Path trustedCa, Path clientCertificate, Path clientCa) {}

    public enum TlsMode {
        MUTUAL,
        SERVER,
        NONE
    }

    public record Connection(Duration connectTimeout, Duration responseTimeout) {}

    /**
     * Durable retry: the next attempt's time is kept in the ledger.
     *
     * @param immediateAttempts attempts before the notice is DELIVERY_FAILED (it is still retried)
     * @param firstBackoff the wait after the first failed attempt; it doubles after each one
     * @param laterInterval the longest wait between attempts; a notice is never dropped
     * @param jitter randomisation of each wait, 0 to 1 (0.5: between half and one and a half times)
     * @param flagAfterAttempts a notice still undelivered after this many attempts is flagged and alerted
     * @param flagAfterAge a notice still undelivered this long after issue is flagged and alerted
     */
    public record Delivery(
            int immediateAttempts,
            Duration firstBackoff,
            Duration laterInterval,
            double jitter,
            int flagAfterAttempts,
            Duration flagAfterAge) {}

    /**
     * Resilience4j guards around each HTTP exchange with the partner.
     *
     * @param timeLimit an exchange taking longer is cut, and counts as failed
     * @param bulkhead at most this many exchanges with the partner at once (also its connection pool)
     */
    public record Resilience(Duration timeLimit, int bulkhead, CircuitBreaker circuitBreaker) {}

    /**
     * @param failureRateThreshold percent of failed exchanges, in the sliding window, that opens the breaker
     * @param slowCallDurationThreshold an exchange slower than this is slow
     * @param slowCallRateThreshold percent of slow exchanges that opens the breaker
     * @param waitInOpenState how long the breaker stays open before letting probes through (half-open)
     */
    public record CircuitBreaker(
            int failureRateThreshold,
            Duration slowCallDurationThreshold,
            int slowCallRateThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            Duration waitInOpenState,
            int permittedCallsInHalfOpenState) {}

    /**
     * What the platform signed up to.
     *
     * @param ackWithin a signed receipt is due this long after issue
     * @param actionWithin a final report (actioned or rejected) is due this long after issue, by urgency
     * @param tlsMinimum the oldest TLS version its endpoint may negotiate: TLSv1.2 or TLSv1.3
     * @param certificateExpiryWarning a certificate expiring within this window is a finding
     */
    public record Obligations(
            Duration ackWithin,
            Map<Urgency, Duration> actionWithin,
            String tlsMinimum,
            Duration certificateExpiryWarning) {}

    /** Loosenings of the algorithm policy for what this platform sends (DESIGN.md section 7). */
    public record ReceiveOnly(
            boolean rsaPkcs1v15Signatures, boolean rsa2048, boolean aes128Gcm, Duration maxClockSkew) {}
}
