package io.fwcheck.format.terraform;

import io.fwcheck.format.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value of a resource in a Terraform plan, with what the plan says is unknown about it: the
 * {@code after_unknown} object mirrors {@code after}, {@code true} marking a value known only
 * after apply (which {@code after} then leaves out or sets to null). Values of {@code before}
 * and of a state are all known.
 *
 * @param node the value, {@link Json.Null} when absent
 * @param unknown the matching part of {@code after_unknown}, null when there is none
 * @param path the attribute path from the resource, e.g. {@code ingress[0].cidr_blocks}
 */
record TfValue(Json node, Json unknown, String path) {

    /** A resource's values. */
    static TfValue root(Json values, Json unknown) {
        return new TfValue(values, unknown, "");
    }

    /** True when the plan says the value is known only after apply. */
    boolean isUnknown() {
        return unknown instanceof Json.Bool b && b.value();
    }

    /** True when the value is null, absent, an empty list or object, an empty string or false, and known. */
    boolean isEmpty() {
        if (isUnknown()) {
            return false;
        }
        return node instanceof Json.Null || node instanceof Json.Arr a && a.items().isEmpty()
                || node instanceof Json.Obj o && o.size() == 0 || node instanceof Json.Str s && s.value().isEmpty()
                || node instanceof Json.Bool b && !b.value();
    }

    /** A member of an object value (null when absent). */
    TfValue get(String key) {
        Json child = node instanceof Json.Obj o ? o.get(key).orElse(null) : null;
        Json u = unknown instanceof Json.Obj uo ? uo.get(key).orElse(null) : null;
        return new TfValue(child == null ? new Json.Null(node.where()) : child, u, path.isEmpty() ? key : path + "." + key);
    }

    /** The items of a list value; empty when it is null or unknown. */
    List<TfValue> items() {
        List<TfValue> out = new ArrayList<>();
        if (node instanceof Json.Arr a) {
            List<Json> us = unknown instanceof Json.Arr ua ? ua.items() : List.of();
            for (int i = 0; i < a.items().size(); i++) {
                out.add(new TfValue(a.items().get(i), i < us.size() ? us.get(i) : null, path + "[" + i + "]"));
            }
        }
        return out;
    }

    /** The items an unknown list will have beyond those known: true when the list or part of it is unknown. */
    boolean hasUnknownItems() {
        if (isUnknown()) {
            return true;
        }
        return node instanceof Json.Arr a && unknown instanceof Json.Arr ua && ua.items().size() > a.items().size();
    }

    /** The string value, when it is a known string. */
    Optional<String> string() {
        return !isUnknown() && node instanceof Json.Str s ? Optional.of(s.value()) : Optional.empty();
    }

    /** The whole-number value, when it is a known number. */
    Optional<Long> number() {
        if (isUnknown()) {
            return Optional.empty();
        }
        if (node instanceof Json.Num n) {
            return Optional.of(n.value().longValue());
        }
        if (node instanceof Json.Frac f && f.value().stripTrailingZeros().scale() <= 0) {
            return Optional.of(f.value().longValue());
        }
        return Optional.empty();
    }

    /** The boolean value, when it is a known boolean. */
    Optional<Boolean> bool() {
        return !isUnknown() && node instanceof Json.Bool b ? Optional.of(b.value()) : Optional.empty();
    }
}
