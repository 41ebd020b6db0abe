package org.amanat.protocol;

/**
 * One thing wrong with a message or a request, at a field path such as {@code items[3].locator}, a header's name, or
 * {@code (body)}: the one shape of a fault, in the kit's refusals and in the gateway's problem+json {@code errors}.
 */
public record Violation(String field, String message) {}
