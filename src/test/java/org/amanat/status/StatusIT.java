package org.amanat.status;

import org.amanat.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On embedded H2, as the gateway runs by default. */
class StatusIT extends AbstractStatusIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
