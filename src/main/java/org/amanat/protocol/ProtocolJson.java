package org.amanat.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The one JSON mapping of protocol messages: RFC 3339 timestamps, no nulls, unknown fields ignored (forward compatible),
 * and {@link #strict strict} reading, which the officers' API shares.
 */
public final class ProtocolJson {
    /** Far deeper than any message or request nests; a bound on what a hostile document costs to parse. */
    static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = strict(new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL));

    private ProtocolJson() {}

    /**
     * Makes a mapper refuse what a lenient one would guess at: a key given twice (otherwise the last wins), anything
     * after the document, a number or boolean where a string belongs (or the reverse), an enum by its index, a
     * timestamp as a number, and nesting deeper than {@value #MAX_NESTING}. Its input must also be
     * {@linkplain #utf8 strictly decoded} first, as Jackson's own UTF-8 decoder accepts overlong forms.
     */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .build());
        mapper.registerModule(
                new SimpleModule("amanat-strict").addDeserializer(Instant.class, new InstantFromTextOnly()));
        return mapper;
    }

    /** Decodes UTF-8 refusing what is not its shortest well-formed encoding (overlong forms, encoded surrogates, truncation). */
    public static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    public static byte[] write(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        String text;
        try {
            text = utf8(json);
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("not a valid " + type.getSimpleName() + " JSON: not valid UTF-8", e);
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonFault fault = JsonFault.of(e);
            throw new MalformedMessageException(
                    "not a valid " + type.getSimpleName() + " JSON: " + fault.path() + ": " + fault.message(), e);
        }
    }

    /** Timestamps are RFC 3339 strings on the wire; a bare number is refused, not read as seconds since 1970. */
    private static final class InstantFromTextOnly extends StdDeserializer<Instant> {
        InstantFromTextOnly() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
