package org.amanat.protocol;

/**
 * A notice that was decrypted and verified under the ministry's pinned certificate.
 *
 * @param digest base64 SHA-256 of the exact sealed bytes received, to be echoed in the receipt
 */
public record OpenedNotice(Notice notice, String digest, String signatureAlgorithm) {}
