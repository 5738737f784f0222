package io.fwcheck.format.yaml;

import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Suppression;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a ruleset in the native YAML format (docs/ruleset-format.md), so that people can read what
 * fwcheck understood of a ruleset in any format and {@link YamlRulesetReader} reads it back to the
 * same rules: same ids, actions, comments and {@link Match}es, with exceptions ({@code except})
 * and the constructs fwcheck does not model ({@code unknown}) kept. Each condition is written in
 * its shortest exact form (addresses as CIDR blocks or ranges, negated when shorter); each rule is
 * preceded by a comment with the place it was read from.
 *
 * <p>Only the places differ when read back: a rule's location and that of each {@code unknown}
 * construct are then those in the YAML text. A rule whose id is not a valid rule name (blanks,
 * control characters, over {@value Names#MAX_RULE_NAME} characters) gets a similar valid one, its
 * id in the comment above it. Strings are plain only when every YAML 1.1 and 1.2 reader takes them
 * for strings ({@code no}, {@code 0755}, {@code 22:45} are quoted); other strings are double-quoted
 * with escapes, so any text survives.
 */
public final class YamlRulesetWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./+-]*");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final Set<String> YAML11_SHORT_BOOLEANS = Set.of("y", "Y", "n", "N");
    private static final Resolver RESOLVER = new Resolver();
    private static final String INDENT = "  ";

    private final StringBuilder out = new StringBuilder();

    /** The written conditions of each exception: rules inlined from a chain share theirs. */
    private final Map<Match, List<String>> exceptions = new IdentityHashMap<>();

    private YamlRulesetWriter() {}

    /**
     * The ruleset as native YAML text, ending in a newline.
     *
     * @throws IllegalArgumentException for an interface name the native format cannot spell (one
     *     with a blank, {@code /}, a {@code +} that does not end it, or a character outside ASCII)
     */
    public static String write(Ruleset ruleset) {
        Objects.requireNonNull(ruleset, "ruleset");
        YamlRulesetWriter writer = new YamlRulesetWriter();
        writer.ruleset(ruleset);
        return writer.out.toString();
    }

    private void ruleset(Ruleset ruleset) {
        line("# " + comment("fwcheck ruleset, written from " + ruleset.source().file()));
        line("version: 1");
        line("name: " + text(rulesetName(ruleset.name())));
        line("default: " + ruleset.defaultAction().label());
        if (ruleset.rules().isEmpty()) {
            line("rules: []");
            return;
        }
        line("rules:");
        Set<String> taken = new HashSet<>();
        ruleset.rules().forEach(r -> taken.add(r.id()));
        for (int i = 0; i < ruleset.rules().size(); i++) {
            Rule rule = ruleset.rules().get(i);
            if (i > 0) {
                out.append('\n');
            }
            line(INDENT + "# " + comment(where(rule.location())));
            List<String> lines = new ArrayList<>();
            boolean positional = !rule.named() && rule.id().equals("rule-" + (i + 1));
            if (!positional) {
                String name = Names.isRuleName(rule.id()) ? rule.id() : substitute(rule.id(), taken);
                if (!name.equals(rule.id())) {
                    line(INDENT + "# id: " + comment(rule.id()));
                }
                lines.add("name: " + text(name));
            }
            lines.add("action: " + rule.action().label());
            if (!rule.comment().isEmpty()) {
                lines.add("comment: " + text(rule.comment()));
            }
            if (rule.standIn()) {
                lines.add("stand-in: true");
            }
            lines.addAll(conditions(rule.match(), false));
            if (!rule.suppressions().isEmpty()) {
                lines.add("suppress:");
                for (Suppression sup : rule.suppressions()) {
                    lines.add(INDENT + "- {id: " + text(sup.id()) + ", reason: " + quoted(sup.reason()) + "}");
                }
            }
            item(INDENT, lines);
        }
    }

    /** Writes one item of a block list: {@code - } before the first line, the others aligned with it. */
    private void item(String indent, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            line(indent + (i == 0 ? "- " : INDENT) + lines.get(i));
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /**
     * The lines of a match's conditions, in the reader's key order; nested blocks are indented.
     * An exception ({@code compact}) lists its unknown constructs in one line.
     */
    private List<String> conditions(Match m, boolean compact) {
        List<String> lines = new ArrayList<>();
        if (!m.families().equals(EnumSet.allOf(IpFamily.class))) {
            lines.add("family: " + families(m.families()));
        }
        if (!m.sources().isAll()) {
            lines.add("from: " + addresses(m.sources()));
        }
        if (!m.destinations().isAll()) {
            lines.add("to: " + addresses(m.destinations()));
        }
        boolean ports = m.sourcePorts().isPresent() || m.destinationPorts().isPresent();
        boolean icmp = m.icmp().isPresent();
        if (!m.protocols().isAll(Protocol.MAX) || ports || icmp) {
            lines.add("protocol: " + protocols(m.protocols(), ports, icmp));
        }
        m.destinationPorts().ifPresent(p -> lines.add("ports: " + ports(p)));
        m.sourcePorts().ifPresent(p -> lines.add("source-ports: " + ports(p)));
        m.icmp().ifPresent(v -> lines.add("icmp-type: " + icmp(v)));
        if (!m.states().equals(EnumSet.allOf(ConnState.class))) {
            lines.add("state: " + states(m.states()));
        }
        m.inInterface().ifPresent(i -> lines.add("in-interface: " + iface(i)));
        m.outInterface().ifPresent(i -> lines.add("out-interface: " + iface(i)));
        if (!m.unmodelled().isEmpty()) {
            List<String> constructs = m.unmodelled().stream()
                    .map(u -> text(u.construct().isBlank() ? "(blank construct)" : u.construct()))
                    .toList();
            if (compact) {
                lines.add("unknown: " + flow(constructs));
            } else {
                lines.add("unknown:");
                constructs.forEach(c -> lines.add(INDENT + "- " + c));
            }
        }
        if (!m.except().isEmpty()) {
            lines.add("except:");
            for (Match e : m.except()) {
                List<String> inner = exceptions.get(e);
                if (inner == null) {
                    inner = conditions(e, true);
                    exceptions.put(e, inner);
                }
                if (e.except().isEmpty()) {
                    lines.add(INDENT + "- {" + String.join(", ", inner) + "}");
                    continue;
                }
                for (int i = 0; i < inner.size(); i++) {
                    lines.add(INDENT + (i == 0 ? "- " : INDENT) + inner.get(i));
                }
            }
        }
        return lines;
    }

    private static String families(Set<IpFamily> families) {
        if (families.isEmpty()) {
            return Names.NONE;
        }
        return list(EnumSet.copyOf(families).stream().map(IpFamily::label).toList());
    }

    private static String states(Set<ConnState> states) {
        if (states.isEmpty()) {
            return Names.NONE;
        }
        return list(EnumSet.copyOf(states).stream().map(ConnState::label).toList());
    }

    /** Addresses as CIDR blocks where a range is one, else {@code first-last}; negated when shorter. */
    private static String addresses(AddressSet set) {
        if (set.isEmpty()) {
            return Names.NONE;
        }
        List<AddressRange> complement = set.complement().ranges();
        if (complement.size() < set.ranges().size()) {
            return choose(List.of(), complement.stream().map(YamlRulesetWriter::address).toList(), false);
        }
        return list(set.ranges().stream().map(YamlRulesetWriter::address).toList());
    }

    private static String address(AddressRange range) {
        return text(range.toString());
    }

    /**
     * Protocols by name, number or range, negated when shorter, or when the positive form would name
     * a protocol that 'ports' or 'icmp-type' do not allow.
     */
    private static String protocols(IntRanges set, boolean ports, boolean icmp) {
        if (set.isAll(Protocol.MAX)) {
            return "any";
        }
        if (set.isEmpty()) {
            return Names.NONE;
        }
        boolean positiveAllowed = true;
        for (int[] p : set.pairs()) {
            if (p[0] == p[1] && (ports && !Protocol.hasPorts(p[0]) || icmp && !Protocol.isIcmp(p[0]))) {
                positiveAllowed = false;
            }
        }
        IntFunction<String> single = p -> number(Protocol.name(p));
        return choose(items(set, single), items(set.complement(Protocol.MAX), single), positiveAllowed);
    }

    private static String ports(IntRanges ports) {
        if (ports.isEmpty()) {
            return Names.NONE;
        }
        IntFunction<String> single = Integer::toString;
        return choose(items(ports, single), items(ports.complement(Match.PORT_MAX), single), true);
    }

    /** ICMP values as types ({@code 8}, {@code 3-5}: every code) or type/code ({@code 3/4}, {@code 3/0-3/4}). */
    private static String icmp(IntRanges values) {
        if (values.isEmpty()) {
            return Names.NONE;
        }
        return choose(icmpItems(values), icmpItems(values.complement(Match.ICMP_MAX)), true);
    }

    private static List<String> icmpItems(IntRanges values) {
        List<String> out = new ArrayList<>();
        for (int[] p : values.pairs()) {
            int t1 = p[0] >> 8;
            int c1 = p[0] & 0xFF;
            int t2 = p[1] >> 8;
            int c2 = p[1] & 0xFF;
            String item;
            if (c1 == 0 && c2 == 0xFF) {
                item = t1 == t2 ? Integer.toString(t1) : t1 + "-" + t2;
            } else if (p[0] == p[1]) {
                item = t1 + "/" + c1;
            } else {
                item = t1 + "/" + c1 + "-" + t2 + "/" + c2;
            }
            out.add(number(item));
        }
        return out;
    }

    /** Each range of the set as one item: a single value as {@code single} writes it, else {@code lo-hi}. */
    private static List<String> items(IntRanges set, IntFunction<String> single) {
        return set.pairs().stream().map(p -> p[0] == p[1] ? single.apply(p[0]) : p[0] + "-" + p[1]).toList();
    }

    private static String iface(InterfaceMatch match) {
        List<String> names = new ArrayList<>();
        for (String pattern : match.patterns()) {
            String base = pattern.endsWith("+") ? pattern.substring(0, pattern.length() - 1) : pattern;
            IntPredicate plain = c -> c > ' ' && c < 0x7F && c != '/' && c != '+' && c != '!';
            if (pattern.isEmpty() || !base.chars().allMatch(plain)) {
                throw new IllegalArgumentException("the interface name '" + pattern + "' cannot be written in the"
                        + " native format (expected printable ASCII without blanks, '/' or '!', '+' only at the end)");
            }
            names.add(text(pattern));
        }
        if (!match.negated()) {
            return list(names);
        }
        return names.size() == 1 ? text("!" + match.patterns().get(0)) : "{not: " + flow(names) + "}";
    }

    /**
     * The positive items, or the negated ones ({@code "!x"}, {@code {not: [x, y]}}) when there are
     * fewer of them or the positive form is not allowed.
     */
    private static String choose(List<String> positive, List<String> negative, boolean positiveAllowed) {
        boolean negate = !negative.isEmpty() && (!positiveAllowed || negative.size() < positive.size());
        if (!negate) {
            return list(positive);
        }
        if (negative.size() == 1) {
            String item = negative.get(0);
            return item.startsWith("\"") ? "\"!" + item.substring(1) : text("!" + item);
        }
        return "{not: " + flow(negative) + "}";
    }

    /** One item alone, else a flow list. */
    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : flow(items);
    }

    private static String flow(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    /** {@code file:line}, or the file alone when the line is not known. */
    private static String where(SourceLocation location) {
        return location.line() > 0 ? location.file() + ":" + location.line() : location.file();
    }

    private static String rulesetName(String name) {
        String clean = name.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (clean.length() > Names.MAX_LENGTH) {
            clean = clean.substring(0, Names.MAX_LENGTH).strip();
        }
        return clean.isEmpty() ? "ruleset" : clean;
    }

    /** A valid rule name like {@code id}, not among {@code taken}, which it joins. */
    private static String substitute(String id, Set<String> taken) {
        StringBuilder b = new StringBuilder();
        id.codePoints().forEach(c -> {
            String one = new String(Character.toChars(c));
            b.append(Names.isRuleName("x" + one) ? one : "_");
        });
        String base = b.toString();
        if (base.isEmpty() || !Names.isRuleName(base.substring(0, 1))) {
            base = "r_" + base;
        }
        if (base.length() > Names.MAX_RULE_NAME - 16) {
            base = base.substring(0, Names.MAX_RULE_NAME - 16);
        }
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "~" + n;
        }
        taken.add(name);
        return name;
    }

    /** A number or a numeric text ({@code 22}, {@code 8000-8080}, {@code 3/4}): plain when YAML reads it as written. */
    private static String number(String value) {
        if (PLAIN.matcher(value).matches()) {
            Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
            if (Tag.STR.equals(tag) || Tag.INT.equals(tag) && DECIMAL.matcher(value).matches()) {
                return value;
            }
        }
        return quoted(value);
    }

    /** A string: plain when every YAML reader takes it for this string, else double-quoted. */
    static String text(String value) {
        if (PLAIN.matcher(value).matches() && !YAML11_SHORT_BOOLEANS.contains(value)
                && Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true))) {
            return value;
        }
        return quoted(value);
    }

    /** A double-quoted YAML string: escapes for quotes, backslashes, and every character that is not printable. */
    static String quoted(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (printable(c)) {
                        b.appendCodePoint(c);
                    } else if (c <= 0xFF) {
                        b.append(String.format("\\x%02X", c));
                    } else if (c <= 0xFFFF) {
                        b.append(String.format("\\u%04X", c));
                    } else {
                        b.append(String.format("\\U%08X", c));
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    /** Characters YAML allows as they are, inside a quoted string or a comment, that are not line breaks. */
    private static boolean printable(int c) {
        if (c < 0x20 || c >= 0x7F && c <= 0xA0 || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
            return false;
        }
        return c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }

    /** Text for a YAML comment: one line, characters that are not printable as {@code \\uXXXX}. */
    private static String comment(String text) {
        return text.codePoints()
                .mapToObj(c -> printable(c) ? new String(Character.toChars(c)) : String.format("\\u%04X", c))
                .collect(Collectors.joining());
    }
}
