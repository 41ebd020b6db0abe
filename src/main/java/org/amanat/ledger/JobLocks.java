package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps a timed job to one node at a time when several gateways share the database. A lock is held
 * until a time, not by a connection, so a node that dies lets go of it when that time passes.
 */
@Repository
public class JobLocks {
    private final JdbcClient jdbc;

    JobLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if {@code owner} now holds the lock until {@code now + hold} */
    public boolean tryLock(String name, String owner, Instant now, Duration hold) {
        createIfMissing(name);
        // The condition decides between racing nodes: exactly one update finds the lock free.
        return jdbc.sql(
                                "update job_lock set owner = ?, locked_until = ? where name = ? and (locked_until <= ? or owner = ?)")
                        .params(owner, utc(now.plus(hold)), name, utc(now), owner)
                        .update()
                == 1;
    }

    /**
     * Runs {@code task} if {@code owner} gets the lock for {@code hold}, and lets go of it after, however the task ends.
     *
     * @return the task's result; empty when another node holds the lock (the task did not run)
     */
    public <T> Optional<T> runAlone(String name, String owner, Clock clock, Duration hold, Supplier<T> task) {
        if (!tryLock(name, owner, clock.instant(), hold)) {
            return Optional.empty();
        }
        try {
            return Optional.of(task.get());
        } finally {
            release(name, owner, clock.instant());
        }
    }

    public void release(String name, String owner, Instant now) {
        jdbc.sql("update job_lock set locked_until = ? where name = ? and owner = ?")
                .params(utc(now), name, owner)
                .update();
    }

    /** A new lock is free: it was held until long ago (not "now", which the database may round up past now). */
    private void createIfMissing(String name) {
        try {
            jdbc.sql("insert into job_lock (name, owner, locked_until) select ?, null, ? where not exists"
                            + " (select 1 from job_lock where name = ?)")
                    .params(name, utc(Instant.EPOCH), name)
                    .update();
        } catch (DuplicateKeyException e) {
            // Another node created it at the same moment: it exists, which is all that is needed.
        }
    }
}
