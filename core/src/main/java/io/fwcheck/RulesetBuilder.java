package io.fwcheck;

import io.fwcheck.format.ServiceSpecs;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Makes a ruleset in code, with the conditions and the strict syntax of the YAML ruleset format
 * ({@code docs/ruleset-format.md}):
 *
 * <pre>{@code
 * Ruleset ruleset = Fwcheck.ruleset("db01-input")
 *         .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
 *         .accept("allow-established", r -> r.state(ConnState.ESTABLISHED, ConnState.RELATED))
 *         .accept("allow-app-postgres", r -> r.from("app-servers").to("10.0.2.10").service("tcp/5432"))
 *         .defaultAction(Action.DROP)
 *         .build();
 * }</pre>
 *
 * <p>Rules are evaluated in the order they are added; the first whose conditions all hold decides a
 * packet, otherwise the default action does ({@link Action#DROP} unless set). Each rule is located
 * at the line of the call that added it (e.g. {@code FirewallTest.java:42}), so reports and
 * assertion messages point at it. Bad input (an address with host bits, ports without a protocol,
 * a duplicate rule name, …) is an {@link IllegalArgumentException} whose message starts with that
 * location and ends with what was expected. Not thread-safe; the ruleset it builds is immutable.
 */
public final class RulesetBuilder {

    private final String name;
    private final Names names = new Names();
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private Action defaultAction = Action.DROP;
    private SourceLocation defaultLocation;

    RulesetBuilder(String name, SourceLocation at) {
        if (name == null || name.isBlank() || name.contains("\n")) {
            throw Names.error(at, "ruleset name '" + name + "' is not valid", "a name on one line");
        }
        this.name = name;
        this.defaultLocation = at;
    }

    /**
     * Defines an address group that the rules after it can name in {@link Conditions#from} and
     * {@link Conditions#to}.
     *
     * @param name the group's name: a letter or {@code _}, then letters, digits, {@code _ . -}
     * @param items addresses, CIDR blocks, ranges, {@code any} or groups defined before
     * @return this builder
     */
    public RulesetBuilder group(String name, String... items) {
        names.defineGroup(name, List.of(items), List.of(), CallSite.caller());
        return this;
    }

    /**
     * Defines a service that the rules after it can name in {@link Conditions#service}.
     *
     * @param name the service's name, e.g. {@code postgres}
     * @param specs specs such as {@code tcp/5432}; a rule can use the service when all its parts
     *     share their ports (or ICMP types)
     * @return this builder
     */
    public RulesetBuilder service(String name, String... specs) {
        names.defineService(name, List.of(specs), CallSite.caller());
        return this;
    }

    /**
     * Sets what happens to packets no rule matches; located at this call.
     *
     * @param action accept, drop or reject
     * @return this builder
     */
    public RulesetBuilder defaultAction(Action action) {
        defaultAction = Objects.requireNonNull(action, "action");
        defaultLocation = CallSite.caller();
        return this;
    }

    /**
     * Appends a rule that accepts the packets it matches.
     *
     * @param id the rule's unique name
     * @param conditions sets the rule's conditions; a rule with none matches every packet
     * @return this builder
     */
    public RulesetBuilder accept(String id, Consumer<Conditions> conditions) {
        return add(id, Action.ACCEPT, conditions, CallSite.caller());
    }

    /**
     * Appends a rule that drops the packets it matches.
     *
     * @param id the rule's unique name
     * @param conditions sets the rule's conditions; a rule with none matches every packet
     * @return this builder
     */
    public RulesetBuilder drop(String id, Consumer<Conditions> conditions) {
        return add(id, Action.DROP, conditions, CallSite.caller());
    }

    /**
     * Appends a rule that rejects the packets it matches.
     *
     * @param id the rule's unique name
     * @param conditions sets the rule's conditions; a rule with none matches every packet
     * @return this builder
     */
    public RulesetBuilder reject(String id, Consumer<Conditions> conditions) {
        return add(id, Action.REJECT, conditions, CallSite.caller());
    }

    /**
     * Appends a rule.
     *
     * @param id the rule's unique name
     * @param action what the rule does
     * @param conditions sets the rule's conditions; a rule with none matches every packet
     * @return this builder
     */
    public RulesetBuilder rule(String id, Action action, Consumer<Conditions> conditions) {
        return add(id, Objects.requireNonNull(action, "action"), conditions, CallSite.caller());
    }

    /**
     * Appends a rule made elsewhere (e.g. taken from another ruleset), as it is.
     *
     * @param rule the rule; its id must not be taken
     * @return this builder
     */
    public RulesetBuilder rule(Rule rule) {
        SourceLocation at = CallSite.caller();
        checkId(rule.id(), at);
        rules.add(rule);
        return this;
    }

    /** @return the ruleset, located at the {@link #defaultAction} call (or where the builder was made) */
    public Ruleset build() {
        return new Ruleset(name, rules, defaultAction, defaultLocation);
    }

    private RulesetBuilder add(String id, Action action, Consumer<Conditions> conditions, SourceLocation at) {
        checkId(id, at);
        Objects.requireNonNull(conditions, "conditions");
        Conditions c = new Conditions("rule '" + id + "'", at);
        conditions.accept(c);
        rules.add(new Rule(id, action, c.match(), c.comment, at));
        return this;
    }

    private void checkId(String id, SourceLocation at) {
        if (id == null || id.isEmpty() || id.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            throw Names.error(at, "rule name '" + id + "' is not valid", "a non-empty name without blanks, e.g. allow-app");
        }
        if (!ids.add(id)) {
            throw Names.error(at, "duplicate rule name '" + id + "'", "a unique rule name");
        }
    }

    /**
     * The conditions of one rule (or of one exception of a rule): each call constrains one field,
     * and the rule matches a packet when all of them hold. A field not constrained matches every
     * value. Calling a method twice replaces the earlier value ({@link #unknown} and
     * {@link #except} add one more).
     */
    public final class Conditions {

        private final String role;
        private final SourceLocation at;
        private final Match.Builder match = Match.builder();
        private List<Integer> protocols;
        private IntRanges ports;
        private IntRanges sourcePorts;
        private List<String> icmpTypes;
        private String service;
        private String comment = "";

        private Conditions(String role, SourceLocation at) {
            this.role = role;
            this.at = at;
        }

        /**
         * Matches packets from these source addresses.
         *
         * @param items addresses ({@code 10.0.2.10}, {@code 2001:db8::10}), CIDR blocks, ranges
         *     {@code first-last}, group names or {@code any}
         * @return these conditions
         */
        public Conditions from(String... items) {
            match.sources(names.addresses(List.of(items), role, at));
            return this;
        }

        /**
         * Matches packets from every source address except these.
         *
         * @param items addresses, CIDR blocks, ranges or group names
         * @return these conditions
         */
        public Conditions notFrom(String... items) {
            match.sources(names.addresses(List.of(items), role, at).complement());
            return this;
        }

        /**
         * Matches packets to these destination addresses.
         *
         * @param items addresses, CIDR blocks, ranges, group names or {@code any}
         * @return these conditions
         */
        public Conditions to(String... items) {
            match.destinations(names.addresses(List.of(items), role, at));
            return this;
        }

        /**
         * Matches packets to every destination address except these.
         *
         * @param items addresses, CIDR blocks, ranges or group names
         * @return these conditions
         */
        public Conditions notTo(String... items) {
            match.destinations(names.addresses(List.of(items), role, at).complement());
            return this;
        }

        /**
         * Matches packets of these IP families only.
         *
         * @param families IPv4, IPv6 or both
         * @return these conditions
         */
        public Conditions family(IpFamily... families) {
            match.families(families.length == 0 ? Set.of() : EnumSet.copyOf(List.of(families)));
            return this;
        }

        /**
         * Matches packets of these protocols.
         *
         * @param names names ({@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, {@code gre}, …)
         *     or numbers 0-255
         * @return these conditions
         */
        public Conditions protocol(String... names) {
            List<Integer> list = new ArrayList<>();
            for (String n : names) {
                list.add(Names.parse(() -> ServiceSpecs.parseProtocol(n), role, "a protocol name or number", at));
            }
            protocols = list;
            return this;
        }

        /**
         * Matches packets to these destination ports; needs {@link #protocol} with protocols that
         * have ports (tcp, udp, sctp, dccp, udplite).
         *
         * @param items ports ({@code 5432}), ranges ({@code 8000-8080}) or comma lists ({@code 22,80})
         * @return these conditions
         */
        public Conditions ports(String... items) {
            ports = portList(items);
            return this;
        }

        /**
         * Matches packets from these source ports; needs {@link #protocol} like {@link #ports}.
         *
         * @param items ports, ranges or comma lists
         * @return these conditions
         */
        public Conditions sourcePorts(String... items) {
            sourcePorts = portList(items);
            return this;
        }

        /**
         * Matches ICMP messages of these types; needs {@link #protocol} {@code icmp} or
         * {@code icmpv6}, exactly one of them.
         *
         * @param types numbers ({@code 8}, every code), type/code ({@code 3/4}) or names
         *     ({@code echo-request})
         * @return these conditions
         */
        public Conditions icmpType(String... types) {
            icmpTypes = List.of(types);
            return this;
        }

        /**
         * Sets protocol and destination ports (or ICMP types) from a service; cannot be combined
         * with {@link #protocol}, {@link #ports} or {@link #icmpType}.
         *
         * @param nameOrSpec a service defined with {@link RulesetBuilder#service} or a spec such as
         *     {@code tcp/5432}, {@code udp/53}, {@code icmp/echo-request}
         * @return these conditions
         */
        public Conditions service(String nameOrSpec) {
            service = nameOrSpec;
            return this;
        }

        /**
         * Matches packets in these connection-tracking states.
         *
         * @param states new, established, related, invalid
         * @return these conditions
         */
        public Conditions state(ConnState... states) {
            match.states(states.length == 0 ? Set.of() : EnumSet.copyOf(List.of(states)));
            return this;
        }

        /**
         * Matches packets arriving on one of these interfaces.
         *
         * @param patterns names ({@code eth0}) or prefixes ({@code eth+})
         * @return these conditions
         */
        public Conditions in(String... patterns) {
            match.inInterface(interfaces(patterns, false));
            return this;
        }

        /**
         * Matches packets arriving on none of these interfaces.
         *
         * @param patterns names or prefixes
         * @return these conditions
         */
        public Conditions notIn(String... patterns) {
            match.inInterface(interfaces(patterns, true));
            return this;
        }

        /**
         * Matches packets leaving on one of these interfaces.
         *
         * @param patterns names ({@code eth1}) or prefixes ({@code eth+})
         * @return these conditions
         */
        public Conditions out(String... patterns) {
            match.outInterface(interfaces(patterns, false));
            return this;
        }

        /**
         * Matches packets leaving on none of these interfaces.
         *
         * @param patterns names or prefixes
         * @return these conditions
         */
        public Conditions notOut(String... patterns) {
            match.outInterface(interfaces(patterns, true));
            return this;
        }

        /**
         * Adds a condition fwcheck does not model, such as {@code -m recent --rcheck}: where the
         * other conditions hold, the rule may or may not match, and verdicts depending on it are
         * UNKNOWN.
         *
         * @param construct the condition as text
         * @return these conditions
         */
        public Conditions unknown(String construct) {
            if (construct == null || construct.isBlank()) {
                throw Names.error(at, "empty unknown construct in " + role, "the construct as text");
            }
            match.unmodelled(new Unmodelled(construct, at));
            return this;
        }

        /**
         * Leaves out the packets that other conditions match, as a rule reached after a
         * {@code RETURN} does.
         *
         * @param exception sets the conditions of the packets left out
         * @return these conditions
         */
        public Conditions except(Consumer<Conditions> exception) {
            Conditions c = new Conditions("an exception of " + role, at);
            exception.accept(c);
            match.except(c.match());
            return this;
        }

        /**
         * Sets the rule's comment (ignored in exceptions).
         *
         * @param text one line of text
         * @return these conditions
         */
        public Conditions comment(String text) {
            comment = text == null ? "" : text;
            return this;
        }

        private IntRanges portList(String... items) {
            IntRanges all = IntRanges.empty();
            for (String item : items) {
                all = all.union(Names.parse(() -> ServiceSpecs.parsePorts(item), role, "ports such as 5432, 8000-8080 or 22,80", at));
            }
            if (all.isEmpty()) {
                throw Names.error(at, "no port in " + role, "ports such as 5432, 8000-8080 or 22,80");
            }
            return all;
        }

        private InterfaceMatch interfaces(String[] patterns, boolean negated) {
            return Names.parse(() -> new InterfaceMatch(List.of(patterns), negated), role,
                    "interface names such as eth0, or prefixes such as eth+", at);
        }

        Match match() {
            if (service != null) {
                serviceConditions();
            } else {
                protocolConditions();
            }
            return match.build();
        }

        private void serviceConditions() {
            if (protocols != null || ports != null || icmpTypes != null) {
                throw Names.error(at, "service cannot be combined with protocol, ports or icmpType in " + role,
                        "either service, or protocol with ports or icmpType");
            }
            Service s = names.service(service, role, at);
            Service.Part first = s.parts().get(0);
            IntRanges all = IntRanges.empty();
            for (Service.Part part : s.parts()) {
                if (!part.ports().equals(first.ports()) || !part.icmp().equals(first.icmp())) {
                    throw Names.error(at, "service '" + s.name() + "' has parts with different ports or ICMP types ("
                            + first + " and " + part + ") that one rule cannot match in " + role,
                            "a service whose parts share their ports, or one rule per part");
                }
                all = all.union(part.protocols());
            }
            match.protocols(all);
            first.ports().ifPresent(match::destinationPorts);
            first.icmp().ifPresent(match::icmp);
            if (sourcePorts != null) {
                portsNeedProtocols(all);
                match.sourcePorts(sourcePorts);
            }
        }

        private void protocolConditions() {
            IntRanges set = protocols == null ? Match.ALL_PROTOCOLS
                    : IntRanges.ofPairs(protocols.stream().map(p -> new int[] {p, p}).toList());
            match.protocols(set);
            if (ports != null || sourcePorts != null) {
                if (protocols == null) {
                    throw Names.error(at, "ports without a protocol in " + role,
                            "protocol(\"tcp\"), udp, sctp, dccp or udplite with ports");
                }
                portsNeedProtocols(set);
                if (ports != null) {
                    match.destinationPorts(ports);
                }
                if (sourcePorts != null) {
                    match.sourcePorts(sourcePorts);
                }
            }
            if (icmpTypes != null) {
                if (protocols == null || protocols.size() != 1 || !Protocol.isIcmp(protocols.get(0))) {
                    throw Names.error(at, "icmpType needs exactly one ICMP protocol in " + role,
                            "protocol(\"icmp\") or protocol(\"icmpv6\")");
                }
                int protocol = protocols.get(0);
                IntRanges values = IntRanges.empty();
                for (String type : icmpTypes) {
                    values = values.union(Names.parse(() -> ServiceSpecs.parseIcmp(type, protocol), role,
                            "ICMP types such as 8, 3/4 or echo-request", at));
                }
                if (values.isEmpty()) {
                    throw Names.error(at, "no ICMP type in " + role, "types such as 8, 3/4 or echo-request");
                }
                match.icmp(values);
            }
        }

        private void portsNeedProtocols(IntRanges set) {
            for (int i = 0; i < set.size(); i++) {
                for (int p = set.lo(i); p <= set.hi(i); p++) {
                    if (!Protocol.hasPorts(p)) {
                        throw Names.error(at, "protocol " + Protocol.name(p) + " has no ports in " + role,
                                "only tcp, udp, sctp, dccp or udplite with ports");
                    }
                }
            }
        }
    }
}
