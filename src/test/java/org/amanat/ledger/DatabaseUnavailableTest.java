package org.amanat.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** The shapes a database outage took in DatabaseOutagePostgresIT, and failures that are not one. */
class DatabaseUnavailableTest {
    private static final SQLTransientConnectionException HIKARI_TIMEOUT = new SQLTransientConnectionException(
            "HikariPool-1 - Connection is not available, request timed out after 2000ms",
            "08001",
            new ConnectException("Connection refused"));

    @Test
    void knowsAnOutageHoweverSpringWrappedIt() {
        assertThat(DatabaseUnavailable.causedBy(
                        new CannotCreateTransactionException("Could not open JDBC Connection", HIKARI_TIMEOUT)))
                .as("no connection for a transaction")
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", HIKARI_TIMEOUT)))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(
                        new DataAccessResourceFailureException("An I/O error occurred while sending to the backend")))
                .as("the connection lost mid-statement")
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(
                        new QueryTimeoutException("canceling statement due to statement timeout")))
                .isTrue();
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(
                new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"));
        assertThat(DatabaseUnavailable.causedBy(rollback))
                .as("a rollback on the lost connection")
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("terminated", "08006"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException(
                        "JDBC rollback failed", new SQLException("Connection is closed"))))
                .as(
                        "a commit lost with the connection, then its rollback refused by the pool (no SQLSTATE, no application exception)")
                .isTrue();
    }

    @Test
    void leavesEveryOtherFailureAlone() {
        assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("duplicate key value")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new ConnectException("Connection refused")))
                .as("a partner's")
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(
                        new TransactionSystemException("commit failed", new IllegalStateException())))
                .isFalse();
    }

    @Test
    void reasonIsTheInnermostMessage() {
        assertThat(DatabaseUnavailable.reason(new CannotGetJdbcConnectionException("Failed", HIKARI_TIMEOUT)))
                .isEqualTo("Connection refused");
        assertThat(DatabaseUnavailable.reason(
                        new DataAccessResourceFailureException("I/O error", new java.io.EOFException())))
                .isEqualTo("I/O error");
    }
}
