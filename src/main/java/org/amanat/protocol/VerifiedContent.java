package org.amanat.protocol;

import java.time.Instant;

/**
 * Content whose signature verified under a pinned certificate.
 *
 * @param signatureAlgorithm what signed it, for example {@code RSASSA-PSS/SHA-256} or {@code ECDSA-P256/SHA-256}
 */
public record VerifiedContent(byte[] content, Instant signingTime, String signatureAlgorithm) {}
