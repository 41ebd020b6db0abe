package org.amanat.compliance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refused algorithms are HIGH, the PKCS#1 v1.5 loosening MEDIUM, anything else in policy no finding. */
class AlgorithmChecksTest {
    private static final Instant LAST = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void judgesEachAlgorithmUsed() {
        assertThat(AlgorithmChecks.check(List.of(
                        new AlgorithmUse("refused message", "SHA-1", true, 3, LAST),
                        new AlgorithmUse("receipt", "RSA-PKCS1v15/SHA-256", false, 2, LAST),
                        new AlgorithmUse("status update", "ECDSA/SHA-256", false, 9, LAST))))
                .containsExactly(
                        new Finding(
                                "algorithm.refused",
                                "refused message: SHA-1",
                                Severity.HIGH,
                                "3 message(s) refused for using SHA-1, the last at 2026-11-20T12:00:00Z"),
                        new Finding(
                                "algorithm.receive-only",
                                "receipt: RSA-PKCS1v15/SHA-256",
                                Severity.MEDIUM,
                                "2 receipt(s) signed with RSA PKCS#1 v1.5, accepted only as this partner's receive-only loosening;"
                                        + " RSASSA-PSS is the policy"));
    }
}
