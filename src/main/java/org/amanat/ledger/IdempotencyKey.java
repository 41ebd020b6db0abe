package org.amanat.ledger;

import java.time.Instant;

/**
 * An {@code Idempotency-Key} a person sent with a request that makes a notice, recorded with that notice.
 *
 * @param principal who sent it: keys are per person
 * @param key the header's value, already checked
 * @param requestDigest what was asked for (Base64 SHA-256 of the request, canonically written), to tell a retry from a
 *     different request under the same key
 * @param expiresAt until when the key is honoured
 */
public record IdempotencyKey(String principal, String key, String requestDigest, Instant createdAt, Instant expiresAt) {

    /** What a key recorded earlier says: the request it came with, and the notice that request made. */
    public record Use(String requestDigest, String noticeId) {}
}
