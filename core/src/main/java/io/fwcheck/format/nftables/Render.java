package io.fwcheck.format.nftables;

import io.fwcheck.format.json.Json;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders nftables JSON expressions and statements back into compact nft syntax
 * ({@code meta skuid == 1000}, {@code limit rate 100/second}), to name the constructs fwcheck
 * does not model. Never fails: anything unfamiliar is shown as its JSON key and value.
 */
final class Render {

    private static final int MAX_LENGTH = 160;

    private Render() {}

    /** A match statement: {@code left op right}; the implicit bitmask operator {@code in} is left out, as nft does. */
    static String match(Json left, String op, Json right) {
        String text = expr(left) + ("in".equals(op) ? " " : " " + op + " ") + expr(right);
        return shorten(text);
    }

    /** A statement of a rule. */
    static String statement(Json stmt) {
        if (!(stmt instanceof Json.Obj obj) || obj.size() != 1) {
            return shorten(json(stmt));
        }
        Map.Entry<String, Json> e = obj.first();
        String key = e.getKey();
        Json value = e.getValue();
        String text = switch (key) {
            case "match" -> value instanceof Json.Obj m && m.get("left").isPresent() && m.get("right").isPresent()
                    ? match(m.get("left").get(), m.get("op").map(Render::expr).orElse("=="), m.get("right").get())
                    : key + " " + json(value);
            case "limit" -> limit(value);
            case "quota" -> value instanceof Json.Obj q
                    ? "quota " + (flag(q, "inv") ? "over " : "") + field(q, "val") + " " + field(q, "val_unit", "bytes")
                    : "quota name " + expr(value);
            case "ct count" -> value instanceof Json.Obj c
                    ? "ct count " + (flag(c, "inv") ? "over " : "") + field(c, "val") : "ct count " + json(value);
            case "jump", "goto" -> key + " " + (value instanceof Json.Obj j ? field(j, "target") : json(value));
            case "accept", "drop", "return", "continue", "notrack" -> key;
            case "reject" -> value instanceof Json.Obj r && r.get("type").isPresent()
                    ? "reject with " + field(r, "type") + r.get("expr").map(x -> " " + expr(x)).orElse("")
                    : "reject";
            case "counter" -> value instanceof Json.Str s ? "counter name " + s.value() : "counter";
            case "log" -> value instanceof Json.Obj l && l.get("prefix").isPresent()
                    ? "log prefix \"" + field(l, "prefix") + "\"" : "log";
            case "queue" -> value instanceof Json.Obj q && q.get("num").isPresent()
                    ? "queue num " + expr(q.get("num").get()) : "queue";
            case "snat", "dnat" -> value instanceof Json.Obj n && n.get("addr").isPresent()
                    ? key + " to " + expr(n.get("addr").get()) : key;
            case "vmap" -> value instanceof Json.Obj v && v.get("key").isPresent() && v.get("data").isPresent()
                    ? expr(v.get("key").get()) + " vmap " + expr(v.get("data").get()) : "vmap " + json(value);
            case "mangle" -> value instanceof Json.Obj m && m.get("key").isPresent() && m.get("value").isPresent()
                    ? expr(m.get("key").get()) + " set " + expr(m.get("value").get()) : "mangle " + json(value);
            case "set", "map" -> value instanceof Json.Obj s
                    ? key + " " + field(s, "op") + " " + s.get("elem").map(Render::expr).orElse("?") + " "
                            + s.get(key).map(Render::expr).orElse("?")
                    : key + " " + json(value);
            case "xt" -> value instanceof Json.Obj x ? "xt " + field(x, "type") + " " + field(x, "name") : "xt";
            case "synproxy" -> value instanceof Json.Obj x && x.get("map").isPresent()
                    ? "synproxy name " + expr(x.get("map").get()) : "synproxy";
            case "tproxy" -> value instanceof Json.Obj t
                    ? "tproxy to " + t.get("addr").map(Render::expr).orElse("") + t.get("port").map(p -> ":" + expr(p))
                            .orElse("")
                    : "tproxy";
            case "redirect", "masquerade" -> value instanceof Json.Obj r && r.get("port").isPresent()
                    ? key + " to :" + expr(r.get("port").get()) : key;
            case "flow" -> value instanceof Json.Obj f ? "flow " + field(f, "op") + " " + field(f, "flowtable") : "flow";
            default -> value instanceof Json.Null ? key : key + " " + json(value);
        };
        return shorten(text);
    }

    private static String limit(Json value) {
        if (!(value instanceof Json.Obj l)) {
            return "limit name " + expr(value);
        }
        String unit = field(l, "rate_unit", "packets");
        StringBuilder sb = new StringBuilder("limit rate ");
        if (flag(l, "inv")) {
            sb.append("over ");
        }
        sb.append(field(l, "rate"));
        if (!unit.equals("packets")) {
            sb.append(' ').append(unit);
        }
        sb.append('/').append(field(l, "per", "second"));
        if (l.get("burst").isPresent()) {
            sb.append(" burst ").append(field(l, "burst")).append(' ')
                    .append(unit.equals("packets") ? "packets" : field(l, "burst_unit", "bytes"));
        }
        return sb.toString();
    }

