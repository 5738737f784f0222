package io.fwcheck.format.yaml;

import io.fwcheck.format.ServiceSpecs;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Service;
import io.fwcheck.model.Suppression;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the rules of one native YAML ruleset, each into a {@link Rule} whose {@link Match} holds
 * exactly the conditions written, with its exceptions ({@code except}) and the constructs fwcheck
 * does not model ({@code unknown}). Rule names are unique; an unnamed rule is called
 * {@code rule-N} after its 1-based position.
 */
final class RuleReader {

    static final Map<String, Action> ACTIONS = labels(Action.values(), Action::label);

    /** The keys that state conditions, in rules and in their exceptions. */
    static final List<String> MATCH_KEYS = List.of("family", "from", "to", "protocol", "ports", "source-ports",
            "icmp-type", "service", "state", "in-interface", "out-interface", "unknown", "except");
    private static final List<String> KEYS =
            Stream.concat(Stream.of("name", "action", "comment", "suppress", "stand-in"), MATCH_KEYS.stream()).toList();
    private static final Map<String, Boolean> BOOLEANS = labels(new Boolean[] {true, false}, String::valueOf);
    private static final List<String> SUPPRESSION_KEYS = List.of("id", "reason");
    private static final Pattern FINDING_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final String EXPECTED_SUPPRESSIONS = "a list of {id: FINDING-ID, reason: \"why it is acceptable\"},"
            + " e.g. [{id: shadowed-rule, reason: \"kept until CHG-42 is deployed\"}]";
    private static final Map<String, ConnState> STATES = labels(ConnState.values(), ConnState::label);
    private static final Map<String, IpFamily> FAMILIES = labels(IpFamily.values(), IpFamily::label);
    private static final String EXPECTED_RULE = "a mapping with action and optional name, comment, suppress, "
            + String.join(", ", MATCH_KEYS);
    private static final String EXPECTED_EXCEPTION = "a mapping of conditions: " + String.join(", ", MATCH_KEYS)
            + ", or {} for every packet";
    private static final String EXPECTED_EXCEPTIONS = "a list of mappings of conditions, e.g. [{from: 10.0.0.0/8}]";
    private static final String EXPECTED_PROTOCOL = "a protocol name (tcp, udp, icmp, icmpv6, sctp, ...), a number"
            + " 0-255, a range (0-5), any, or a list of those";
    private static final String EXPECTED_PORTS = "a port (5432), a range (8000-8080), or a list of those";
    private static final String EXPECTED_ICMP = "an ICMP type (8), type/code (3/4), a range (3-5, 3/0-3/4),"
            + " a name (echo-request), or a list of those";
    private static final String EXPECTED_UNKNOWN = "a list of constructs fwcheck does not model, as text,"
            + " e.g. [\"-m recent --rcheck\"]";
    private static final String PORT_PROTOCOLS = "tcp, udp, sctp, dccp or udplite";
    private static final String EXPECTED_INTERFACE =
            "an interface name (eth0), a prefix (eth+), a list of those,"
                    + " or a negation (\"!eth0\", {not: [eth0, eth1]})";
    private static final Pattern PROTOCOL_RANGE = Pattern.compile("([0-9]+)-([0-9]+)");
    private static final Pattern ICMP_NUMBERS = Pattern.compile("[0-9]+(/[0-9]+)?(-[0-9]+(/[0-9]+)?)?");

    private final YamlSource source;
    private final AddressBook groups;
    private final ServiceBook services;
    private final Map<String, Node> names = new HashMap<>();

    RuleReader(YamlSource source, AddressBook groups, ServiceBook services) {
        this.source = source;
        this.groups = groups;
        this.services = services;
    }

    /** One value of a condition as written, without its {@code !}. */
    private record Item(Node node, String text) {}

    /** The values of a condition; negated ones stand for every value outside them. */
    private record Items(List<Item> list, boolean negated) {}

    /**
     * A protocol condition: the protocols, and those named one by one in a positive condition
     * (which must suit 'ports' and 'icmp-type'; {@code any}, ranges and negations may hold others).
     */
    private record Protocols(IntRanges set, List<Integer> named) {}

