package org.amanat.compliance.scorecard;

import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import java.util.List;
import org.amanat.ledger.LedgerRecords;
import org.amanat.ledger.NoticeState;
import org.amanat.protocol.Category;
import org.amanat.protocol.NoticeType;
import org.amanat.protocol.Urgency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notices of one partner and period, read through the (partner, issued_at) index. */
@Repository
public class ScorecardRows {
    private final JdbcClient jdbc;

    public ScorecardRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Notices issued to the partner in [{@code from}, {@code to}). One held for approval and never approved has
     * no deadlines: it never went to the partner and owes it nothing, so it is left out.
     */
    List<ScorecardRow> issued(String partnerId, Instant from, Instant to) {
        return jdbc.sql("""
                select type, urgency, category, state, issued_at, ack_deadline, action_deadline, delivered_at, responded_at,
                    closed_at, status_reason
                from notice where partner_id = ? and issued_at >= ? and issued_at < ? and ack_deadline is not null""")
                .params(partnerId, utc(from), utc(to))
                .query((rs, row) -> new ScorecardRow(
                        NoticeType.valueOf(rs.getString(1)),
                        Urgency.valueOf(rs.getString(2)),
                        Category.valueOf(rs.getString(3)),
                        NoticeState.valueOf(rs.getString(4)),
                        LedgerRecords.time(rs, "issued_at"),
                        LedgerRecords.time(rs, "ack_deadline"),
                        LedgerRecords.time(rs, "action_deadline"),
                        LedgerRecords.time(rs, "delivered_at"),
                        LedgerRecords.time(rs, "responded_at"),
                        LedgerRecords.time(rs, "closed_at"),
                        rs.getString(11)))
                .list();
    }
}
