package org.amanat.protocol;

import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * What a platform needs to take part: open a sealed notice from the ministry and answer it with a
 * signed receipt. One instance per platform identity; thread-safe.
 */
public final class PartnerKit {
    private final String partnerId;
    private final SigningIdentity signing;
    private final SigningIdentity decryption;
    private final X509Certificate ministrySigning;
    private final AlgorithmPolicy policy;
    private final Clock clock;
    private final Envelope envelope;
    private final Receipts receipts;
    private final StatusMessages statuses;

    /**
     * @param signing the platform's signing key, for receipts
     * @param decryption the platform's encryption key and certificate, which notices are encrypted to
     * @param ministrySigning the ministry's signing certificate, pinned: notices signed by anyone else are refused
     */
    public PartnerKit(
            String partnerId,
            SigningIdentity signing,
            SigningIdentity decryption,
            X509Certificate ministrySigning,
            AlgorithmPolicy policy,
            Clock clock) {
        this.partnerId = partnerId;
        this.signing = signing;
        this.decryption = decryption;
        this.ministrySigning = ministrySigning;
        this.policy = policy;
        this.clock = clock;
        this.envelope = new Envelope(clock);
        this.receipts = new Receipts(envelope);
        this.statuses = new StatusMessages(envelope);
    }

    public String partnerId() {
        return partnerId;
    }

    /** Decrypts, verifies under the ministry's pinned certificate and parses; refuses a notice for another platform. */
    public OpenedNotice open(byte[] sealed) {
        VerifiedContent verified = envelope.open(sealed, decryption, ministrySigning, policy);
        Notice notice = ProtocolJson.read(verified.content(), Notice.class);
        if (!Notice.PROTOCOL.equals(notice.protocol()) || notice.noticeId() == null) {
            throw new MalformedMessageException("not an " + Notice.PROTOCOL + " notice");
        }
        if (!partnerId.equals(notice.partnerId())) {
            throw new MalformedMessageException("notice is addressed to " + notice.partnerId() + ", not " + partnerId);
        }
        return new OpenedNotice(notice, sealed, Digests.sha256Base64(sealed), verified.signatureAlgorithm());
    }

    /**
     * A status update, signed with the platform's key and encrypted to the ministry's encryption
     * certificate: the body of {@code POST /partner/v1/status}.
     */
    public byte[] sealStatus(StatusUpdate update, X509Certificate ministryEncryption) {
        return envelope.seal(ProtocolJson.write(update), signing, ministryEncryption);
    }

    /** Checks the gateway's answer to a status update: signed by the ministry, for this status and these bytes. */
    public StatusReceipt verifyStatusReceipt(byte[] receiptDer, String statusId, byte[] sentBytes) {
        return statuses.verifyReceipt(receiptDer, ministrySigning, policy, statusId, sentBytes);
    }

    /** The signed receipt (DER) for an opened notice. */
    public byte[] receipt(OpenedNotice opened, Disposition disposition, String partnerReference) {
        var receipt = new Receipt(
                Notice.PROTOCOL,
                opened.notice().noticeId(),
                clock.instant(),
                opened.digest(),
                disposition,
                partnerReference);
        return receipts.sign(receipt, signing);
    }
}
