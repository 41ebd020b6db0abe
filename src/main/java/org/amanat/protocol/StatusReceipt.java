package org.amanat.protocol;

import java.time.Instant;

/**
 * The ministry's signed answer to an accepted status update. {@code digest} is the base64 SHA-256 of
 * the exact bytes the gateway received.
 */
public record StatusReceipt(String protocol, String statusId, String noticeId, Instant receivedAt, String digest) {}
