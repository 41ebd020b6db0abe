package org.amanat.protocol;

import java.time.Instant;

/**
 * A partner's signed answer to one delivery. {@code digest} is the base64 SHA-256 of the exact bytes
 * the partner received, so the gateway can prove what was delivered.
 */
public record Receipt(
        String protocol,
        String noticeId,
        Instant receivedAt,
        String digest,
        Disposition disposition,
        String partnerReference) {}
