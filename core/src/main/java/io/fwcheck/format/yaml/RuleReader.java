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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the rules of one native YAML ruleset, each into a {@link Rule} whose {@link Match} holds
 * exactly the conditions written. Rule names are unique; an unnamed rule is called
 * {@code rule-N} after its 1-based position.
 */
final class RuleReader {

    static final Map<String, Action> ACTIONS = labels(Action.values(), Action::label);

    private static final List<String> KEYS = List.of("name", "action", "comment", "family", "from", "to", "protocol",
            "ports", "source-ports", "icmp-type", "service", "state", "in-interface", "out-interface");
    private static final Map<String, ConnState> STATES = labels(ConnState.values(), ConnState::label);
    private static final Map<String, IpFamily> FAMILIES = labels(IpFamily.values(), IpFamily::label);
    private static final String EXPECTED_RULE = "a mapping with action and optional name, comment, family, from, to,"
            + " protocol, ports, source-ports, icmp-type, service, state, in-interface, out-interface";
    private static final String EXPECTED_PROTOCOL =
            "a protocol name (tcp, udp, icmp, icmpv6, sctp, ...), a number 0-255, any, or a list of those";
    private static final String EXPECTED_PORTS = "a port (5432), a range (8000-8080), or a list of those";
    private static final String PORT_PROTOCOLS = "tcp, udp, sctp, dccp or udplite";
    private static final String EXPECTED_INTERFACE =
            "an interface name (eth0), a prefix (eth+), a negation (\"!eth0\"), or a list of names";

    private final YamlSource source;
    private final AddressBook groups;
    private final ServiceBook services;
    private final Map<String, Node> names = new HashMap<>();

    RuleReader(YamlSource source, AddressBook groups, ServiceBook services) {
        this.source = source;
        this.groups = groups;
        this.services = services;
    }

    /** Reads the rule at a 1-based position. */
    Rule rule(Node item, int position) {
        String role = Documents.peek(item, "name").map(n -> "rule '" + n + "'").orElse("rule " + position);
        YamlMap map = source.map(item, role, EXPECTED_RULE, KEYS);
        String id = id(map, item, position);
        Action action = source.choice(map.require("action", "action: accept, drop or reject"), "'action'", "action",
                ACTIONS);
        String comment = map.text("comment", "a one-line comment").orElse("");
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
        return new Rule(id, action, match.build(), comment, source.at(item), map.has("name"));
    }

