package org.amanat.web;

/** One thing wrong with a request, at a field path such as {@code items[3].locator}. */
public record Violation(String field, String message) {}
