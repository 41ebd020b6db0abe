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
        Obligations obligations,
        ReceiveOnly receiveOnly) {

    /** The platform's pinned certificates: receipts must verify under {@code signing}; notices are encrypted to {@code encryption}. */
    public record Certificates(Path signing, Path encryption) {}

    /**
     * @param mode MUTUAL (client certificate presented), SERVER (server authenticated only) or NONE (plain HTTP, tests and local demos only)
     * @param trustedCa the CA that the platform's TLS server certificate must chain to
     */
    public record Tls(TlsMode mode, Path trustedCa) {}

    public enum TlsMode { MUTUAL, SERVER, NONE }

    public record Connection(Duration connectTimeout, Duration responseTimeout) {}

    /**
     * @param immediateAttempts attempts, backing off from {@code firstBackoff}, before the notice is DELIVERY_FAILED
     * @param laterInterval how often a DELIVERY_FAILED notice is tried again; it is never dropped
     */
    public record Delivery(int immediateAttempts, Duration firstBackoff, Duration laterInterval) {}

    public record Obligations(Duration ackWithin, Map<Urgency, Duration> actionWithin) {}

    /** Loosenings of the algorithm policy for what this platform sends (DESIGN.md section 7). */
    public record ReceiveOnly(boolean rsaPkcs1v15Signatures, boolean rsa2048, boolean aes128Gcm, Duration maxClockSkew) {}
}
