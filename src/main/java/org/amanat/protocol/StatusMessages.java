package org.amanat.protocol;

import java.security.cert.X509Certificate;

/** Opening status updates and signing and checking the ministry's answers to them. */
public final class StatusMessages {
    private final Envelope envelope;

    public StatusMessages(Envelope envelope) {
        this.envelope = envelope;
    }

    /** Decrypts with the ministry's key, verifies under the platform's pinned certificate, parses, checks every field. */
    public OpenedStatus open(
            byte[] sealed, SigningIdentity ministryEncryption, X509Certificate pinnedPartner, AlgorithmPolicy policy) {
        VerifiedContent verified = envelope.open(sealed, ministryEncryption, pinnedPartner, policy);
        StatusUpdate update = ProtocolJson.read(verified.content(), StatusUpdate.class);
        StatusFields.check(update);
        return new OpenedStatus(update, Digests.sha256Base64(sealed), verified.signatureAlgorithm());
    }

    public byte[] signReceipt(StatusReceipt receipt, SigningIdentity ministrySigning) {
        return envelope.sign(ProtocolJson.write(receipt), ministrySigning);
    }

    /** What the platform does with the gateway's answer: accept it only for this status and these bytes. */
    public StatusReceipt verifyReceipt(
            byte[] receiptDer,
            X509Certificate pinnedMinistry,
            AlgorithmPolicy policy,
            String statusId,
            byte[] sentBytes) {
        StatusReceipt receipt = ProtocolJson.read(
                envelope.verify(receiptDer, pinnedMinistry, policy).content(), StatusReceipt.class);
        if (!statusId.equals(receipt.statusId())) {
            throw new ReceiptMismatchException(
                    "receipt is for status " + receipt.statusId() + ", expected " + statusId);
        }
        if (!Digests.sha256Base64(sentBytes).equals(receipt.digest())) {
            throw new ReceiptMismatchException("receipt digest does not match the bytes sent");
        }
        return receipt;
    }
}
