package org.amanat.protocol;

/** A receipt that verified under the partner's pinned certificate and answers the notice that was sent. */
public record VerifiedReceipt(Receipt receipt, String signatureAlgorithm) {}
