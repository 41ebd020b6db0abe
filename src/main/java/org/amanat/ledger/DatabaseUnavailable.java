package org.amanat.ledger;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot serve now (down, unreachable, connection lost, no connection within
 * Hikari's timeout, a transient conflict): worth trying again later, and nobody's fault but the infrastructure's.
 * The API answers it with 503 and Retry-After; the delivery loop waits it out.
 */
public final class DatabaseUnavailable {
    private DatabaseUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    // SQLSTATE class 08: a connection exception, in the SQL standard's words
                    || cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof TransactionSystemException tx) {
                // a rollback that failed on the lost connection hides the failure that made it roll back
                if (tx.getApplicationException() != null && causedBy(tx.getApplicationException())) {
                    return true;
                }
                // the driver or the pool could not commit or roll back: JdbcTransactionManager translates every
                // other commit failure (a conflict, a constraint) into its own exception, so what is left here
                // is the connection itself, e.g. Hikari's "Connection is closed", which carries no SQLSTATE;
                // whether the commit landed is unknown, so the caller is told to try again later
                if (tx.getCause() instanceof SQLException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the driver or the pool said, for one log line: the innermost message there is. */
    public static String reason(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message != null ? message : failure.getClass().getSimpleName();
    }
}
