package io.fwcheck.format.yaml;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Endpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The named address groups of one file, resolved to address sets, and the resolution of address
 * expressions against them. A group is a list of items, a single item, or
 * {@code {include: [...], exclude: [...]}}; an item is an address, CIDR block, range, {@code any}
 * or the name of another group. Every group resolves to at least one address; references are
 * acyclic.
 */
final class AddressBook {

    static final String EXPECTED_ITEM = "a group name, an address (10.0.2.10), a CIDR block (10.0.1.0/24),"
            + " a range (10.0.1.10-10.0.1.20) or any";
    static final String EXPECTED_ADDRESSES = EXPECTED_ITEM + ", or a list of those";
    private static final String EXPECTED_GROUP = "a list of addresses and group names, a single one,"
            + " or {include: [...], exclude: [...]}";
    private static final List<String> SET_KEYS = List.of("include", "exclude");
    private static final Pattern NOT_HEX = Pattern.compile(".*[G-Zg-z_].*");

    private final YamlSource source;
    private final Map<String, NodeTuple> definitions;
    private final Map<String, AddressSet> resolved = new LinkedHashMap<>();
    private final List<String> resolving = new ArrayList<>();

    private AddressBook(YamlSource source, Map<String, NodeTuple> definitions) {
        this.source = source;
        this.definitions = definitions;
    }

    /** Reads and resolves the groups mapping of a policy, if any. */
    static AddressBook read(YamlSource source, Optional<Node> groups) {
        return read(source, groups, false);
    }

    /**
     * Reads and resolves the groups mapping, if any.
     *
     * @param ruleset true for a ruleset's groups, where {@code none} (no address) is a word too
     */
    static AddressBook read(YamlSource source, Optional<Node> groups, boolean ruleset) {
        Map<String, NodeTuple> definitions = groups
                .map(node -> source.map(node, "'groups'", "a mapping of group names to addresses", null).entries())
                .orElse(Map.of());
        for (Map.Entry<String, NodeTuple> entry : definitions.entrySet()) {
            String name = entry.getKey();
            boolean any = name.equalsIgnoreCase(Names.ANY);
            boolean none = ruleset && name.equalsIgnoreCase(Names.NONE);
            if (!Names.isReference(name) || any || none) {
                throw source.error(entry.getValue().getKeyNode(), "'" + name + "' is not a valid group name"
                        + (any ? " ('any' already means every address)" : "")
                        + (none ? " ('none' already means no address)" : ""),
                        "a name of " + Names.REFERENCE_RULE + ", e.g. app-servers");
            }
        }
        AddressBook book = new AddressBook(source, definitions);
        for (Map.Entry<String, NodeTuple> entry : definitions.entrySet()) {
            book.group(entry.getKey(), entry.getValue().getKeyNode());
        }
        return book;
    }

