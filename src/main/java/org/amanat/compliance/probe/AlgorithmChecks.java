package org.amanat.compliance.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Findings from the algorithms a partner actually used (DESIGN.md section 7): refused ones (SHA-1,
 * MD5, small RSA keys...) are HIGH, accepted receive-only loosenings (RSA PKCS#1 v1.5) are MEDIUM.
 */
final class AlgorithmChecks {
    private AlgorithmChecks() {}

    static List<Finding> check(List<AlgorithmUse> uses) {
        List<Finding> findings = new ArrayList<>();
        for (AlgorithmUse use : uses) {
            String subject = use.message() + ": " + use.algorithm();
            if (use.refused()) {
                findings.add(new Finding(
                        "algorithm.refused",
                        subject,
                        Severity.HIGH,
                        use.count() + " message(s) refused for using " + use.algorithm() + ", the last at "
                                + use.lastSeen()));
            } else if (use.algorithm().startsWith("RSA-PKCS1v15")) {
                findings.add(new Finding(
                        "algorithm.receive-only",
                        subject,
                        Severity.MEDIUM,
                        use.count() + " " + use.message()
                                + "(s) signed with RSA PKCS#1 v1.5, accepted only as this partner's"
                                + " receive-only loosening; RSASSA-PSS is the policy"));
            }
        }
        return findings;
    }
}
