package org.amanat.protocol;

/**
 * A notice that was decrypted and verified under the ministry's pinned certificate.
 *
 * @param sealed the exact bytes received, worth keeping as evidence
 * @param digest base64 SHA-256 of {@code sealed}, to be echoed in the receipt
 */
public record OpenedNotice(Notice notice, byte[] sealed, String digest, String signatureAlgorithm) {}
