package org.amanat.compliance.scorecard;

import org.amanat.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hand-worked scorecard on H2. */
class ScorecardIT extends AbstractScorecardIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
