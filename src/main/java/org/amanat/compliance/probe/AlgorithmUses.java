package org.amanat.compliance.probe;

import static org.amanat.ledger.LedgerRecords.utc;

import java.time.Instant;
import java.util.List;
import org.amanat.ledger.LedgerRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signature algorithms a partner's receipts and status updates used, accepted or refused, since a time. */
@Repository
public class AlgorithmUses {
    private final JdbcClient jdbc;

    public AlgorithmUses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AlgorithmUse> since(String partnerId, Instant since) {
        return jdbc.sql("""
                select 'receipt' as message, receipt_signature_algorithm as algorithm, false as refused, count(*) as uses,
                    max(delivered_at) as last_seen
                from notice where partner_id = ? and issued_at >= ? and receipt_signature_algorithm is not null
                group by receipt_signature_algorithm
                union all
                select 'status update', signature_algorithm, false, count(*), max(received_at)
                from status_update where partner_id = ? and received_at >= ? and signature_algorithm is not null
                group by signature_algorithm
                union all
                select 'refused message', algorithm, true, count(*), max(at)
                from security_event where partner_id = ? and at >= ? and algorithm is not null
                group by algorithm""")
                .params(partnerId, utc(since), partnerId, utc(since), partnerId, utc(since))
                .query((rs, row) -> new AlgorithmUse(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getBoolean(3),
                        rs.getLong(4),
                        LedgerRecords.time(rs, "last_seen")))
                .list();
    }
}
