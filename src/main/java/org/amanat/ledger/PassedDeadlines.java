package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import java.util.List;
import org.amanat.protocol.NoticeType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notices whose deadline of one kind has passed, read page by page for the deadline watch. */
@Repository
public class PassedDeadlines {
    private final JdbcClient jdbc;

    PassedDeadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of the notices whose deadline lies after the key ({@code afterDeadline}, {@code afterId})
     * of the previous page (the first page: the last scan's end and "") and at or before {@code upTo},
     * in deadline order. The deadline index makes this read only the notices due in the window,
     * however large the ledger.
     */
    public List<PassedDeadline> page(
            DeadlineKind kind, Instant afterDeadline, String afterId, Instant upTo, int limit) {
        String deadline = kind.deadlineColumn;
        return jdbc.sql("select id, partner_id, type, " + deadline + ", " + kind.metColumn + ", closed_at from notice"
                        + " where " + deadline + " >= ? and " + deadline + " <= ? and (" + deadline + " > ? or id > ?)"
                        + " order by " + deadline + ", id limit ?")
                .params(utc(afterDeadline), utc(upTo), utc(afterDeadline), afterId, limit)
                .query((rs, row) -> new PassedDeadline(
                        rs.getString("id"),
                        rs.getString("partner_id"),
                        NoticeType.valueOf(rs.getString("type")),
                        kind,
                        LedgerRecords.time(rs, deadline),
                        LedgerRecords.time(rs, kind.metColumn),
                        LedgerRecords.time(rs, "closed_at")))
                .list();
    }
}
