package org.amanat.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
import org.junit.jupiter.api.Test;

/** What one attempt sends: the notice signed by the ministry and encrypted to the partner, with the protocol's headers. */
class NoticeSealerTest {
    private final DeliveryFixture fixture = new DeliveryFixture();
    private final NoticeSealer sealer =
            new NoticeSealer(fixture.partners, fixture.ministry, new Envelope(fixture.clock), fixture.clock);

    @Test
    void sealsTheExactNoticeJsonForThePartnerWithTheDigestOfTheBytes() {
        var delivery = fixture.leased();

        SealedNotice sealed = sealer.seal(delivery, fixture.partners.get(DeliveryFixture.PARTNER));

        var opened = fixture.kit.open(sealed.bytes());
        assertThat(new String(org.amanat.protocol.ProtocolJson.write(opened.notice()), StandardCharsets.UTF_8))
                .isEqualTo(delivery.noticeJson());
        assertThat(sealed.digest()).isEqualTo(Digests.sha256Base64(sealed.bytes()));
        assertThat(sealed.startedAt()).isEqualTo(fixture.clock.instant());
        assertThat(sealed.delivery()).isEqualTo(delivery);
    }

    @Test
    void theRouteStepSendsTheSealedBytesWithTheProtocolsHeaders() {
        var delivery = fixture.leased();
        Map<String, Object> headers = new HashMap<>();
        Map<String, Object> properties = new HashMap<>();

        byte[] body = sealer.sealForRoute(delivery, headers, properties);

        assertThat(headers)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Content-Type",
                        HttpWire.ENVELOPED_CONTENT_TYPE,
                        "Amanat-Notice-Id",
                        delivery.noticeId(),
                        "Idempotency-Key",
                        delivery.noticeId()));
        SealedNotice sealed = (SealedNotice) properties.get(NoticeSealer.SEALED);
        assertThat(sealed.bytes()).isEqualTo(body);
        assertThat(fixture.kit.open(body).notice().noticeId()).isEqualTo(delivery.noticeId());
        assertThat(properties.get(NoticeSealer.ENDPOINT))
                .isEqualTo("https://globaltube.example:9441/amanat/v1/notices"
                        + "?httpClient=#amanatHttp-globaltube&httpMethod=POST&throwExceptionOnFailure=true");
    }

    @Test
    void sealsAfreshForEachAttempt() {
        var delivery = fixture.leased();
        var partner = fixture.partners.get(DeliveryFixture.PARTNER);

        assertThat(sealer.seal(delivery, partner).digest())
                .isNotEqualTo(sealer.seal(delivery, partner).digest());
    }
}
