package org.amanat.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amanat.Fuzzing;

/**
 * The status intake's parsing path, without Spring: what {@code POST /partner/v1/status} does with
 * its body before it looks at the ledger. Opening either succeeds or is refused with a
 * {@link ProtocolException}; the intake turns exactly those into recorded refusals.
 */
class StatusMessagesFuzzTest {
    private static final VectorParties EC = VectorParties.ALL.stream()
            .filter(p -> p.profile().profile() == AlgorithmProfile.EC)
            .findFirst()
            .orElseThrow();
    private final Envelope envelope = new Envelope(VectorParties.CLOCK);
    private final StatusMessages messages = new StatusMessages(envelope);

    /** Raw bodies, as anyone on the network can send them. Seeds: the published vectors' status updates. */
    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void opensStatusUpdate(byte[] sealed) {
        for (VectorParties p : VectorParties.ALL) {
            open(sealed, p);
        }
    }

    /**
     * Any JSON, correctly signed and sealed by the partner: a buggy or hostile platform's update
     * reaches the parser only this way, as fuzzing cannot forge a signature. Seeds: the vectors' status JSON.
     */
    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void readsSignedStatusUpdate(byte[] json) {
        open(envelope.seal(json, EC.partnerSigning(), EC.ministryEncryption().certificate()), EC);
    }

    private void open(byte[] sealed, VectorParties p) {
        try {
            messages.open(sealed, p.ministryEncryption(), p.partnerSigning().certificate(), AlgorithmPolicy.strict());
        } catch (ProtocolException refused) {
            // what every malformed, forged or incomplete update must get
        }
    }
}
