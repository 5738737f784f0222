package io.fwcheck.testing;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
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
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Writes rulesets in code, for tests:
 *
 * <pre>{@code
 * Ruleset db = Rulesets.named("db")
 *         .defaultAction(Action.DROP)
 *         .accept("allow-established", m -> m.states(ConnState.ESTABLISHED, ConnState.RELATED))
 *         .accept("allow-app", m -> m.sources("10.0.1.0/24").destinations("10.0.2.10").tcp(5432))
 *         .build();
 * }</pre>
 *
 * Addresses are written as in rulesets: {@code 10.0.1.0/24}, {@code 10.0.1.10-10.0.1.20},
 * {@code 2001:db8::10}; ports as numbers or {@code "8000-8080"}. Rule {@code n} (1-based) is placed
 * at line {@code n} of a file named after the ruleset, so findings point somewhere readable.
 */
public final class Rulesets {

    private Rulesets() {}

    /** Starts a ruleset whose default action is DROP until told otherwise. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Parses {@code 10.0.1.0/24}, {@code 10.0.1.10-10.0.1.20}, a single address, or {@code any}. */
    public static AddressSet addresses(String... items) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : items) {
            if (item.equals("any")) {
                return AddressSet.all();
            }
            ranges.add(range(item));
        }
        return AddressSet.of(ranges);
    }

    private static AddressRange range(String item) {
        int slash = item.indexOf('/');
        if (slash >= 0) {
            return AddressRange.cidr(Address.parse(item.substring(0, slash)), Integer.parseInt(item.substring(slash + 1)));
        }
        int dash = item.indexOf('-');
        if (dash >= 0) {
            return new AddressRange(Address.parse(item.substring(0, dash)), Address.parse(item.substring(dash + 1)));
        }
        return AddressRange.of(Address.parse(item));
    }

    /** Parses port items such as {@code "22"} or {@code "8000-8080"}. */
    public static IntRanges ports(String... items) {
        List<int[]> pairs = new ArrayList<>();
        for (String item : items) {
            int dash = item.indexOf('-');
            int lo = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
            int hi = dash < 0 ? lo : Integer.parseInt(item.substring(dash + 1));
            pairs.add(new int[] {lo, hi});
        }
        return IntRanges.ofPairs(pairs);
    }

    private static IntRanges ports(int... values) {
        return IntRanges.ofPairs(Arrays.stream(values).mapToObj(v -> new int[] {v, v}).toList());
    }

    /** Collects rules in order; {@link #build()} returns the immutable ruleset. */
    public static final class Builder {
        private final String name;
        private final List<Rule> rules = new ArrayList<>();
        private Action defaultAction = Action.DROP;

        private Builder(String name) {
            this.name = name;
        }

        public Builder defaultAction(Action action) {
            defaultAction = action;
            return this;
        }

        public Builder accept(String id, Consumer<MatchSpec> match) {
            return rule(id, Action.ACCEPT, match);
        }

        public Builder drop(String id, Consumer<MatchSpec> match) {
            return rule(id, Action.DROP, match);
        }

        public Builder reject(String id, Consumer<MatchSpec> match) {
            return rule(id, Action.REJECT, match);
        }

        public Builder rule(String id, Action action, Consumer<MatchSpec> match) {
            MatchSpec spec = new MatchSpec(location(rules.size() + 1));
            match.accept(spec);
            return rule(new Rule(id, action, spec.builder.build(), "", location(rules.size() + 1)));
        }

        /** Appends a rule built elsewhere, as it is. */
        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public Ruleset build() {
            return new Ruleset(name, rules, defaultAction, location(rules.size() + 1));
        }

        private SourceLocation location(int line) {
            return new SourceLocation(name + ".rules", line, 1);
        }
    }

    /** The conditions of one rule; each call narrows the match. Nothing called matches every packet. */
    public static final class MatchSpec {
        private final Match.Builder builder = Match.builder();
        private final SourceLocation location;

        private MatchSpec(SourceLocation location) {
            this.location = location;
        }

        public MatchSpec sources(String... items) {
            builder.sources(addresses(items));
            return this;
        }

        public MatchSpec destinations(String... items) {
            builder.destinations(addresses(items));
            return this;
        }

        /** Every source address except these ({@code ! -s}). */
        public MatchSpec notSources(String... items) {
            builder.sources(addresses(items).complement());
            return this;
        }

        /** Every destination address except these ({@code ! -d}). */
        public MatchSpec notDestinations(String... items) {
            builder.destinations(addresses(items).complement());
            return this;
        }

        public MatchSpec family(IpFamily family) {
            builder.families(EnumSet.of(family));
            return this;
        }

        /** TCP, to any of the destination ports when some are given. */
        public MatchSpec tcp(int... destinationPorts) {
            return protocolWithPorts(Protocol.TCP, destinationPorts);
        }

        /** UDP, to any of the destination ports when some are given. */
        public MatchSpec udp(int... destinationPorts) {
            return protocolWithPorts(Protocol.UDP, destinationPorts);
        }

        private MatchSpec protocolWithPorts(int protocol, int... destinationPorts) {
            builder.protocol(protocol);
            if (destinationPorts.length > 0) {
                builder.destinationPorts(ports(destinationPorts));
            }
            return this;
        }

        /** A protocol by name ({@code gre}) or number ({@code 47}). */
        public MatchSpec protocol(String nameOrNumber) {
            builder.protocol(Protocol.parse(nameOrNumber)
                    .orElseThrow(() -> new IllegalArgumentException("unknown protocol " + nameOrNumber)));
            return this;
        }

        /** Destination ports such as {@code "22"}, {@code "8000-8080"}. */
        public MatchSpec destinationPorts(String... items) {
            builder.destinationPorts(ports(items));
            return this;
        }

        public MatchSpec sourcePorts(String... items) {
            builder.sourcePorts(ports(items));
            return this;
        }

        /** ICMP (IPv4), optionally of one type, any code. */
        public MatchSpec icmp(int... type) {
            return icmpOf(Protocol.ICMP, type);
        }

        /** ICMPv6, optionally of one type, any code. */
        public MatchSpec icmpv6(int... type) {
            return icmpOf(Protocol.ICMPV6, type);
        }

        private MatchSpec icmpOf(int protocol, int... type) {
            builder.protocol(protocol);
            if (type.length > 1) {
                throw new IllegalArgumentException("one ICMP type at most");
            }
            if (type.length == 1) {
                builder.icmpType(type[0]);
            }
            return this;
        }

        public MatchSpec states(ConnState... states) {
            builder.states(Set.of(states));
            return this;
        }

        /** Input interface is one of the patterns ({@code eth0}, {@code eth+}). */
        public MatchSpec in(String... patterns) {
            builder.inInterface(new InterfaceMatch(List.of(patterns), false));
            return this;
        }

        /** Input interface is none of the patterns ({@code ! -i lo}). */
        public MatchSpec notIn(String... patterns) {
            builder.inInterface(new InterfaceMatch(List.of(patterns), true));
            return this;
        }

        public MatchSpec out(String... patterns) {
            builder.outInterface(new InterfaceMatch(List.of(patterns), false));
            return this;
        }

        public MatchSpec notOut(String... patterns) {
            builder.outInterface(new InterfaceMatch(List.of(patterns), true));
            return this;
        }

        /** A condition fwcheck does not model, such as {@code -m recent --rcheck}. */
        public MatchSpec unmodelled(String construct) {
            builder.unmodelled(new Unmodelled(construct, location));
            return this;
        }

        /** The underlying model builder, for conditions this helper has no method for. */
        public Match.Builder model() {
            return builder;
        }
    }
}
