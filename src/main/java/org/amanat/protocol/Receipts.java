package org.amanat.protocol;

import java.security.cert.X509Certificate;

/** Signs and checks receipts: the partner's signed proof of exactly which bytes it received. */
public final class Receipts {
    /** As long as the ledger keeps it. */
    static final int MAX_PARTNER_REFERENCE = 200;

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
    public VerifiedReceipt verify(
            byte[] receiptDer,
            X509Certificate pinnedPartner,
            AlgorithmPolicy policy,
            String expectedNoticeId,
            byte[] sentBytes) {
        VerifiedContent verified = envelope.verify(receiptDer, pinnedPartner, policy);
        Receipt receipt = ProtocolJson.read(verified.content(), Receipt.class);
        if (!Notice.PROTOCOL.equals(receipt.protocol())) {
            throw new ReceiptMismatchException(
                    "receipt protocol is " + receipt.protocol() + ", expected " + Notice.PROTOCOL);
        }
        if (!expectedNoticeId.equals(receipt.noticeId())) {
            throw new ReceiptMismatchException(
                    "receipt is for notice " + receipt.noticeId() + ", expected " + expectedNoticeId);
        }
        if (!Digests.sha256Base64(sentBytes).equals(receipt.digest())) {
            throw new ReceiptMismatchException("receipt digest does not match the bytes sent");
        }
        if (receipt.disposition() == null) {
            throw new ReceiptMismatchException("receipt has no disposition");
        }
        // The reference is kept with the notice as evidence and shown to officers: the same text rules as every field
        // from outside.
        String reference = receipt.partnerReference();
        String problem =
                reference == null || reference.isEmpty() ? null : Texts.lineProblem(reference, MAX_PARTNER_REFERENCE);
        if (problem != null) {
            throw new MalformedMessageException("receipt partnerReference " + problem);
        }
        return new VerifiedReceipt(receipt, verified.signatureAlgorithm());
    }
}