    private String id(YamlMap map, Node item, int position) {
        Optional<Node> nameNode = map.get("name");
        String id;
        Node where;
        if (nameNode.isPresent()) {
            where = nameNode.get();
            id = Names.id(source, where, source.text(where, "'name'", "a rule name such as allow-app"), "rule name");
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
        IntRanges protocols = map.get("protocol").map(this::protocols).orElse(Match.ALL_PROTOCOLS);
        match.protocols(protocols);
        map.get("ports").ifPresent(node -> match.destinationPorts(ports(map, node, "ports", protocols)));
        map.get("source-ports").ifPresent(node -> match.sourcePorts(ports(map, node, "source-ports", protocols)));
        map.get("icmp-type").ifPresent(node -> match.icmp(icmp(map, node, protocols)));
    }

    private IntRanges protocols(Node node) {
        IntRanges protocols = IntRanges.empty();
        List<Node> items = source.listOrSingle(node, "'protocol'", EXPECTED_PROTOCOL);
        if (items.isEmpty()) {
            throw source.error(node, "'protocol' is an empty list", EXPECTED_PROTOCOL);
        }
        for (Node item : items) {
            String text = source.text(item, "an item of 'protocol'", EXPECTED_PROTOCOL);
            if (text.equalsIgnoreCase(ServiceSpecs.ANY)) {
                return Match.ALL_PROTOCOLS;
            }
            try {
                protocols = protocols.union(IntRanges.of(ServiceSpecs.parseProtocol(text)));
            } catch (IllegalArgumentException e) {
                throw source.invalid(item, e);
            }
        }
        return protocols;
    }

    private IntRanges ports(YamlMap map, Node node, String key, IntRanges protocols) {
        if (!map.has("protocol")) {
            throw source.error(node, "'" + key + "' without a protocol", "protocol: " + PORT_PROTOCOLS + " with '" + key + "'");
        }
        if (!protocols.intersect(Protocol.WITH_PORTS).equals(protocols)) {
            throw source.error(node, "'" + key + "' needs protocols with ports, but the rule's protocol includes "
                    + withoutPorts(protocols), "protocol: " + PORT_PROTOCOLS);
        }
        List<Node> items = source.listOrSingle(node, "'" + key + "'", EXPECTED_PORTS);
        if (items.isEmpty()) {
            throw source.error(node, "'" + key + "' is an empty list", EXPECTED_PORTS);
        }
        IntRanges ports = IntRanges.empty();
        for (Node item : items) {
            String text = source.text(item, "an item of '" + key + "'", EXPECTED_PORTS);
            try {
                ports = ports.union(ServiceSpecs.parsePorts(text));
            } catch (IllegalArgumentException e) {
                throw source.invalid(item, e);
            }
        }
        return ports;
    }

    private static String withoutPorts(IntRanges protocols) {
        if (protocols.isAll(Protocol.MAX)) {
            return "any";
        }
        return protocols.intersect(Protocol.WITH_PORTS.complement(Protocol.MAX)).pairs().stream()
                .map(p -> p[0] == p[1] ? Protocol.name(p[0]) : p[0] + "-" + p[1])
                .collect(Collectors.joining(", "));
    }

    private IntRanges icmp(YamlMap map, Node node, IntRanges protocols) {
        boolean one = protocols.size() == 1 && protocols.lo(0) == protocols.hi(0);
        if (!map.has("protocol") || !one || !Protocol.isIcmp(protocols.lo(0))) {
            throw source.error(node, "'icmp-type' needs the protocol icmp or icmpv6",
                    "protocol: icmp or protocol: icmpv6 with 'icmp-type'");
        }
        String expected = "an ICMP type (8), type/code (3/4), a name (echo-request), or a list of those";
        List<Node> items = source.listOrSingle(node, "'icmp-type'", expected);
        if (items.isEmpty()) {
            throw source.error(node, "'icmp-type' is an empty list", expected);
        }
        IntRanges values = IntRanges.empty();
        for (Node item : items) {
            String text = source.text(item, "an item of 'icmp-type'", expected);
            try {
                values = values.union(ServiceSpecs.parseIcmp(text, protocols.lo(0)));
            } catch (IllegalArgumentException e) {
                throw source.invalid(item, e);
            }
        }
        return values;
    }

    private EnumSet<ConnState> states(Node node) {
        EnumSet<ConnState> states = EnumSet.noneOf(ConnState.class);
        List<Node> items = source.listOrSingle(node, "'state'", "new, established, related, invalid, or a list");
        if (items.isEmpty()) {
            throw source.error(node, "'state' is an empty list", "new, established, related, invalid, or a list");
        }
        for (Node item : items) {
            states.add(source.choice(item, "an item of 'state'", "connection state", STATES));
        }
        return states;
    }

    private EnumSet<IpFamily> families(Node node) {
        EnumSet<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        List<Node> items = source.listOrSingle(node, "'family'", "ipv4, ipv6, or a list");
        if (items.isEmpty()) {
            throw source.error(node, "'family' is an empty list", "ipv4, ipv6, or a list");
        }
        for (Node item : items) {
            families.add(source.choice(item, "an item of 'family'", "address family", FAMILIES));
        }
        return families;
    }

    private InterfaceMatch iface(Node node, String role) {
        List<Node> items = source.listOrSingle(node, role, EXPECTED_INTERFACE);
        if (items.isEmpty()) {
            throw source.error(node, role + " is an empty list", EXPECTED_INTERFACE);
        }
        boolean negated = false;
        List<String> patterns = new ArrayList<>();
        for (Node item : items) {
            String text = source.text(item, "an item of " + role, EXPECTED_INTERFACE);
            if (text.startsWith("!")) {
                if (items.size() > 1) {
                    throw source.error(item, "negation '" + text + "' inside a list", "a negation of one name only");
                }
                negated = true;
                text = text.substring(1);
            }
            String base = text.endsWith("+") ? text.substring(0, text.length() - 1) : text;
            if (text.isEmpty() || !base.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '/' && c != '+' && c != '!')) {
                throw source.error(item, "'" + text + "' is not a valid interface name", EXPECTED_INTERFACE);
            }
            patterns.add(text);
        }
        try {
            return new InterfaceMatch(patterns, negated);
        } catch (IllegalArgumentException e) {
            throw source.invalid(node, e);
        }
    }

    private static <T> Map<String, T> labels(T[] values, Function<T, String> label) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T value : values) {
            out.put(label.apply(value).toLowerCase(Locale.ROOT), value);
        }
        return out;
    }
}
