package org.amanat;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Databases for integration tests: a private in-memory H2 by default, or a fresh schema on the
 * PostgreSQL server named by {@code AMANAT_TEST_PG_URL} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
public final class TestDatabases {
    public static final String PG_URL_VARIABLE = "AMANAT_TEST_PG_URL";

    private TestDatabases() {}

    public static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String url = System.getenv(PG_URL_VARIABLE);
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.datasource.username", () -> "postgres");
    }
}
