package org.amanat.ledger;

import java.time.Instant;

public record EventRecord(Instant at, String kind, String detail) {}
