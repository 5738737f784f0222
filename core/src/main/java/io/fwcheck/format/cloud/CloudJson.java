package io.fwcheck.format.cloud;

import io.fwcheck.format.InputException;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.json.JsonSource;
import io.fwcheck.format.yaml.Suggestions;
import io.fwcheck.model.SourceLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Typed access to the JSON of cloud APIs and Terraform, with errors at the value's line:column and
 * JSON path. Objects are read against two lists of keys: those with a meaning for filtering
 * (read) and those without one (ignored: ids, tags, timestamps, …). Any other key is an error, so
 * that a misspelt key never silently drops a condition.
 */
public final class CloudJson {

    private final JsonSource src;

    public CloudJson(String fileName) {
        this.src = new JsonSource(fileName);
    }

    public JsonSource source() {
        return src;
    }

    public InputException error(Json node, String problem, String expected) {
        return src.error(node, problem, expected);
    }

    /**
     * Runs a reader, turning any unexpected runtime failure into an {@link InputException} naming
     * the file, so that callers only ever see bad input reported as such.
     */
    public static <T> T guard(String fileName, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "cannot read the file: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
    }

    /** Parses a document whose numbers may have fractions (Terraform plans hold any resource's values). */
    public Json parse(String text, String expected) {
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return Json.parse(json, src.fileName(), expected, true);
    }

    /**
     * The object, its keys checked.
     *
     * @param what what the object is, for messages, e.g. {@code a security group}
     * @param known keys that matter
     * @param ignored keys without a meaning for filtering
     */
    public Json.Obj object(Json node, String what, Set<String> known, Set<String> ignored) {
        Json.Obj obj = src.object(node, what);
        for (Map.Entry<String, Json> e : obj.entries()) {
            String key = e.getKey();
            if (!known.contains(key) && !ignored.contains(key)) {
                List<String> all = new ArrayList<>(known);
                throw src.error(e.getValue(), "unknown key '" + key + "' in " + what + Suggestions.didYouMean(key, all),
                        "one of " + Suggestions.list(all.stream().sorted().toList()));
            }
        }
        return obj;
    }

    /**
     * An error for a value that does not parse: the parser's message (an
     * {@link IllegalArgumentException}'s), split at its {@code (expected …)}.
     */
    public InputException invalid(Json node, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "invalid value" : e.getMessage();
        String marker = " (expected ";
        int at = message.lastIndexOf(marker);
        if (at > 0 && message.endsWith(")")) {
            return src.error(node, message.substring(0, at), message.substring(at + marker.length(), message.length() - 1));
        }
        return src.error(node, message, null);
    }

    /** The items of a list; {@code null} is an empty list. */
    public List<Json> list(Json node, String what) {
        if (node instanceof Json.Arr a) {
            return a.items();
        }
        if (node instanceof Json.Null) {
            return List.of();
        }
        throw src.error(node, what + " is " + node.kind(), "a list");
    }

    /** The items of an optional list member; absent or {@code null} is an empty list. */
    public List<Json> list(Json.Obj obj, String key, String what) {
        return obj.get(key).map(v -> list(v, what + " '" + key + "'")).orElse(List.of());
    }

    public String string(Json node, String what) {
        return src.string(node, what);
    }

    /** A string member, absent or {@code null} being empty. */
    public Optional<String> optString(Json.Obj obj, String key, String what) {
        Optional<Json> v = obj.get(key).filter(j -> !(j instanceof Json.Null));
        return v.map(j -> src.string(j, what + " '" + key + "'"));
    }

    public String requireString(Json.Obj obj, String key, String what) {
        return string(src.require(obj, key, what), what + " '" + key + "'");
    }

    public Json require(Json.Obj obj, String key, String what) {
        return src.require(obj, key, what);
    }

    /** A whole number, written as a number or as a string of digits (APIs differ), in range. */
    public long integer(Json node, String what, long min, long max) {
        if (node instanceof Json.Str s && s.value().matches("-?(0|[1-9][0-9]{0,17})")) {
            long v = Long.parseLong(s.value());
            if (v < min || v > max) {
                throw src.error(node, what + " " + v + " is out of range", "a number from " + min + " to " + max);
            }
            return v;
        }
        if (node instanceof Json.Frac f) {
            try {
                BigInteger exact = f.value().toBigIntegerExact();
                return src.integer(new Json.Num(exact, f.where()), what, min, max);
            } catch (ArithmeticException e) {
                throw src.error(node, what + " " + f.value().toPlainString() + " is not a whole number",
                        "a number from " + min + " to " + max);
            }
        }
        return src.integer(node, what, min, max);
    }

    /** An optional whole number; absent or {@code null} is empty. */
    public Optional<Long> optInteger(Json.Obj obj, String key, String what, long min, long max) {
        return obj.get(key).filter(j -> !(j instanceof Json.Null)).map(j -> integer(j, what + " '" + key + "'", min, max));
    }

    public boolean bool(Json node, String what) {
        if (node instanceof Json.Bool b) {
            return b.value();
        }
        throw src.error(node, what + " is " + node.kind(), "true or false");
    }

    /** An optional boolean; absent or {@code null} is {@code otherwise}. */
    public boolean optBool(Json.Obj obj, String key, String what, boolean otherwise) {
        return obj.get(key).filter(j -> !(j instanceof Json.Null)).map(j -> bool(j, what + " '" + key + "'"))
                .orElse(otherwise);
    }
}
