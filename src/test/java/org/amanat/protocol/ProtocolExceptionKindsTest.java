package org.amanat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kind of each refusal is a stable name: security events, problem details and compliance findings are
 * recorded and searched under it, so renaming one silently would split the record.
 */
class ProtocolExceptionKindsTest {
    @Test
    void eachRefusalHasItsOwnStableKind() {
        assertThat(new ProtocolException("x").kind()).isEqualTo(Refusal.REFUSED);
        assertThat(new AlgorithmNotAllowedException("x", "SHA-1").kind()).isEqualTo(Refusal.ALGORITHM_REFUSED);
        assertThat(new DecryptionFailedException("x").kind()).isEqualTo(Refusal.DECRYPTION_FAILED);
        assertThat(new MalformedMessageException("x").kind()).isEqualTo(Refusal.MALFORMED);
        assertThat(new InvalidFieldsException("status update", List.of(new Violation("f", "m"))).kind())
                .isEqualTo(Refusal.MALFORMED);
        assertThat(new ReceiptMismatchException("x").kind()).isEqualTo(Refusal.MISMATCH);
        assertThat(new SignatureInvalidException("x").kind()).isEqualTo(Refusal.BAD_SIGNATURE);
        assertThat(new SigningTimeOutOfRangeException("x").kind()).isEqualTo(Refusal.STALE_OR_FUTURE);
        assertThat(new UntrustedSignerException("x").kind()).isEqualTo(Refusal.UNTRUSTED_SIGNER);
    }

    @Test
    void anAlgorithmRefusalNamesTheAlgorithm() {
        assertThat(new AlgorithmNotAllowedException("digest algorithm 1.3.14.3.2.26 is not allowed", "SHA-1")
                        .algorithm())
                .isEqualTo("SHA-1");
    }
}
