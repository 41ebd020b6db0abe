package org.amanat.partner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;

/**
 * Reads every {@code *.yaml} in a folder as a partner profile, each laid over {@code _defaults.yaml},
 * and binds it strictly (unknown fields are errors). Problems from all files are collected before
 * failing, so an operator fixes them in one go.
 */
final class PartnerProfileLoader {
    static final String DEFAULTS = "_defaults.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new FriendlyDurationDeserializer()));

    /** Profiles read from files, with the file each came from. */
    record Loaded(Path file, PartnerProfile profile) {}

    List<Loaded> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationProblemsException(List.of(folder + ": partner profile folder does not exist"));
        }
        List<String> problems = new ArrayList<>();
        JsonNode defaults = readTree(folder.resolve(DEFAULTS), problems);
        List<Loaded> loaded = new ArrayList<>();
        for (Path file : profileFiles(folder)) {
            JsonNode own = readTree(file, problems);
            if (own == null) {
                continue;
            }
            JsonNode merged = defaults == null ? own : merge(defaults.deepCopy(), own);
            try {
                loaded.add(new Loaded(file, yaml.treeToValue(merged, PartnerProfile.class)));
            } catch (JsonMappingException e) {
                problems.add(file + ": " + fieldPath(e) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationProblemsException(problems);
        }
        return loaded;
    }

    private static List<Path> profileFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(DEFAULTS))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readTree(Path file, List<String> problems) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode tree = yaml.readTree(file.toFile());
            if (tree == null || !tree.isObject()) {
                problems.add(file + ": not a YAML mapping");
                return null;
            }
            return tree;
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** Lays {@code override} over {@code base}: mappings merge field by field, anything else replaces. */
    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode baseObject) || !override.isObject()) {
            return override;
        }
        override.fields().forEachRemaining(field -> {
            JsonNode existing = baseObject.get(field.getKey());
            baseObject.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        });
        return baseObject;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(root)" : path.toString();
    }

    /** Accepts {@code 4h}, {@code 30s}, {@code 500ms} as well as ISO-8601 {@code PT4H}, like Spring's own settings. */
    private static final class FriendlyDurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return DurationStyle.detectAndParse(text);
            } catch (IllegalArgumentException e) {
                return (Duration)
                        context.handleWeirdStringValue(Duration.class, text, "not a duration (use 30s, 4h or PT4H)");
            }
        }
    }
}
