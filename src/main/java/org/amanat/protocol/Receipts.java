package org.amanat.protocol;

import java.security.cert.X509Certificate;

/** Signs and checks receipts: the partner's signed proof of exactly which bytes it received. */
public final class Receipts {
    private final Envelope envelope;

    public Receipts(Envelope envelope) {
        this.envelope = envelope;
    }

    public byte[] sign(Receipt receipt, SigningIdentity partner) {
        return envelope.sign(ProtocolJson.write(receipt), partner);
    }

    /**
     * Accepts a receipt only if it verifies under the partner's pinned certificate, names the notice
     * that was sent and carries the digest of the exact bytes that were sent.
     */
    public VerifiedReceipt verify(byte[] receiptDer, X509Certificate pinnedPartner, AlgorithmPolicy policy,
            String expectedNoticeId, byte[] sentBytes) {
        VerifiedContent verified = envelope.verify(receiptDer, pinnedPartner, policy);
        Receipt receipt = ProtocolJson.read(verified.content(), Receipt.class);
        if (!Notice.PROTOCOL.equals(receipt.protocol())) {
            throw new ReceiptMismatchException("receipt protocol is " + receipt.protocol() + ", expected " + Notice.PROTOCOL);
        }
        if (!expectedNoticeId.equals(receipt.noticeId())) {
            throw new ReceiptMismatchException("receipt is for notice " + receipt.noticeId() + ", expected " + expectedNoticeId);
        }
        if (!Digests.sha256Base64(sentBytes).equals(receipt.digest())) {
            throw new ReceiptMismatchException("receipt digest does not match the bytes sent");
        }
        if (receipt.disposition() == null) {
            throw new ReceiptMismatchException("receipt has no disposition");
        }
        return new VerifiedReceipt(receipt, verified.signatureAlgorithm());
    }
}
