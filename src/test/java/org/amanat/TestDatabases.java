package org.amanat;

import java.util.Map;
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
        postgres().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** A fresh schema on the PostgreSQL server of {@value #PG_URL_VARIABLE}; Flyway creates it. */
    public static Map<String, String> postgres() {
        String url = System.getenv(PG_URL_VARIABLE);
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return Map.of(
                "spring.datasource.url",
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "spring.flyway.schemas",
                schema,
                "spring.datasource.username",
                "postgres");
    }

    public static boolean postgresConfigured() {
        String url = System.getenv(PG_URL_VARIABLE);
        return url != null && !url.isBlank();
    }
}
