package org.amanat.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.amanat.Fuzzing;

/**
 * Bytes from outside, as a platform's receiver gets them in a POST: opening them (decrypt, verify
 * under the pinned ministry certificate, parse the notice) either succeeds or is refused with a
 * {@link ProtocolException}. Any other throwable fails the target. Seeds: the published vectors'
 * sealed notices (docs/vectors/).
 */
class EnvelopeFuzzTest {
    private static final List<PartnerKit> KITS =
            VectorParties.ALL.stream().map(VectorParties::partnerKit).toList();

    @FuzzTest(maxDuration = Fuzzing.PER_TARGET)
    void opensSealedNotice(byte[] sealed) {
        for (PartnerKit kit : KITS) {
            try {
                kit.open(sealed);
            } catch (ProtocolException refused) {
                // what every malformed, forged or misaddressed input must get
            }
        }
    }
}
