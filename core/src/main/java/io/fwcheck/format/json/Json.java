package io.fwcheck.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A light JSON tree whose every value keeps where it was written: the line and column of its
 * first token and its path from the root ({@code nftables[12].rule.expr[3]}), so that problems
 * can be reported at the exact place. Duplicate keys are an error, as they are ambiguous. The
 * readers of JSON formats (nftables, cloud firewalls, Terraform plans) build on it.
 */
public sealed interface Json {

    /** Most nesting levels a document may have. */
    int MAX_DEPTH = 200;

    /** Where the value starts. */
    Where where();

    /** {@code a string}, {@code a number}, … for messages. */
    String kind();

    /**
     * The place of a value: its file position and its path from the root, kept as a link to the
     * parent's place and spelt out only when asked for.
     */
    record Where(String file, int line, int column, Where parent, String key, int index) {

        public SourceLocation location() {
            return new SourceLocation(file, line, column);
        }

        /** {@code nftables[12].rule.expr[3]}; empty for the root. */
        public String path() {
            if (parent == null) {
                return "";
            }
            String up = parent.path();
            if (key == null) {
                return up + "[" + index + "]";
            }
            return up.isEmpty() ? key : up + "." + key;
        }
    }

    /** An object: its members in the order written (kept in arrays, as listings hold millions of small objects). */
    final class Obj implements Json {
        private final String[] keys;
        private final Json[] values;
        private final Where where;

        Obj(String[] keys, Json[] values, Where where) {
            this.keys = keys;
            this.values = values;
            this.where = where;
        }

        public Optional<Json> get(String key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    return Optional.of(values[i]);
                }
            }
            return Optional.empty();
        }

        public int size() {
            return keys.length;
        }

        /** The first member: for objects such as {@code {"match": {…}}}, the only one. */
        public Map.Entry<String, Json> first() {
            return Map.entry(keys[0], values[0]);
        }

        public List<Map.Entry<String, Json>> entries() {
            List<Map.Entry<String, Json>> out = new ArrayList<>(keys.length);
            for (int i = 0; i < keys.length; i++) {
                out.add(Map.entry(keys[i], values[i]));
            }
            return out;
        }

        @Override
        public Where where() {
            return where;
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record Arr(List<Json> items, Where where) implements Json {
        @Override
        public String kind() {
            return "a list";
        }
    }

    record Str(String value, Where where) implements Json {
        @Override
        public String kind() {
            return "a string";
        }
    }

    /** An integer. */
    record Num(BigInteger value, Where where) implements Json {
        @Override
        public String kind() {
            return "a number";
        }
    }

    /** A number with a fraction or an exponent, read only where {@link #parse(String, String, String, boolean)} allows them. */
    record Frac(BigDecimal value, Where where) implements Json {
        @Override
        public String kind() {
            return "a fractional number";
        }
    }

    record Bool(boolean value, Where where) implements Json {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    record Null(Where where) implements Json {
        @Override
        public String kind() {
            return "null";
        }
    }

    /**
     * Parses one JSON document whose numbers are integers.
     *
     * @param expected what the document should be, for messages, e.g. {@code the JSON output of nft -j list ruleset}
     * @throws InputException for invalid JSON or a fractional number, with the line and column of the problem
     */
    static Json parse(String text, String fileName, String expected) {
        return parse(text, fileName, expected, false);
    }

    /**
     * Parses one JSON document.
     *
     * @param expected what the document should be, for messages
     * @param fractions whether numbers with fractions or exponents are read (as {@link Frac}) or rejected
     * @throws InputException for invalid JSON, with the line and column of the problem
     */
    static Json parse(String text, String fileName, String expected, boolean fractions) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(100)
                        .build())
                .build();
        JsonParser open = null;
        try (JsonParser parser = factory.createParser(text)) {
            open = parser;
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputException(new SourceLocation(fileName, 1, 1), "empty file", expected);
            }
            Json root = new Reader(parser, fileName, fractions).value(null, null, 0);
            if (parser.nextToken() != null) {
                throw new InputException(location(fileName, parser.currentTokenLocation()),
                        "more than one JSON document", "one JSON object");
            }
            return root;
        } catch (JsonParseException | StreamConstraintsException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : open == null ? null : open.currentLocation();
            throw new InputException(at == null ? new SourceLocation(fileName, 0, 0) : location(fileName, at),
                    "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), expected);
        } catch (IOException e) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "cannot read JSON: " + e.getMessage());
        }
    }

    private static SourceLocation location(String fileName, JsonLocation at) {
        return new SourceLocation(fileName, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    /** Builds the tree from the parser's tokens. */
    final class Reader {
        private final JsonParser parser;
        private final String fileName;
        private final boolean fractions;

        private Reader(JsonParser parser, String fileName, boolean fractions) {
            this.parser = parser;
            this.fileName = fileName;
            this.fractions = fractions;
        }

        /** The value whose first token is the parser's current token, at {@code key} or {@code index} of its parent. */
        private Json value(Where parent, String key, int index) throws IOException {
            JsonLocation at = parser.currentTokenLocation();
            Where where = new Where(fileName, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), parent, key,
                    index);
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT -> {
                    List<String> names = new ArrayList<>(4);
                    List<Json> members = new ArrayList<>(4);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        if (names.contains(name)) {
                            String path = where.path();
                            throw new InputException(location(fileName, parser.currentTokenLocation()),
                                    "duplicate key '" + name + "'" + (path.isEmpty() ? "" : " in " + path), "each key once");
                        }
                        parser.nextToken();
                        names.add(name);
                        members.add(value(where, name, 0));
                    }
                    return new Obj(names.toArray(String[]::new), members.toArray(Json[]::new), where);
                }
                case START_ARRAY -> {
                    List<Json> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(value(where, null, items.size()));
                    }
                    return new Arr(List.copyOf(items), where);
                }
                case VALUE_STRING -> {
                    return new Str(parser.getText(), where);
                }
                case VALUE_NUMBER_INT -> {
                    return new Num(parser.getBigIntegerValue(), where);
                }
                case VALUE_NUMBER_FLOAT -> {
                    if (fractions) {
                        return new Frac(parser.getDecimalValue(), where);
                    }
                    throw new InputException(where.location(),
                            "fractional number " + parser.getText() + (parent == null ? "" : " at " + where.path()),
                            "an integer");
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Bool(token == JsonToken.VALUE_TRUE, where);
                }
                case VALUE_NULL -> {
                    return new Null(where);
                }
                default -> throw new InputException(where.location(), "unexpected JSON token " + token);
            }
        }
    }
}