    /** Reads the rule at a 1-based position. */
    Rule rule(Node item, int position) {
        String role = Documents.peek(item, "name").map(n -> "rule '" + n + "'").orElse("rule " + position);
        YamlMap map = source.map(item, role, EXPECTED_RULE, KEYS);
        String id = id(map, item, position);
        Action action = source.choice(map.require("action", "action: accept, drop or reject"), "'action'", "action",
                ACTIONS);
        String comment = map.text("comment", "a one-line comment").orElse("");
        List<Suppression> suppressions = map.get("suppress").map(node -> suppressions(node, role)).orElse(List.of());
        // written by fwcheck convert for the rules it added when reading another format
        boolean standIn = map.get("stand-in").map(node -> source.choice(node, "'stand-in'", "'stand-in' value", BOOLEANS))
                .orElse(false);
        return new Rule(id, action, match(map, role), comment, source.at(item), map.has("name"), suppressions, standIn);
    }

    /** The conditions of a rule or of an exception. */
    private Match match(YamlMap map, String role) {
        Match.Builder match = Match.builder();
        map.get("family").ifPresent(node -> match.families(families(node)));
        map.get("from").ifPresent(node -> match.sources(groups.ruleAddresses(node, "'from'")));
        map.get("to").ifPresent(node -> match.destinations(groups.ruleAddresses(node, "'to'")));
        if (map.has("service")) {
            service(map, role, match);
        } else {
            protocolsAndPorts(map, match);
        }
        map.get("state").ifPresent(node -> match.states(states(node)));
        map.get("in-interface").ifPresent(node -> match.inInterface(iface(node, "'in-interface'")));
        map.get("out-interface").ifPresent(node -> match.outInterface(iface(node, "'out-interface'")));
        map.get("unknown").ifPresent(node -> unknown(node).forEach(match::unmodelled));
        map.get("except").ifPresent(node -> exceptions(node, role).forEach(match::except));
        return match.build();
    }

    private String id(YamlMap map, Node item, int position) {
        Optional<Node> nameNode = map.get("name");
        String id;
        Node where;
        if (nameNode.isPresent()) {
            where = nameNode.get();
            id = Names.ruleName(source, where, source.text(where, "'name'", "a rule name such as allow-app"));
        } else {
            where = item;
            id = "rule-" + position;
        }
        Node first = names.putIfAbsent(id, where);
        if (first != null) {
            String problem = nameNode.isPresent()
                    ? "duplicate rule name '" + id + "'"
                    : "rule " + position + " has no name and its default name '" + id + "' is already used";
            throw source.error(where, problem + " (first at line " + YamlSource.line(first) + ")", "a unique rule name");
        }
        return id;
    }

    /** True for the word {@code none}: no value, so the condition matches no packet. */
    private static boolean isNone(Node node) {
        return node instanceof ScalarNode scalar && !YamlSource.isNull(scalar)
                && scalar.getValue().equalsIgnoreCase(Names.NONE);
    }

    /**
     * The values of a condition that may be negated: one value or a list; one value negated as
     * {@code "!x"}; or several as {@code {not: [x, y]}}.
     */
    private Items items(Node node, String role, String expected) {
        if (node instanceof MappingNode) {
            YamlMap map = source.map(node, role, expected, List.of(Names.NOT));
            Node inner = map.require(Names.NOT, "not: the values to leave out");
            String innerRole = "'not' of " + role;
            List<Node> nodes = source.listOrSingle(inner, innerRole, expected);
            if (nodes.isEmpty()) {
                throw source.error(inner, innerRole + " is an empty list", expected);
            }
            List<Item> out = new ArrayList<>();
            for (Node n : nodes) {
                String text = source.itemText(n, innerRole, expected);
                if (text.startsWith("!")) {
                    throw source.error(n, "negation '" + text + "' inside 'not'",
                            "the values to leave out, without '!'");
                }
                out.add(new Item(n, text));
            }
            return new Items(out, true);
        }
        List<Node> nodes = source.listOrSingle(node, role, expected);
        if (nodes.isEmpty()) {
            throw source.error(node, role + " is an empty list", expected);
        }
        List<Item> out = new ArrayList<>();
        for (Node n : nodes) {
            String text = source.itemText(n, role, expected);
            if (text.startsWith("!")) {
                if (nodes.size() > 1) {
                    throw source.error(n, "negation '" + text + "' inside a list",
                            "a negation of one value, e.g. \"!x\", or of several: {not: [x, y]}");
                }
                return new Items(List.of(new Item(n, text.substring(1))), true);
            }
            out.add(new Item(n, text));
        }
        return new Items(out, false);
    }

