package org.amanat.ledger;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A notice's history is append-only, and this is the one way a step is written to it (NoticeLedger reads it). Each append joins the caller's transaction,
 * so a step is on record exactly when the change it describes is.
 */
@Repository
public class NoticeEvents {
    private final JdbcClient jdbc;

    NoticeEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param actor the person signed in who took the step; null for the gateway's and the partners' steps */
    public void append(String noticeId, Instant at, NoticeEventKind kind, String detail, String actor) {
        jdbc.sql("insert into notice_event (notice_id, at, kind, detail, actor) values (?, ?, ?, ?, ?)")
                .params(noticeId, utc(at), kind.name(), truncate(detail), actor)
                .update();
    }
}
