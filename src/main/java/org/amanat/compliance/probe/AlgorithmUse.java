package org.amanat.compliance.probe;

import java.time.Instant;

/**
 * An algorithm a partner used in recent messages.
 *
 * @param message what carried it: receipt, status update, or refused message
 * @param refused whether the gateway refused the messages for it
 */
record AlgorithmUse(String message, String algorithm, boolean refused, long count, Instant lastSeen) {}
