package org.amanat.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amanat.Fuzzing;

/**
 * A partner's answer to a delivery, as the gateway gets it: checking it as the receipt of the
 * vectors' notice either accepts it or refuses it with a {@link ProtocolException}. Seeds: the
 * published vectors' receipts.
 */
class ReceiptsFuzzTest {
    private final Receipts receipts = new Receipts(new Envelope(VectorParties.CLOCK));

    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void verifiesReceipt(byte[] der) {
        for (VectorParties p : VectorParties.ALL) {
            try {
                receipts.verify(
                        der,
                        p.partnerSigning().certificate(),
                        AlgorithmPolicy.strict(),
                        p.profile().noticeId(),
                        p.sealedNotice());
            } catch (ProtocolException refused) {
                // what every malformed, forged or mismatched receipt must get
            }
        }
    }
}
