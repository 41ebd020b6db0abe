package org.amanat.ledger;

import java.time.Instant;
import org.amanat.protocol.NoticeType;

/**
 * A notice whose deadline of one kind has passed, with what the ledger knows of it.
 *
 * @param metAt when the obligation was met (receipt verified, or final report received); null if not yet
 * @param closedAt when the ministry withdrew, abandoned or restored it; null if it did not
 */
public record PassedDeadline(
        String noticeId,
        String partnerId,
        NoticeType type,
        DeadlineKind kind,
        Instant deadline,
        Instant metAt,
        Instant closedAt) {}