    private void service(YamlMap map, String role, Match.Builder match) {
        for (String key : List.of("protocol", "ports", "icmp-type")) {
            if (map.has(key)) {
                throw source.error(map.keyNode(key), "'" + key + "' cannot be combined with 'service' in " + role,
                        "either service, or protocol with ports or icmp-type");
            }
        }
        Node node = map.require("service", "service");
        Service service = services.service(node, "'service'");
        Service.Part first = service.parts().get(0);
        IntRanges protocols = IntRanges.empty();
        for (Service.Part part : service.parts()) {
            if (!part.ports().equals(first.ports()) || !part.icmp().equals(first.icmp())) {
                throw source.error(node, "service '" + service.name() + "' has parts with different ports or ICMP types ("
                                + first + " and " + part + ") that one rule cannot match",
                        "a service whose parts share their ports, or one rule per part");
            }
            protocols = protocols.union(part.protocols());
        }
        match.protocols(protocols);
        first.ports().ifPresent(match::destinationPorts);
        first.icmp().ifPresent(match::icmp);
    }

    private void protocolsAndPorts(YamlMap map, Match.Builder match) {
        Protocols protocols = map.get("protocol").map(this::protocols)
                .orElse(new Protocols(Match.ALL_PROTOCOLS, List.of()));
        match.protocols(protocols.set());
        map.get("ports").ifPresent(node -> match.destinationPorts(ports(map, node, "ports", protocols)));
        map.get("source-ports").ifPresent(node -> match.sourcePorts(ports(map, node, "source-ports", protocols)));
        map.get("icmp-type").ifPresent(node -> match.icmp(icmp(map, node, protocols)));
    }

    private Protocols protocols(Node node) {
        if (isNone(node)) {
            return new Protocols(IntRanges.empty(), List.of());
        }
        Items items = items(node, "'protocol'", EXPECTED_PROTOCOL);
        IntRanges set = IntRanges.empty();
        List<Integer> named = new ArrayList<>();
        for (Item item : items.list()) {
            if (item.text().equalsIgnoreCase(ServiceSpecs.ANY)) {
                if (items.negated()) {
                    throw source.error(item.node(), "leaving out 'any' protocol matches no protocol",
                            EXPECTED_PROTOCOL + "; or none for a rule that matches no packet");
                }
                return new Protocols(Match.ALL_PROTOCOLS, List.of());
            }
            Matcher range = PROTOCOL_RANGE.matcher(item.text());
            if (range.matches()) {
                set = set.union(protocolRange(item, range));
                continue;
            }
            try {
                int protocol = ServiceSpecs.parseProtocol(item.text());
                set = set.union(IntRanges.of(protocol));
                named.add(protocol);
            } catch (IllegalArgumentException e) {
                throw source.invalid(item.node(), e);
            }
        }
        if (items.negated()) {
            set = set.complement(Protocol.MAX);
            if (set.isEmpty()) {
                throw source.error(node, "'protocol' leaves out every protocol and matches none",
                        "fewer protocols to leave out, or none for a rule that matches no packet");
            }
            return new Protocols(set, List.of());
        }
        return new Protocols(set, named);
    }

    private IntRanges protocolRange(Item item, Matcher range) {
        String expected = "a protocol range of numbers 0-255 without leading zeros, lower first, e.g. 0-5";
        int[] bounds = new int[2];
        for (int i = 0; i < 2; i++) {
            String number = range.group(i + 1);
            boolean leadingZero = number.length() > 1 && number.startsWith("0");
            if (number.length() > 3 || leadingZero || Integer.parseInt(number) > Protocol.MAX) {
                throw source.error(item.node(), "'" + number + "' in '" + item.text() + "' is not a protocol number",
                        expected);
            }
            bounds[i] = Integer.parseInt(number);
        }
        if (bounds[0] > bounds[1]) {
            throw source.error(item.node(), "protocol range '" + item.text() + "' is reversed", expected);
        }
        return IntRanges.range(bounds[0], bounds[1]);
    }

