package org.amanat.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;

/**
 * What is wrong with a JSON document, at a field path such as {@code items[3].locator}, in words for whoever sent
 * it: never Jackson's own message, which names Java classes and features.
 */
public record JsonFault(String path, String message) {
    static final String BODY = "(body)";

    public static JsonFault of(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return new JsonFault(BODY, "too deeply nested, or a number or name too long");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new JsonFault(path(unknown, BODY), "unknown field");
        }
        if (e instanceof MismatchedInputException mismatch) {
            // FAIL_ON_TRAILING_TOKENS reports this way, with the type of the whole document
            if (mismatch.getPath().isEmpty()
                    && String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
                return new JsonFault(BODY, "content after the end of the JSON document");
            }
            return new JsonFault(path(mismatch, BODY), expected(mismatch.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping) {
            return new JsonFault(path(mapping, BODY), "cannot be read");
        }
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamReadException && original.startsWith("Duplicate field '")) {
            return new JsonFault(BODY, "duplicate field " + original.substring("Duplicate field ".length()));
        }
        if (e instanceof JsonEOFException) {
            return new JsonFault(BODY, "malformed JSON: the document ends too early");
        }
        JsonLocation at = e.getLocation();
        return new JsonFault(
                BODY,
                at == null
                        ? "malformed JSON"
                        : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "cannot be read";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a date-time string such as 2026-11-24T12:00:00Z";
        }
        return "must be an object";
    }

    /** Where in a JSON or YAML document Jackson failed, as {@code field.list[2].name}; {@code whole} when at the top. */
    public static String path(JsonMappingException e, String whole) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? whole : path.toString();
    }
}
