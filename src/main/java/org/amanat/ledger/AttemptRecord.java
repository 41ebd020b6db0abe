package org.amanat.ledger;

import java.time.Instant;

/** One delivery attempt and how it ended. {@code reason} says why a FAILED attempt failed. */
public record AttemptRecord(
        int attemptNo,
        Instant startedAt,
        Instant finishedAt,
        String outcome,
        Integer httpStatus,
        String reason,
        String sentDigest) {}