    private IntRanges ports(YamlMap map, Node node, String key, Protocols protocols) {
        if (!map.has("protocol")) {
            throw source.error(node, "'" + key + "' without a protocol", "protocol: " + PORT_PROTOCOLS + " with '" + key + "'");
        }
        List<Integer> without = protocols.named().stream().filter(p -> !Protocol.hasPorts(p)).distinct().toList();
        if (!without.isEmpty()) {
            throw source.error(node, "'" + key + "' needs protocols with ports, but the rule's protocol includes "
                    + without.stream().map(Protocol::name).collect(Collectors.joining(", ")),
                    "protocol: " + PORT_PROTOCOLS + "; or any, a range or a negation, of which only the protocols"
                            + " with ports match");
        }
        if (isNone(node)) {
            return IntRanges.empty();
        }
        Items items = items(node, "'" + key + "'", EXPECTED_PORTS);
        IntRanges ports = IntRanges.empty();
        for (Item item : items.list()) {
            try {
                ports = ports.union(ServiceSpecs.parsePorts(item.text()));
            } catch (IllegalArgumentException e) {
                throw source.invalid(item.node(), e);
            }
        }
        if (items.negated()) {
            ports = ports.complement(Match.PORT_MAX);
            if (ports.isEmpty()) {
                throw source.error(node, "'" + key + "' leaves out every port and matches none",
                        "fewer ports to leave out, or none for a rule that matches no packet");
            }
        }
        return ports;
    }

    private IntRanges icmp(YamlMap map, Node node, Protocols protocols) {
        if (!map.has("protocol") || protocols.named().stream().anyMatch(p -> !Protocol.isIcmp(p))) {
            throw source.error(node, "'icmp-type' needs the protocol icmp or icmpv6",
                    "protocol: icmp or protocol: icmpv6 with 'icmp-type'");
        }
        if (isNone(node)) {
            return IntRanges.empty();
        }
        IntRanges set = protocols.set();
        boolean one = set.size() == 1 && set.lo(0) == set.hi(0) && Protocol.isIcmp(set.lo(0));
        OptionalInt only = one ? OptionalInt.of(set.lo(0)) : OptionalInt.empty();
        Items items = items(node, "'icmp-type'", EXPECTED_ICMP);
        IntRanges values = IntRanges.empty();
        for (Item item : items.list()) {
            values = values.union(icmpItem(item, only));
        }
        if (items.negated()) {
            values = values.complement(Match.ICMP_MAX);
            if (values.isEmpty()) {
                throw source.error(node, "'icmp-type' leaves out every ICMP type and matches none",
                        "fewer types to leave out, or none for a rule that matches no packet");
            }
        }
        return values;
    }

    /**
     * One ICMP item: a type, type/code, a range of those ({@code 3-5} is every code of types 3 to
     * 5, {@code 3/0-3/4} codes 0 to 4 of type 3), or a name of the one ICMP protocol of the rule.
     */
    private IntRanges icmpItem(Item item, OptionalInt only) {
        String text = item.text();
        int protocol = only.orElse(Protocol.ICMP);
        try {
            if (ICMP_NUMBERS.matcher(text).matches()) {
                int dash = text.indexOf('-');
                if (dash < 0) {
                    return ServiceSpecs.parseIcmp(text, protocol);
                }
                int lo = ServiceSpecs.parseIcmp(text.substring(0, dash), protocol).lo(0);
                IntRanges last = ServiceSpecs.parseIcmp(text.substring(dash + 1), protocol);
                int hi = last.hi(last.size() - 1);
                if (lo > hi) {
                    throw source.error(item.node(), "ICMP range '" + text + "' is reversed",
                            "the lower type (or type/code) first, e.g. 3-5 or 3/0-3/4");
                }
                return IntRanges.range(lo, hi);
            }
            if (only.isEmpty()) {
                throw source.error(item.node(), "'" + text + "' is an ICMP type name, but names need the protocol icmp"
                                + " or icmpv6 alone (their names differ)",
                        "a type number (8), type/code (3/4) or a range (3-5)");
            }
            return ServiceSpecs.parseIcmp(text, protocol);
        } catch (IllegalArgumentException e) {
            throw source.invalid(item.node(), e);
        }
    }

    private EnumSet<ConnState> states(Node node) {
        EnumSet<ConnState> states = EnumSet.noneOf(ConnState.class);
        String expected = "new, established, related, invalid, a list of those, or none";
        if (isNone(node)) {
            return states;
        }
        List<Node> items = source.listOrSingle(node, "'state'", expected);
        if (items.isEmpty()) {
            throw source.error(node, "'state' is an empty list", expected);
        }
        for (Node item : items) {
            states.add(source.choice(item, "an item of 'state'", "connection state", STATES));
        }
        return states;
    }

