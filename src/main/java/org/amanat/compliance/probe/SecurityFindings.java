package org.amanat.compliance.probe;

import static org.amanat.ledger.LedgerRecords.truncate;
import static org.amanat.ledger.LedgerRecords.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.amanat.ledger.LedgerRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Findings of the security probe: opened when first seen, kept while seen, closed when no longer seen. */
@Repository
public class SecurityFindings {
    private static final String COLUMNS =
            "id, partner_id, check_key, subject, severity, detail, opened_at, last_seen_at, closed_at";

    private final JdbcClient jdbc;

    public SecurityFindings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Brings the partner's findings in line with what a probe saw, in one transaction: new ones open,
     * those seen again are refreshed (severity and detail may change), the others close.
     */
    @Transactional
    public void reconcile(String partnerId, List<Finding> seen, Instant now) {
        Map<String, FindingRecord> open = open(partnerId).stream()
                .collect(Collectors.toMap(f -> key(f.check(), f.subject()), Function.identity()));
        for (Finding s : seen) {
            FindingRecord existing = open.remove(key(s.check(), s.subject()));
            if (existing == null) {
                jdbc.sql("""
                        insert into security_finding (partner_id, check_key, subject, severity, detail, opened_at, last_seen_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                partnerId,
                                s.check(),
                                truncate(s.subject()),
                                s.severity().name(),
                                truncate(s.detail()),
                                utc(now),
                                utc(now))
                        .update();
            } else {
                jdbc.sql("update security_finding set severity = ?, detail = ?, last_seen_at = ? where id = ?")
                        .params(s.severity().name(), truncate(s.detail()), utc(now), existing.id())
                        .update();
            }
        }
        for (FindingRecord gone : open.values()) {
            jdbc.sql("update security_finding set closed_at = ? where id = ?")
                    .params(utc(now), gone.id())
                    .update();
        }
    }

    public List<FindingRecord> open(String partnerId) {
        return jdbc.sql("select " + COLUMNS
                        + " from security_finding where partner_id = ? and closed_at is null order by id")
                .param(partnerId)
                .query(SecurityFindings::finding)
                .list();
    }

    /** Every finding, open and closed, newest first; one partner's when {@code partnerId} is given. */
    public List<FindingRecord> all(String partnerId, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from security_finding where (cast(? as varchar(64)) is null or partner_id = ?)"
                        + " order by opened_at desc, id desc limit ?")
                .params(partnerId, partnerId, limit)
                .query(SecurityFindings::finding)
                .list();
    }

    /** Open findings by severity, for every partner: partner → severity → count. */
    public Map<String, Map<Severity, Long>> openCounts() {
        Map<String, Map<Severity, Long>> counts = new TreeMap<>();
        jdbc.sql(
                        "select partner_id, severity, count(*) from security_finding where closed_at is null group by partner_id, severity")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(Severity.class))
                            .put(Severity.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return counts;
    }

    private static String key(String check, String subject) {
        return check + "\n" + subject;
    }

    private static FindingRecord finding(ResultSet rs, int row) throws SQLException {
        return new FindingRecord(
                rs.getLong("id"),
                rs.getString("partner_id"),
                rs.getString("check_key"),
                rs.getString("subject"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("detail"),
                LedgerRecords.time(rs, "opened_at"),
                LedgerRecords.time(rs, "last_seen_at"),
                LedgerRecords.time(rs, "closed_at"));
    }
}
