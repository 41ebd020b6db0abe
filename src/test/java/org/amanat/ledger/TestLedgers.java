package org.amanat.ledger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The real ledger on a private in-memory H2 migrated by Flyway, without Spring: for unit tests of the beans
 * above it. Each instance is a fresh database. There are no transaction proxies here; a test runs one
 * statement at a time, which is all the beans under test need.
 */
public final class TestLedgers {
    private final DataSource dataSource;
    private final JdbcClient jdbc;

    private TestLedgers() {
        this.dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
    }

    public static TestLedgers create() {
        return new TestLedgers();
    }

    /** For a test's own reads and set-ups of rows no bean writes directly. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    public NoticeLedger notices() {
        return new NoticeLedger(jdbc, new NoticeEvents(jdbc));
    }

    public StatusLedger statuses() {
        return new StatusLedger(jdbc, new NoticeEvents(jdbc));
    }

    public SecurityEvents securityEvents() {
        return new SecurityEvents(jdbc);
    }

    public Outbox outbox() {
        return new Outbox(jdbc, new NoticeEvents(jdbc));
    }

    public NoticeEvents events() {
        return new NoticeEvents(jdbc);
    }

    public PassedDeadlines passedDeadlines() {
        return new PassedDeadlines(jdbc);
    }

    public JobLocks jobLocks() {
        return new JobLocks(jdbc);
    }

    /** Records an ISSUED notice (in the outbox, with its ISSUED event) whose signed JSON does not matter to the test. */
    public String issue(
            String partnerId,
            NoticeType type,
            Urgency urgency,
            Category category,
            Instant issuedAt,
            Instant ackDeadline,
            Instant actionDeadline) {
        String id = UUID.randomUUID().toString();
        notices()
                .issue(new NewNotice(
                        id,
                        partnerId,
                        type,
                        urgency,
                        category,
                        issuedAt,
                        ackDeadline,
                        actionDeadline,
                        "{}",
                        null,
                        null,
                        null,
                        "officer-17",
                        null));
        return id;
    }

    /** Sets columns of a notice that only later events write (delivered_at, responded_at, closed_at, state...). */
    public void setNotice(String noticeId, String column, Object value) {
        jdbc.sql("update notice set " + column + " = ? where id = ?")
                .params(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value, noticeId)
                .update();
    }
}