    private EnumSet<IpFamily> families(Node node) {
        EnumSet<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        String expected = "ipv4, ipv6, a list of those, or none";
        if (isNone(node)) {
            return families;
        }
        List<Node> items = source.listOrSingle(node, "'family'", expected);
        if (items.isEmpty()) {
            throw source.error(node, "'family' is an empty list", expected);
        }
        for (Node item : items) {
            families.add(source.choice(item, "an item of 'family'", "address family", FAMILIES));
        }
        return families;
    }

    private InterfaceMatch iface(Node node, String role) {
        Items items = items(node, role, EXPECTED_INTERFACE);
        List<String> patterns = new ArrayList<>();
        for (Item item : items.list()) {
            String text = item.text();
            String base = text.endsWith("+") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty() || !base.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '/' && c != '+' && c != '!')) {
                throw source.error(item.node(), "'" + text + "' is not a valid interface name", EXPECTED_INTERFACE);
            }
            patterns.add(text);
        }
        try {
            return new InterfaceMatch(patterns, items.negated());
        } catch (IllegalArgumentException e) {
            throw source.invalid(node, e);
        }
    }

    /** Findings audits do not report about this rule, each with its reason. */
    private List<Suppression> suppressions(Node node, String role) {
        List<Node> items = nonEmptyList(node, "'suppress' of " + role, EXPECTED_SUPPRESSIONS);
        List<Suppression> out = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : items) {
            YamlMap map = source.map(item, "a suppression of " + role, EXPECTED_SUPPRESSIONS, SUPPRESSION_KEYS);
            Node idNode = map.require("id", "id: the finding type to suppress, e.g. shadowed-rule");
            String id = source.text(idNode, "'id'", "a finding type id such as shadowed-rule (see docs/rules/)");
            if (!FINDING_ID.matcher(id).matches()) {
                throw source.error(idNode, "'" + id + "' is not a finding type id",
                        "a finding type id such as shadowed-rule (see docs/rules/)");
            }
            Node first = seen.putIfAbsent(id, idNode);
            if (first != null) {
                throw source.error(idNode, "'" + id + "' is suppressed twice in " + role + " (first at line "
                        + YamlSource.line(first) + ")", "each finding type once, with one reason");
            }
            Node reasonNode = map.require("reason", "reason: why the finding is acceptable; a suppression"
                    + " without a reason is not accepted");
            String reason = source.text(reasonNode, "'reason'", "one line saying why the finding is acceptable");
            if (reason.isBlank() || reason.chars().anyMatch(c -> c == '\n' || c == '\r')) {
                throw source.error(reasonNode, "the reason of suppression '" + id + "' is "
                        + (reason.isBlank() ? "blank" : "not one line"), "one line saying why the finding is acceptable");
            }
            out.add(new Suppression(id, reason.strip(), source.at(item)));
        }
        return out;
    }

    /** Constructs fwcheck does not model: each makes the rule uncertain where the rest matches. */
    private List<Unmodelled> unknown(Node node) {
        List<Node> items = source.listOrSingle(node, "'unknown'", EXPECTED_UNKNOWN);
        if (items.isEmpty()) {
            throw source.error(node, "'unknown' is an empty list", EXPECTED_UNKNOWN);
        }
        List<Unmodelled> out = new ArrayList<>();
        for (Node item : items) {
            String text = source.text(item, "an item of 'unknown'", EXPECTED_UNKNOWN);
            if (text.isBlank()) {
                throw source.error(item, "an item of 'unknown' is blank", EXPECTED_UNKNOWN);
            }
            out.add(new Unmodelled(text, source.at(item)));
        }
        return out;
    }

    /** The items of a list that must not be empty. */
    private List<Node> nonEmptyList(Node node, String role, String expected) {
        List<Node> items = source.list(node, role, expected);
        if (items.isEmpty()) {
            throw source.error(node, role + " is an empty list", expected);
        }
        return items;
    }

    /** Matches whose packets the rule leaves out. */
    private List<Match> exceptions(Node node, String role) {
        List<Node> items = nonEmptyList(node, "'except' of " + role, EXPECTED_EXCEPTIONS);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemRole = "exception " + (i + 1) + " of " + role;
            out.add(match(source.map(items.get(i), itemRole, EXPECTED_EXCEPTION, MATCH_KEYS), itemRole));
        }
        return out;
    }

    private static <T> Map<String, T> labels(T[] values, Function<T, String> label) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T value : values) {
            out.put(label.apply(value).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }
}
