package org.amanat.notice;

import org.amanat.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** On embedded H2, as the gateway runs by default. */
class IdempotencyKeyIT extends AbstractIdempotencyKeyIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }
}
