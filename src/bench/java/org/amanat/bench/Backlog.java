package org.amanat.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Fills a partner's queue straight in the ledger: copies of the newest
 * notice issued to it through the API, each with its own id (also inside its JSON), issued just after
 * it and due now. Issuing 100,000 notices through the API takes too long on a shared 2-core machine;
 * what the backlog test asks is whether the gateway's heap stays bounded with them queued.
 */
final class Backlog {
    private Backlog() {}

    static void copy(String url, String user, String partnerId, int count) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            connection.setAutoCommit(false);
            String id;
            String type;
            String urgency;
            String category;
            OffsetDateTime issuedAt;
            OffsetDateTime ackDeadline;
            OffsetDateTime actionDeadline;
            String json;
            try (var template = connection.prepareStatement("""
                    select id, type, urgency, category, issued_at, ack_deadline, action_deadline, notice_json
                    from notice where partner_id = ? order by issued_at desc, id desc limit 1""")) {
                template.setString(1, partnerId);
                var row = template.executeQuery();
                if (!row.next()) {
                    throw new IllegalStateException("no notice of " + partnerId + " to copy");
                }
                id = row.getString(1);
                type = row.getString(2);
                urgency = row.getString(3);
                category = row.getString(4);
                issuedAt = row.getObject(5, OffsetDateTime.class);
                ackDeadline = row.getObject(6, OffsetDateTime.class);
                actionDeadline = row.getObject(7, OffsetDateTime.class);
                json = row.getString(8);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            try (var notice = connection.prepareStatement("""
                    insert into notice (id, partner_id, type, urgency, category, state, issued_at, ack_deadline, action_deadline, notice_json)
                    values (?, ?, ?, ?, ?, 'ISSUED', ?, ?, ?, ?)""");
                    var outbox = connection.prepareStatement(
                            "insert into outbox (notice_id, partner_id, due_at, attempts, issued_at) values (?, ?, ?, 0, ?)")) {
                for (int i = 1; i <= count; i++) {
                    String copy = UUID.randomUUID().toString();
                    OffsetDateTime at = issuedAt.plusNanos(i * 1000L);
                    notice.setString(1, copy);
                    notice.setString(2, partnerId);
                    notice.setString(3, type);
                    notice.setString(4, urgency);
                    notice.setString(5, category);
                    notice.setObject(6, at);
                    notice.setObject(7, ackDeadline);
                    notice.setObject(8, actionDeadline);
                    notice.setString(9, json.replace(id, copy));
                    notice.addBatch();
                    outbox.setString(1, copy);
                    outbox.setString(2, partnerId);
                    outbox.setObject(3, now);
                    outbox.setObject(4, at);
                    outbox.addBatch();
                    if (i % 1000 == 0 || i == count) {
                        notice.executeBatch();
                        outbox.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
    }
}