    /** An expression. */
    static String expr(Json value) {
        if (value instanceof Json.Str s) {
            return s.value();
        }
        if (value instanceof Json.Num n) {
            return n.value().toString();
        }
        if (value instanceof Json.Bool b) {
            return b.value() ? "exists" : "missing";
        }
        if (value instanceof Json.Null) {
            return "null";
        }
        if (value instanceof Json.Arr a) {
            return a.items().stream().map(Render::expr).collect(Collectors.joining(","));
        }
        Json.Obj obj = (Json.Obj) value;
        if (obj.size() != 1) {
            return json(value);
        }
        Map.Entry<String, Json> e = obj.first();
        Json v = e.getValue();
        return switch (e.getKey()) {
            case "payload" -> v instanceof Json.Obj p && p.get("protocol").isPresent()
                    ? field(p, "protocol") + " " + field(p, "field")
                    : v instanceof Json.Obj p ? "@" + field(p, "base") + "," + field(p, "offset") + "," + field(p, "len")
                    : json(v);
            case "meta" -> v instanceof Json.Obj m ? "meta " + field(m, "key") : json(v);
            case "ct" -> v instanceof Json.Obj c
                    ? "ct " + c.get("dir").map(d -> expr(d) + " ").orElse("") + c.get("family").map(f -> expr(f) + " ")
                            .orElse("") + field(c, "key")
                    : json(v);
            case "rt" -> v instanceof Json.Obj r ? "rt " + r.get("family").map(f -> expr(f) + " ").orElse("")
                    + field(r, "key") : json(v);
            case "fib" -> v instanceof Json.Obj f ? "fib " + f.get("flags").map(Render::flags).orElse("")
                    + " " + field(f, "result") : json(v);
            case "socket" -> v instanceof Json.Obj s ? "socket " + field(s, "key") : json(v);
            case "osf" -> v instanceof Json.Obj o ? "osf " + field(o, "key") : json(v);
            case "exthdr" -> v instanceof Json.Obj x ? "exthdr " + field(x, "name")
                    + x.get("field").map(f -> " " + expr(f)).orElse("") : json(v);
            case "tcp option", "sctp chunk", "dccp option", "ip option" -> v instanceof Json.Obj x
                    ? e.getKey() + " " + field(x, "name") + x.get("field").map(f -> " " + expr(f)).orElse("")
                    : e.getKey() + " " + json(v);
            case "prefix" -> v instanceof Json.Obj p ? field(p, "addr") + "/" + field(p, "len") : json(v);
            case "range" -> v instanceof Json.Arr r && r.items().size() == 2
                    ? expr(r.items().get(0)) + "-" + expr(r.items().get(1)) : json(v);
            case "set" -> v instanceof Json.Arr s ? "{ " + s.items().stream().map(Render::element)
                    .collect(Collectors.joining(", ")) + " }" : "{ " + element(v) + " }";
            case "concat" -> v instanceof Json.Arr c
                    ? c.items().stream().map(Render::expr).collect(Collectors.joining(" . ")) : json(v);
            case "elem" -> v instanceof Json.Obj el && el.get("val").isPresent() ? expr(el.get("val").get()) : json(v);
            case "map" -> v instanceof Json.Obj m && m.get("key").isPresent() && m.get("data").isPresent()
                    ? expr(m.get("key").get()) + " map " + expr(m.get("data").get()) : json(v);
            case "&", "|", "^", "<<", ">>" -> v instanceof Json.Arr b && b.items().size() == 2
                    ? "(" + expr(b.items().get(0)) + " " + e.getKey() + " " + expr(b.items().get(1)) + ")" : json(v);
            case "accept", "drop", "continue", "return" -> e.getKey();
            case "jump", "goto" -> e.getKey() + " " + (v instanceof Json.Obj j ? field(j, "target") : json(v));
            default -> e.getKey() + " " + json(v);
        };
    }

    private static String element(Json item) {
        if (item instanceof Json.Arr pair && pair.items().size() == 2) {
            return expr(pair.items().get(0)) + " : " + expr(pair.items().get(1));
        }
        return expr(item);
    }

    private static String flags(Json value) {
        if (value instanceof Json.Arr a) {
            return a.items().stream().map(Render::expr).collect(Collectors.joining(" . "));
        }
        return expr(value);
    }

    private static String field(Json.Obj obj, String key) {
        return obj.get(key).map(Render::expr).orElse("?");
    }

    private static String field(Json.Obj obj, String key, String absent) {
        return obj.get(key).map(Render::expr).orElse(absent);
    }

    private static boolean flag(Json.Obj obj, String key) {
        return obj.get(key).filter(v -> v instanceof Json.Bool b && b.value()).isPresent();
    }

    /** Compact JSON text of a value. */
    static String json(Json value) {
        if (value instanceof Json.Str s) {
            return "\"" + s.value() + "\"";
        }
        if (value instanceof Json.Arr a) {
            return a.items().stream().map(Render::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Json.Obj o) {
            return o.entries().stream().map(e -> "\"" + e.getKey() + "\":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return expr(value);
    }

    private static String shorten(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_LENGTH ? one : one.substring(0, MAX_LENGTH - 1) + "…";
    }
}
