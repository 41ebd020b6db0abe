package org.amanat.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.amanat.ledger.DueDelivery;
import org.amanat.partner.MinistryKeys;
import org.amanat.partner.Partner;
import org.amanat.partner.PartnerDirectory;
import org.amanat.protocol.Digests;
import org.amanat.protocol.Envelope;
import org.amanat.protocol.HttpWire;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperties;
import org.apache.camel.Headers;
import org.springframework.stereotype.Component;

/**
 * Signs the notice with the ministry's key for the partner's algorithm profile and encrypts it to the
 * partner's pinned encryption certificate, afresh for each attempt (so signing-time is current), and
 * sets the protocol's HTTP headers. The same notice id is the Idempotency-Key of every attempt.
 */
@Component
class NoticeSealer {
    static final String SEALED = "amanatSealed";
    static final String ENDPOINT = "amanatEndpoint";

    private final PartnerDirectory partners;
    private final MinistryKeys ministry;
    private final Envelope envelope;
    private final Clock clock;

    NoticeSealer(PartnerDirectory partners, MinistryKeys ministry, Envelope envelope, Clock clock) {
        this.partners = partners;
        this.ministry = ministry;
        this.envelope = envelope;
        this.clock = clock;
    }

    SealedNotice seal(DueDelivery delivery, Partner partner) {
        byte[] sealed = envelope.seal(
                delivery.noticeJson().getBytes(StandardCharsets.UTF_8),
                ministry.signing(partner.profile().algorithmProfile()),
                partner.encryptionCertificate());
        return new SealedNotice(delivery, sealed, Digests.sha256Base64(sealed), clock.instant());
    }

    /** Route step: the body becomes the sealed bytes; headers and properties carry the rest. */
    public byte[] sealForRoute(
            @Body DueDelivery delivery,
            @Headers Map<String, Object> headers,
            @ExchangeProperties Map<String, Object> properties) {
        Partner partner = partners.get(delivery.partnerId());
        SealedNotice sealed = seal(delivery, partner);
        headers.put("Content-Type", HttpWire.ENVELOPED_CONTENT_TYPE);
        headers.put(HttpWire.NOTICE_ID_HEADER, delivery.noticeId());
        headers.put(HttpWire.IDEMPOTENCY_KEY_HEADER, delivery.noticeId());
        properties.put(SEALED, sealed);
        properties.put(ENDPOINT, PartnerHttpClients.endpointUri(partner.profile()));
        return sealed.bytes();
    }
}
