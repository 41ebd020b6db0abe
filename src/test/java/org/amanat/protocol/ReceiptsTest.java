package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.amanat.protocol.Pki.KeyType;
import org.junit.jupiter.api.Test;

class ReceiptsTest {
    private static final byte[] SENT = "sealed bytes".getBytes(StandardCharsets.UTF_8);
    private static final String NOTICE_ID = "01a20000-0000-7000-8000-000000000001";
    private static final SigningIdentity PARTNER =
            TestPki.partner(KeyType.EC_P256).signing();
    private final Receipts receipts = new Receipts(new Envelope(Clock.systemUTC()));

    @Test
    void acceptsReceiptForTheNoticeAndBytesSent() {
        byte[] der = receipts.sign(receipt(NOTICE_ID, Digests.sha256Base64(SENT), Disposition.DUPLICATE), PARTNER);

        VerifiedReceipt verified =
                receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT);

        assertThat(verified.receipt().disposition()).isEqualTo(Disposition.DUPLICATE);
    }

    @Test
    void refusesReceiptForAnotherNotice() {
        byte[] der = receipts.sign(
                receipt("01a20000-0000-7000-8000-000000000002", Digests.sha256Base64(SENT), Disposition.RECEIVED),
                PARTNER);

        assertThatThrownBy(() -> receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT))
                .isInstanceOf(ReceiptMismatchException.class)
                .hasMessageContaining("expected " + NOTICE_ID);
    }

    @Test
    void refusesReceiptWhoseDigestIsNotOfTheBytesSent() {
        byte[] der = receipts.sign(
                receipt(
                        NOTICE_ID,
                        Digests.sha256Base64("other".getBytes(StandardCharsets.UTF_8)),
                        Disposition.RECEIVED),
                PARTNER);

        assertThatThrownBy(() -> receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT))
                .isInstanceOf(ReceiptMismatchException.class)
                .hasMessageContaining("digest");
    }

    @Test
    void refusesReceiptSignedByAnotherPartner() {
        byte[] der = receipts.sign(
                receipt(NOTICE_ID, Digests.sha256Base64(SENT), Disposition.RECEIVED),
                TestPki.otherPartner(KeyType.EC_P256).signing());

        assertThatThrownBy(() -> receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT))
                .isInstanceOf(UntrustedSignerException.class);
    }

    @Test
    void refusesSignedContentThatIsNotAReceipt() {
        byte[] der = new Envelope(Clock.systemUTC()).sign("[1, 2]".getBytes(StandardCharsets.UTF_8), PARTNER);

        assertThatThrownBy(() -> receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void refusesDeeplyNestedReceiptBeforeParsingIt() {
        assertThatThrownBy(() -> receipts.verify(
                        HostileDer.nestedIndefinite(200_000),
                        PARTNER.certificate(),
                        AlgorithmPolicy.strict(),
                        NOTICE_ID,
                        SENT))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("nested deeper than 32 levels");
    }

    @Test
    void refusesReceiptWhosePartnerReferenceForgesALineOrOverrunsTheLedger() {
        for (String reference :
                new String[] {"T-7\nINFO forged log line", "T-7\u202e", "r".repeat(Receipts.MAX_PARTNER_REFERENCE + 1)
                }) {
            byte[] der = receipts.sign(
                    new Receipt(
                            Notice.PROTOCOL,
                            NOTICE_ID,
                            Instant.now(),
                            Digests.sha256Base64(SENT),
                            Disposition.RECEIVED,
                            reference),
                    PARTNER);

            assertThatThrownBy(() ->
                            receipts.verify(der, PARTNER.certificate(), AlgorithmPolicy.strict(), NOTICE_ID, SENT))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("partnerReference");
        }
    }

    private static Receipt receipt(String noticeId, String digest, Disposition disposition) {
        return new Receipt(Notice.PROTOCOL, noticeId, Instant.now(), digest, disposition, "ref");
    }
}
