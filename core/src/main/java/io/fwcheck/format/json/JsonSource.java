package io.fwcheck.format.json;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.math.BigInteger;
import java.util.Map;

/** The file being read: typed access to its JSON values and errors that name the place and the path. */
public final class JsonSource {

    private final String fileName;

    public JsonSource(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public SourceLocation at(Json node) {
        return node.where().location();
    }

    /** An error at a value: {@code file:line:column: problem at nftables[3].rule.expr[0] (expected …)}. */
    public InputException error(Json node, String problem, String expected) {
        String path = node.where().path();
        return new InputException(at(node), path.isEmpty() ? problem : problem + " at " + path, expected);
    }

    public Json.Obj object(Json node, String what) {
        if (node instanceof Json.Obj obj) {
            return obj;
        }
        throw error(node, what + " is " + node.kind(), "an object");
    }

    /** The single key of an object such as {@code {"match": {…}}} and its value. */
    public Map.Entry<String, Json> single(Json node, String what) {
        Json.Obj obj = object(node, what);
        if (obj.size() != 1) {
            throw error(node, what + " has " + obj.size() + " keys", "an object with exactly one key");
        }
        return obj.first();
    }

    public Json require(Json.Obj obj, String key, String what) {
        return obj.get(key).orElseThrow(() -> error(obj, what + " without '" + key + "'", "a '" + key + "' key"));
    }

    public String string(Json node, String what) {
        if (node instanceof Json.Str s) {
            return s.value();
        }
        throw error(node, what + " is " + node.kind(), "a string");
    }

    public String requireString(Json.Obj obj, String key, String what) {
        return string(require(obj, key, what), what + " '" + key + "'");
    }

    public long integer(Json node, String what, long min, long max) {
        if (node instanceof Json.Num n) {
            BigInteger v = n.value();
            if (v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0) {
                return v.longValueExact();
            }
            throw error(node, what + " " + v + " is out of range", "a number from " + min + " to " + max);
        }
        throw error(node, what + " is " + node.kind(), "a number from " + min + " to " + max);
    }
}
