package org.amanat.partner;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.amanat.protocol.AlgorithmPolicy;
import org.amanat.protocol.AlgorithmProfile;
import org.amanat.protocol.Pki.KeyType;
import org.amanat.protocol.TestPki;
import org.amanat.protocol.Urgency;

/**
 * Partners and ministry keys made in memory from {@link TestPki}'s keys, for unit tests of the beans that
 * use them; the profile's values are those of the example profiles (obligations: receipt within 1 h,
 * URGENT action within 4 h, STANDARD within 24 h; clock skew 5 min).
 */
public final class TestPartners {
    public static final Duration ACK_WITHIN = Duration.ofHours(1);
    public static final Duration URGENT_WITHIN = Duration.ofHours(4);
    public static final Duration STANDARD_WITHIN = Duration.ofHours(24);
    public static final Duration SKEW = Duration.ofMinutes(5);

    private TestPartners() {}

    /** The ministry's EC keys (and RSA keys only when asked for: RSA-3072 generation is slow). */
    public static MinistryKeys ministry() {
        var ec = TestPki.ministry(KeyType.EC_P256);
        return new MinistryKeys(
                Map.of(AlgorithmProfile.EC, ec.signing()),
                Map.of(AlgorithmProfile.EC, ec.encryption()),
                TestPki.MINISTRY_TLS);
    }

    /** An EC partner holding {@link TestPki#partner}'s keys. */
    public static Partner partner(String id) {
        return partner(
                profile(id, URI.create("https://" + id + ".example:9441/amanat/v1/notices")),
                TestPki.partner(KeyType.EC_P256));
    }

    /** An EC partner holding {@link TestPki#otherPartner}'s keys. */
    public static Partner otherPartner(String id) {
        return partner(
                profile(id, URI.create("https://" + id + ".example:9442/amanat/v1/notices")),
                TestPki.otherPartner(KeyType.EC_P256));
    }

    public static Partner partner(PartnerProfile profile, TestPki.Party keys) {
        var receiveOnly = profile.receiveOnly();
        return new Partner(
                profile,
                keys.signing().certificate(),
                keys.encryption().certificate(),
                TestPki.caCertificate(),
                new AlgorithmPolicy(
                        receiveOnly.rsaPkcs1v15Signatures(),
                        receiveOnly.rsa2048(),
                        receiveOnly.aes128Gcm(),
                        receiveOnly.maxClockSkew()));
    }

    public static PartnerProfile profile(String id, URI endpoint) {
        return new PartnerProfile(
                id,
                "Partner " + id,
                endpoint,
                AlgorithmProfile.EC,
                new PartnerProfile.Certificates(null, null),
                new PartnerProfile.Tls(PartnerProfile.TlsMode.MUTUAL, null, null, null),
                new PartnerProfile.Connection(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new PartnerProfile.Delivery(
                        3, Duration.ofSeconds(2), Duration.ofMinutes(5), 0, 20, Duration.ofHours(2)),
                new PartnerProfile.Resilience(
                        Duration.ofSeconds(10),
                        4,
                        new PartnerProfile.CircuitBreaker(
                                50, Duration.ofSeconds(5), 100, 10, 5, Duration.ofSeconds(30), 2)),
                new PartnerProfile.Obligations(
                        ACK_WITHIN,
                        Map.of(Urgency.URGENT, URGENT_WITHIN, Urgency.STANDARD, STANDARD_WITHIN),
                        "TLSv1.2",
                        Duration.ofDays(30)),
                new PartnerProfile.ReceiveOnly(false, false, false, SKEW));
    }
}
