package org.amanat.protocol;

/** A status update that was decrypted and verified under the sending platform's pinned certificate. */
public record OpenedStatus(StatusUpdate update, String digest, String signatureAlgorithm) {}
