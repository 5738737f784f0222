package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline file of {@code fwcheck audit --baseline} (docs/baselines.md): JSON with a format
 * marker, a version and one entry per accepted finding, in audit order, each with its ruleset
 * file and fingerprint (what is matched) and its type, severity, rule, location and message (for
 * people reading it). Reading is strict: an unknown key or a missing one is an
 * {@link InputException} at its line and column.
 */
public final class BaselineFile {

    /** The value of {@code format}, which also tells directory walks that the file is no ruleset. */
    public static final String FORMAT = "fwcheck-baseline";

    /** The only version so far. */
    public static final int VERSION = 1;

    private static final List<String> KEYS = List.of("format", "version", "tool", "findings");
    private static final List<String> TOOL_KEYS = List.of("name", "version");
    private static final List<String> ENTRY_KEYS =
            List.of("ruleset", "fingerprint", "type", "severity", "rule", "location", "message");
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer(JsonReport.prettyPrinter());

    private BaselineFile() {}

    /** The baseline as JSON text, ending with a newline. */
    public static String write(Baseline baseline, String toolVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("tool", Map.of("name", JsonReport.TOOL_NAME, "version", toolVersion));
        List<Map<String, String>> findings = new ArrayList<>();
        for (Baseline.Entry e : baseline.entries()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("ruleset", e.ruleset());
            entry.put("fingerprint", e.fingerprint());
            entry.put("type", e.type());
            entry.put("severity", e.severity());
            entry.put("rule", e.rule());
            entry.put("location", e.location());
            entry.put("message", e.message());
            findings.add(entry);
        }
        root.put("findings", findings);
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a baseline file.
     *
     * @throws InputException when it cannot be read or is not a baseline of this version
     */
    public static Baseline read(Path file) {
        return read(RulesetLoader.readText(file, "baseline file"), file.toString());
    }

    /** Reads a baseline from its text; {@code fileName} names it in errors. */
    public static Baseline read(String text, String fileName) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return new Reader(parser, fileName).baseline();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InputException(new SourceLocation(fileName, at == null ? 1 : at.getLineNr(),
                    at == null ? 1 : at.getColumnNr()), "not valid JSON: " + e.getOriginalMessage(),
                    "a baseline written by fwcheck audit --update-baseline");
        } catch (IOException e) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "cannot read the baseline: " + e.getMessage(),
                    "a readable file");
        }
    }

    /** A strict reader of the baseline's JSON tokens. */
    private static final class Reader {
        private final JsonParser parser;
        private final String fileName;

        Reader(JsonParser parser, String fileName) {
            this.parser = parser;
            this.fileName = fileName;
        }

        Baseline baseline() throws IOException {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object with " + String.join(", ", KEYS));
            Map<String, SourceLocation> seen = new HashMap<>();
            List<Baseline.Entry> entries = null;
            SourceLocation start = here();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = key(KEYS, seen, "the baseline");
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "format" -> {
                        String format = string(value, "'format'");
                        if (!format.equals(FORMAT)) {
                            throw error("'format' is '" + format + "', not " + FORMAT, "\"format\": \"" + FORMAT + "\"");
                        }
                    }
                    case "version" -> {
                        expect(value, JsonToken.VALUE_NUMBER_INT, "\"version\": " + VERSION);
                        if (parser.getIntValue() != VERSION) {
                            throw error("unsupported baseline version " + parser.getText(), "version " + VERSION);
                        }
                    }
                    case "tool" -> tool(value);
                    default -> entries = entries(value);
                }
            }
            for (String key : KEYS) {
                if (!seen.containsKey(key)) {
                    throw new InputException(start, "the baseline has no '" + key + "'",
                            "a baseline written by fwcheck audit --update-baseline");
                }
            }
            return new Baseline(entries);
        }

        private void tool(JsonToken value) throws IOException {
            expect(value, JsonToken.START_OBJECT, "{\"name\": \"fwcheck\", \"version\": ...}");
            Map<String, SourceLocation> seen = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = key(TOOL_KEYS, seen, "'tool'");
                string(parser.nextToken(), "'" + key + "' of 'tool'");
            }
        }

        private List<Baseline.Entry> entries(JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "a list of findings");
            List<Baseline.Entry> out = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                expect(t, JsonToken.START_OBJECT, "a finding: {" + String.join(", ", ENTRY_KEYS) + "}");
                SourceLocation start = here();
                Map<String, SourceLocation> seen = new HashMap<>();
                Map<String, String> fields = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = key(ENTRY_KEYS, seen, "a finding");
                    JsonToken v = parser.nextToken();
                    fields.put(key, string(v, "'" + key + "'"));
                    check(key, fields.get(key));
                }
                for (String key : ENTRY_KEYS) {
                    if (!fields.containsKey(key)) {
                        throw new InputException(start, "a finding of the baseline has no '" + key + "'",
                                "each of " + String.join(", ", ENTRY_KEYS));
                    }
                }
                out.add(new Baseline.Entry(fields.get("ruleset"), fields.get("fingerprint"), fields.get("type"),
                        fields.get("severity"), fields.get("rule"), fields.get("location"), fields.get("message")));
            }
            return out;
        }

        private void check(String key, String value) {
            switch (key) {
                case "type" -> {
                    if (Arrays.stream(FindingType.values()).noneMatch(t -> t.id().equals(value))) {
                        throw error("'" + value + "' is not a finding type", "a finding type id (see docs/rules/)");
                    }
                }
                case "severity" -> {
                    if (Arrays.stream(Severity.values()).noneMatch(s -> s.label().equals(value))) {
                        throw error("'" + value + "' is not a severity", "error, warning or info");
                    }
                }
                case "fingerprint" -> {
                    if (!value.matches("[0-9a-f]{32}")) {
                        throw error("'" + value + "' is not a fingerprint", "32 hexadecimal digits");
                    }
                }
                default -> {
                    if (value.isEmpty() && (key.equals("ruleset") || key.equals("rule"))) {
                        throw error("'" + key + "' is empty", "the ruleset file and the rule of the finding");
                    }
                }
            }
        }

        private String key(List<String> allowed, Map<String, SourceLocation> seen, String role) throws IOException {
            String key = parser.currentName();
            if (!allowed.contains(key)) {
                throw error("unknown key '" + key + "' in " + role, "one of: " + String.join(", ", allowed));
            }
            SourceLocation first = seen.putIfAbsent(key, here());
            if (first != null) {
                throw error("duplicate key '" + key + "' in " + role + " (first at line " + first.line() + ")",
                        "each key once");
            }
            return key;
        }

        private String string(JsonToken token, String role) throws IOException {
            expect(token, JsonToken.VALUE_STRING, role + " as a string");
            return parser.getText();
        }

        private void expect(JsonToken token, JsonToken wanted, String expected) {
            if (token != wanted) {
                throw error(token == null ? "the file ends early" : "unexpected " + describe(token), expected);
            }
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "object";
                case START_ARRAY -> "list";
                case VALUE_STRING -> "string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                case VALUE_NULL -> "null";
                default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
            };
        }

        private SourceLocation here() {
            JsonLocation at = parser.currentTokenLocation();
            return new SourceLocation(fileName, at.getLineNr(), at.getColumnNr());
        }

        private InputException error(String problem, String expected) {
            return new InputException(here(), problem, expected);
        }
    }
}