    /** The resolved groups in file order. */
    Map<String, AddressSet> groups() {
        Map<String, AddressSet> out = new LinkedHashMap<>();
        definitions.keySet().forEach(name -> out.put(name, resolved.get(name)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * A requirement's endpoint: a group name, an inline item or a list of items; named by the
     * group name or the text as written.
     */
    Endpoint endpoint(Node node, String role) {
        List<Node> items = source.listOrSingle(node, role, EXPECTED_ADDRESSES);
        if (items.isEmpty()) {
            throw source.error(node, role + " is an empty list", EXPECTED_ADDRESSES);
        }
        List<String> texts = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (Node item : items) {
            String text = source.itemText(item, role, EXPECTED_ITEM);
            texts.add(text);
            ranges.addAll(item(item, text).ranges());
        }
        String name = texts.size() == 1 ? texts.get(0) : "[" + String.join(", ", texts) + "]";
        return new Endpoint(name, AddressSet.of(ranges));
    }

    /**
     * A rule's address condition: like an endpoint; {@code none} (no address); or items negated,
     * one as {@code "!x"} or several as {@code {not: [x, y]}}, meaning every address (of both
     * families) outside them.
     */
    AddressSet ruleAddresses(Node node, String role) {
        String expected = EXPECTED_ADDRESSES + ", \"!\" and one item, {not: [...]}, or none";
        if (node instanceof MappingNode) {
            YamlMap map = source.map(node, role, expected, List.of(Names.NOT));
            Node inner = map.require(Names.NOT, "not: the addresses to leave out");
            String innerRole = "'not' of " + role;
            List<Node> items = source.listOrSingle(inner, innerRole, EXPECTED_ADDRESSES);
            if (items.isEmpty()) {
                throw source.error(inner, innerRole + " is an empty list", EXPECTED_ADDRESSES);
            }
            List<AddressRange> ranges = new ArrayList<>();
            for (Node item : items) {
                String text = source.itemText(item, innerRole, EXPECTED_ITEM);
                if (text.startsWith("!")) {
                    throw source.error(item, "negation '" + text + "' inside 'not'", EXPECTED_ITEM);
                }
                ranges.addAll(ruleItem(item, text, innerRole).ranges());
            }
            AddressSet negated = AddressSet.of(ranges).complement();
            if (negated.isEmpty()) {
                throw source.error(node, role + " leaves out every address and matches none",
                        "fewer addresses under 'not', or none for a rule that matches no packet");
            }
            return negated;
        }
        List<Node> items = source.listOrSingle(node, role, expected);
        if (items.isEmpty()) {
            throw source.error(node, role + " is an empty list", EXPECTED_ADDRESSES);
        }
        if (items.size() == 1) {
            Node single = items.get(0);
            String text = source.itemText(single, role, EXPECTED_ITEM);
            if (text.equalsIgnoreCase(Names.NONE)) {
                return AddressSet.empty();
            }
            if (text.startsWith("!")) {
                AddressSet negated = ruleItem(single, text.substring(1), role).complement();
                if (negated.isEmpty()) {
                    throw source.error(single, "'" + text + "' matches no address",
                            EXPECTED_ITEM + " after '!', or none for a rule that matches no packet");
                }
                return negated;
            }
        }
        List<AddressRange> ranges = new ArrayList<>();
        for (Node item : items) {
            String text = source.itemText(item, role, EXPECTED_ITEM);
            if (text.startsWith("!") && items.size() > 1) {
                throw source.error(item, "negation '" + text + "' inside a list",
                        "a negation of one item, e.g. from: \"!bastion\", or of several: from: {not: [a, b]}");
            }
            ranges.addAll(ruleItem(item, text, role).ranges());
        }
        return AddressSet.of(ranges);
    }

    /** An item of a rule's addresses: {@code none} stands alone. */
    private AddressSet ruleItem(Node node, String text, String role) {
        if (text.equalsIgnoreCase(Names.NONE)) {
            throw source.error(node, "'" + text + "' inside " + role,
                    "none alone, as the whole value, for a rule that matches no packet");
        }
        return item(node, text);
    }

    private AddressSet group(String name, Node reference) {
        AddressSet done = resolved.get(name);
        if (done != null) {
            return done;
        }
        int start = resolving.indexOf(name);
        if (start >= 0) {
            List<String> cycle = new ArrayList<>(resolving.subList(start, resolving.size()));
            cycle.add(name);
            throw source.error(reference, "cyclic group reference: " + String.join(" -> ", cycle),
                    "groups that do not refer to themselves");
        }
        resolving.add(name);
        Node definition = definitions.get(name).getValueNode();
        AddressSet set = definition(name, definition);
        resolving.remove(resolving.size() - 1);
        if (set.isEmpty()) {
            throw source.error(definition, "group '" + name + "' resolves to no address", "at least one address");
        }
        resolved.put(name, set);
        return set;
    }

    /**
     * An address set written as a group is (a list of items, a single item, or {@code {include:
     * [...], exclude: [...]}}) where a setting takes one, e.g. the audit's internet; named by the
     * text as written, or {@code name} for the include/exclude form.
     */
    Endpoint set(Node node, String role, String name) {
        if (!(node instanceof MappingNode)) {
            return endpoint(node, role);
        }
        AddressSet set = set(node, role);
        if (set.isEmpty()) {
            throw source.error(node, role + " resolves to no address", "at least one address");
        }
        return new Endpoint(name, set);
    }

    private AddressSet definition(String name, Node node) {
        return set(node, "group '" + name + "'");
    }

    private AddressSet set(Node node, String role) {
        if (!(node instanceof MappingNode)) {
            return union(source.listOrSingle(node, role, EXPECTED_GROUP), role);
        }
        YamlMap map = source.map(node, role, EXPECTED_GROUP, SET_KEYS);
        Node include = map.require("include", "include: a list of addresses and group names");
        AddressSet set = union(source.listOrSingle(include, "'include' of " + role, EXPECTED_ADDRESSES),
                "'include' of " + role);
        Optional<Node> exclude = map.get("exclude");
        if (exclude.isPresent()) {
            set = set.minus(union(source.listOrSingle(exclude.get(), "'exclude' of " + role, EXPECTED_ADDRESSES),
                    "'exclude' of " + role));
        }
        return set;
    }

    private AddressSet union(List<Node> items, String role) {
        List<AddressRange> ranges = new ArrayList<>();
        for (Node item : items) {
            ranges.addAll(item(item, source.itemText(item, role, EXPECTED_ITEM)).ranges());
        }
        return AddressSet.of(ranges);
    }

    private AddressSet item(Node node, String text) {
        if (text.toLowerCase(Locale.ROOT).equals(Names.ANY)) {
            return AddressSet.all();
        }
        if (text.startsWith("!")) {
            throw source.error(node, "negation '" + text + "' is not allowed here",
                    "an item without '!'; to leave addresses out of a group use {include: [...], exclude: [...]}");
        }
        if (Names.isReference(text)) {
            if (!definitions.containsKey(text)) {
                throw undefined(node, text);
            }
            return group(text, node);
        }
        try {
            return AddressSet.of(AddressSpecs.parse(text));
        } catch (IllegalArgumentException e) {
            if (NOT_HEX.matcher(text).matches()) {
                throw source.error(node, "'" + text + "' is neither a group name nor an address",
                        "a group name of " + Names.REFERENCE_RULE + ", or an address, CIDR block or range");
            }
            throw source.invalid(node, e);
        }
    }

    private RuntimeException undefined(Node node, String name) {
        if (definitions.isEmpty()) {
            return source.error(node, "undefined group '" + name + "' (this file defines no groups)",
                    "an address, CIDR block or range, or a group defined under 'groups'");
        }
        return source.error(node, "undefined group '" + name + "'" + Suggestions.didYouMean(name, definitions.keySet()),
                "one of the groups " + Suggestions.list(definitions.keySet()) + ", or an address");
    }
}
