package org.amanat.compliance.scorecard;

import org.amanat.TestDatabases;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hand-worked scorecard on PostgreSQL, in a fresh schema. */
@EnabledIfEnvironmentVariable(
        named = TestDatabases.PG_URL_VARIABLE,
        matches = ".+",
        disabledReason =
                "set AMANAT_TEST_PG_URL (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run on PostgreSQL")
class ScorecardPostgresIT extends AbstractScorecardIT {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
