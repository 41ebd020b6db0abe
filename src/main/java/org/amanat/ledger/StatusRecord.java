package org.amanat.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A verified status update to record.
 *
 * @param actedAt when the partner says it acted (latest item time, else when it sent the update); null if it did not act
 * @param late whether it acted after the notice's action deadline
 */
public record StatusRecord(
        String statusId,
        String noticeId,
        String partnerId,
        NoticeState status,
        Instant sentAt,
        Instant receivedAt,
        Instant actedAt,
        boolean late,
        String reason,
        String signatureAlgorithm,
        String digest,
        byte[] rawDer,
        List<Item> items) {

    public record Item(String locator, String outcome, Instant actionedAt) {}
}
