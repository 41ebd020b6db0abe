package org.amanat.delivery;

import java.time.Instant;
import org.amanat.ledger.DueDelivery;

/** What one attempt sends: the sealed bytes and their digest, which the receipt must echo. */
record SealedNotice(DueDelivery delivery, byte[] bytes, String digest, Instant startedAt) {}
