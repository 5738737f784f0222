package io.fwcheck.format.nftables;

import io.fwcheck.format.json.Json;
import io.fwcheck.format.json.JsonSource;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the right-hand side of a match for a modelled field and turns {@code field op value}
 * into conditions of a {@link Match}: exactly, or not at all (empty) when the value is not known
 * before packets flow (a set filled at run time) or the operator does not apply to the field.
 */
final class Values {

    /** How integers of a field are written. */
    private record IntSpec(String what, int max, Map<String, Integer> names) {}

    private static final IntSpec PORT = new IntSpec("port", 65535, NftNames.SERVICES);
    private static final IntSpec PROTOCOL = new IntSpec("protocol", 255, NftNames.PROTOCOLS);
    private static final IntSpec ICMP_TYPE = new IntSpec("ICMP type", 255, NftNames.ICMP_TYPES);
    private static final IntSpec ICMPV6_TYPE = new IntSpec("ICMPv6 type", 255, NftNames.ICMPV6_TYPES);
    private static final IntSpec ICMP_CODE = new IntSpec("ICMP code", 255, NftNames.ICMP_CODES);
    private static final IntSpec ICMPV6_CODE = new IntSpec("ICMPv6 code", 255, NftNames.ICMPV6_CODES);
    private static final IntSpec NFPROTO = new IntSpec("netfilter family", 255, NftNames.NFPROTO);
    private static final IntSpec ETHERTYPE = new IntSpec("ethertype", 65535, NftNames.ETHERTYPES);

    /** The connection states of the flow model with their conntrack bits. */
    private static final Map<ConnState, Integer> STATE_BITS = new LinkedHashMap<>();

    static {
        STATE_BITS.put(ConnState.INVALID, 0x01);
        STATE_BITS.put(ConnState.ESTABLISHED, 0x02);
        STATE_BITS.put(ConnState.RELATED, 0x04);
        STATE_BITS.put(ConnState.NEW, 0x08);
    }

    private static final int UNTRACKED = 0x40;

    /**
     * ICMPv6 messages conntrack leaves untracked: multicast listener query, report and done (130,
     * 131, 132, 143) and neighbour discovery (router and neighbour solicitation and advertisement,
     * 133 to 136).
     */
    static final Match UNTRACKED_ICMPV6 = Match.builder()
            .families(EnumSet.of(IpFamily.IPV6))
            .protocol(Protocol.ICMPV6)
            .icmp(Protocol.UNTRACKED_ICMPV6)
            .build();

    private final JsonSource src;
    private final Function<String, Optional<NamedSet>> sets;

    /**
     * @param sets the named sets and maps of the rule's table, by name
     */
    Values(JsonSource src, Function<String, Optional<NamedSet>> sets) {
        this.src = src;
        this.sets = sets;
    }

    /**
     * The items a right-hand side stands for.
     *
     * @param items the values, prefixes and ranges
     * @param set true when they are the elements of an anonymous or named set (a lookup)
     */
    record Items(List<Json> items, boolean set) {}

    /** The items of a right-hand side, or empty when it names a set whose contents change at run time. */
    Optional<Items> items(Json right) {
        if (right instanceof Json.Str s && s.value().startsWith("@")) {
            NamedSet set = namedSet(right, s.value().substring(1));
            if (set.runtime().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new Items(set.elements().stream().map(Values::unwrap).toList(), true));
        }
        if (right instanceof Json.Obj obj && obj.size() == 1 && obj.get("set").isPresent()) {
            Json content = obj.get("set").get();
            List<Json> items = content instanceof Json.Arr a ? a.items() : List.of(content);
            return Optional.of(new Items(items.stream().map(Values::unwrap).toList(), true));
        }
        return Optional.of(new Items(List.of(unwrap(right)), false));
    }

    /** The named set or map {@code name} of the table. */
    NamedSet namedSet(Json at, String name) {
        return sets.apply(name).orElseThrow(() -> src.error(at, "set '@" + name + "' is not defined in this table",
                "the name of a set or map of the rule's table"));
    }

    /** A set element without its {@code elem} wrapper (which only adds a timeout or comment). */
    static Json unwrap(Json item) {
        if (item instanceof Json.Obj obj && obj.size() == 1
                && obj.get("elem").orElse(null) instanceof Json.Obj elem && elem.get("val").isPresent()) {
            return elem.get("val").get();
        }
        return item;
    }

    /**
     * The condition {@code field op right} as alternatives of conditions: empty when it cannot be
     * modelled exactly; an empty list when it matches no packet.
     *
     * @param unknown the unmodelled condition to use where part of it is unknown (untracked packets)
     */
    Optional<List<Match>> condition(Selector.Field field, IpFamily family, String op, Json right,
            Supplier<Unmodelled> unknown) {
        Optional<Items> items = items(right);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Items it = items.get();
        return switch (field) {
            case SADDR, DADDR -> addresses(family, op, it).map(set -> List.of(field == Selector.Field.SADDR
                    ? Match.builder().sources(set).build()
                    : Match.builder().destinations(set).build()));
            case SPORT, DPORT -> ints(PORT, op, it).map(r -> List.of(field == Selector.Field.SPORT
                    ? Match.builder().sourcePorts(r).build()
                    : Match.builder().destinationPorts(r).build()));
            case PROTOCOL -> ints(PROTOCOL, op, it).map(r -> List.of(Match.builder().protocols(r).build()));
            case ICMP_TYPE -> ints(family == IpFamily.IPV4 ? ICMP_TYPE : ICMPV6_TYPE, op, it)
                    .map(r -> List.of(Match.builder().icmp(icmpTypes(r)).build()));
            case ICMP_CODE -> ints(family == IpFamily.IPV4 ? ICMP_CODE : ICMPV6_CODE, op, it)
                    .map(r -> List.of(Match.builder().icmp(icmpCodes(r)).build()));
            case NFPROTO -> ints(NFPROTO, op, it).map(r -> List.of(families(r.contains(2), r.contains(10))));
            case ETHERTYPE -> ints(ETHERTYPE, op, it)
                    .map(r -> List.of(families(r.contains(0x0800), r.contains(0x86dd))));
            case IIFNAME, OIFNAME -> names(field == Selector.Field.IIFNAME, op, it).map(List::of);
            case CT_STATE -> states(op, it, unknown);
        };
    }

    private static Match families(boolean v4, boolean v6) {
        Set<IpFamily> f = EnumSet.noneOf(IpFamily.class);
        if (v4) {
            f.add(IpFamily.IPV4);
        }
        if (v6) {
            f.add(IpFamily.IPV6);
        }
        return Match.builder().families(f).build();
    }

    private static IntRanges icmpTypes(IntRanges types) {
        List<int[]> out = new ArrayList<>();
        for (int[] p : types.pairs()) {
            out.add(new int[] {p[0] << 8, p[1] << 8 | 0xFF});
        }
        return IntRanges.ofPairs(out);
    }

    private static IntRanges icmpCodes(IntRanges codes) {
        List<int[]> out = new ArrayList<>();
        for (int type = 0; type <= 255; type++) {
            for (int[] p : codes.pairs()) {
                out.add(new int[] {type << 8 | p[0], type << 8 | p[1]});
            }
        }
        return IntRanges.ofPairs(out);
    }

    // ---- integers

    private Optional<IntRanges> ints(IntSpec spec, String op, Items it) {
        switch (op) {
            case "==", "in", "!=" -> {
                IntRanges all = IntRanges.empty();
                for (Json item : it.items()) {
                    all = all.union(intItem(spec, item));
                }
                return Optional.of(op.equals("!=") ? all.complement(spec.max()) : all);
            }
            case "<", ">", "<=", ">=" -> {
                if (it.set() || it.items().size() != 1 || it.items().get(0) instanceof Json.Obj) {
                    return Optional.empty();
                }
                int v = intValue(spec, it.items().get(0));
                int lo = switch (op) {
                    case ">" -> v + 1;
                    case ">=" -> v;
                    default -> 0;
                };
                int hi = switch (op) {
                    case "<" -> v - 1;
                    case "<=" -> v;
                    default -> spec.max();
                };
                return Optional.of(lo > hi ? IntRanges.empty() : IntRanges.range(lo, hi));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private IntRanges intItem(IntSpec spec, Json item) {
        if (item instanceof Json.Obj obj && obj.size() == 1 && obj.get("range").isPresent()) {
            Json range = obj.get("range").get();
            if (!(range instanceof Json.Arr bounds) || bounds.items().size() != 2) {
                throw src.error(item, "a range is not a list of two bounds", "{\"range\": [low, high]}");
            }
            int lo = intValue(spec, bounds.items().get(0));
            int hi = intValue(spec, bounds.items().get(1));
            if (lo > hi) {
                throw src.error(item, "reversed " + spec.what() + " range " + lo + "-" + hi, "low bound first");
            }
            return IntRanges.range(lo, hi);
        }
        return IntRanges.of(intValue(spec, item));
    }

    private int intValue(IntSpec spec, Json item) {
        String expected = "a " + spec.what() + " number from 0 to " + spec.max()
                + (spec.names().isEmpty() ? "" : " or its name");
        if (item instanceof Json.Num) {
            return (int) src.integer(item, spec.what(), 0, spec.max());
        }
        if (item instanceof Json.Str s) {
            String text = s.value();
            Integer named = spec.names().get(text);
            if (named != null) {
                return named;
            }
            long value;
            if (text.matches("0|[1-9][0-9]{0,9}")) {
                value = Long.parseLong(text);
            } else if (text.matches("0x[0-9a-fA-F]{1,8}")) {
                value = Long.parseLong(text.substring(2), 16);
            } else {
                throw src.error(item, "unknown " + spec.what() + " '" + text + "'", expected);
            }
            if (value > spec.max()) {
                throw src.error(item, spec.what() + " " + text + " is out of range", expected);
            }
            return (int) value;
        }
        throw src.error(item, "a " + spec.what() + " is " + item.kind(), expected);
    }

    // ---- addresses

    private Optional<AddressSet> addresses(IpFamily family, String op, Items it) {
        switch (op) {
            case "==", "in", "!=" -> {
                List<AddressRange> ranges = new ArrayList<>();
                for (Json item : it.items()) {
                    ranges.add(addressItem(family, item));
                }
                AddressSet set = AddressSet.of(ranges);
                return Optional.of(op.equals("!=") ? AddressSet.all(family).minus(set) : set);
            }
            case "<", ">", "<=", ">=" -> {
                if (it.set() || it.items().size() != 1 || !(it.items().get(0) instanceof Json.Str)) {
                    return Optional.empty();
                }
                Address v = address(family, it.items().get(0), ((Json.Str) it.items().get(0)).value());
                Optional<Address> lo = switch (op) {
                    case ">" -> v.next();
                    case ">=" -> Optional.of(v);
                    default -> Optional.of(Address.min(family));
                };
                Optional<Address> hi = switch (op) {
                    case "<" -> v.previous();
                    case "<=" -> Optional.of(v);
                    default -> Optional.of(Address.max(family));
                };
                if (lo.isEmpty() || hi.isEmpty()) {
                    return Optional.of(AddressSet.empty());
                }
                return Optional.of(AddressSet.of(new AddressRange(lo.get(), hi.get())));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private AddressRange addressItem(IpFamily family, Json item) {
        if (item instanceof Json.Str s) {
            String text = s.value();
            int slash = text.indexOf('/');
            if (slash >= 0) {
                String len = text.substring(slash + 1);
                if (!len.matches("0|[1-9][0-9]{0,2}")) {
                    throw src.error(item, "'" + text + "' is not a prefix", "an address/length like 10.0.0.0/8");
                }
                return prefix(family, item, address(family, item, text.substring(0, slash)), Integer.parseInt(len));
            }
            return AddressRange.of(address(family, item, text));
        }
        if (item instanceof Json.Obj obj && obj.size() == 1) {
            if (obj.get("prefix").orElse(null) instanceof Json.Obj p) {
                Json addr = src.require(p, "addr", "a prefix");
                Json len = src.require(p, "len", "a prefix");
                Address base = address(family, addr, src.string(addr, "a prefix's address"));
                return prefix(family, item, base, (int) src.integer(len, "a prefix length", 0, family.bits()));
            }
            if (obj.get("range").orElse(null) instanceof Json.Arr r && r.items().size() == 2) {
                Json a = r.items().get(0);
                Json b = r.items().get(1);
                Address first = address(family, a, src.string(a, "a range's bound"));
                Address last = address(family, b, src.string(b, "a range's bound"));
                if (first.compareTo(last) > 0) {
                    throw src.error(item, "reversed address range " + first + "-" + last, "low bound first");
                }
                return new AddressRange(first, last);
            }
        }
        throw src.error(item, "an address is " + item.kind() + " " + Render.json(item),
                "an " + family.label() + " address, {\"prefix\": …} or {\"range\": […]}");
    }

    private AddressRange prefix(IpFamily family, Json at, Address base, int length) {
        if (length > family.bits()) {
            throw src.error(at, "prefix length " + length + " is out of range", "0 to " + family.bits());
        }
        try {
            return AddressRange.cidr(base, length);
        } catch (IllegalArgumentException e) {
            throw src.error(at, e.getMessage(), "a network address without host bits");
        }
    }

    private Address address(IpFamily family, Json at, String text) {
        Address a = Address.tryParse(text).orElseThrow(() -> src.error(at, "'" + text + "' is not an IP address",
                "an " + family.label() + " address"));
        if (a.family() != family) {
            throw src.error(at, "'" + text + "' is not an " + family.label() + " address",
                    "an " + family.label() + " address");
        }
        return a;
    }

    // ---- interface names

    /** Interface names: {@code eth*} is every name starting with {@code eth}, {@code eth\\*} the name {@code eth*}. */
    private Optional<Match> names(boolean in, String op, Items it) {
        if (!op.equals("==") && !op.equals("in") && !op.equals("!=")) {
            return Optional.empty();
        }
        List<String> patterns = new ArrayList<>();
        for (Json item : it.items()) {
            String name = src.string(item, "an interface name");
            String checked;
            String pattern;
            if (name.endsWith("\\*")) {
                checked = name.substring(0, name.length() - 2) + "*";
                pattern = checked;
            } else if (name.endsWith("*")) {
                checked = name.substring(0, name.length() - 1);
                pattern = checked + "+";
            } else if (name.endsWith("+")) {
                // a name ending in a literal '+' reads as a prefix in fwcheck's interface patterns
                return Optional.empty();
            } else {
                checked = name;
                pattern = name;
            }
            try {
                InterfaceMatch.checkName(checked);
            } catch (IllegalArgumentException e) {
                throw src.error(item, e.getMessage(), "an interface name of at most 15 characters");
            }
            patterns.add(pattern);
        }
        if (patterns.isEmpty()) {
            // an empty set: nothing is in it
            return Optional.of(op.equals("!=") ? Match.any() : Match.builder().families(Set.of()).build());
        }
        InterfaceMatch m = new InterfaceMatch(patterns, op.equals("!="));
        return Optional.of(in ? Match.builder().inInterface(m).build() : Match.builder().outInterface(m).build());
    }

    // ---- connection states

    /**
     * {@code ct state}: a packet has exactly one state bit, so {@code ==} with several bits never
     * holds and {@code in} (the bitmask operator) holds when the packet's bit is among them.
     * Conntrack never tracks ICMPv6 neighbour discovery and multicast listener messages
     * ({@link #UNTRACKED_ICMPV6}): they are untracked whatever state a flow names. Other packets are
     * tracked in the flow model; where the condition mentions untracked packets, it is unknown for
     * the packets a {@code notrack} may have left untracked.
     */
    private Optional<List<Match>> states(String op, Items it, Supplier<Unmodelled> unknown) {
        if (!op.equals("==") && !op.equals("in") && !op.equals("!=")) {
            return Optional.empty();
        }
        List<Integer> values = new ArrayList<>();
        boolean mentionsUntracked = false;
        for (Json item : it.items()) {
            int v = stateBits(item);
            values.add(v);
            mentionsUntracked |= (v & UNTRACKED) != 0;
        }
        EnumSet<ConnState> matched = EnumSet.noneOf(ConnState.class);
        for (Map.Entry<ConnState, Integer> e : STATE_BITS.entrySet()) {
            if (stateMatches(op, it.set(), values, e.getValue())) {
                matched.add(e.getKey());
            }
        }
        boolean untracked = stateMatches(op, it.set(), values, UNTRACKED);
        List<Match> out = new ArrayList<>();
        if (!matched.isEmpty()) {
            // a state condition never matches untracked messages (see Match), even one with all four states
            Match.Builder b = Match.builder().states(matched);
            if (matched.size() == ConnState.values().length) {
                b.except(UNTRACKED_ICMPV6);
            }
            if (mentionsUntracked && !untracked) {
                b.unmodelled(unknown.get());
            }
            out.add(b.build());
        }
        if (untracked) {
            out.add(UNTRACKED_ICMPV6);
            if (mentionsUntracked) {
                out.add(Match.builder().unmodelled(unknown.get()).build());
            }
        }
        return Optional.of(out);
    }

    private static boolean stateMatches(String op, boolean set, List<Integer> values, int bit) {
        boolean equal = set ? values.contains(bit) : values.get(0) == bit;
        return switch (op) {
            case "==" -> equal;
            case "!=" -> !equal;
            default -> set ? values.contains(bit) : (values.get(0) & bit) != 0;
        };
    }

    private int stateBits(Json item) {
        String expected = "a connection state: invalid, established, related, new or untracked";
        if (item instanceof Json.Str s) {
            Integer bit = NftNames.CT_STATES.get(s.value());
            if (bit == null) {
                throw src.error(item, "unknown connection state '" + s.value() + "'", expected);
            }
            return bit;
        }
        if (item instanceof Json.Num) {
            return (int) src.integer(item, "a connection state", 0, 0xFFFF_FFFFL);
        }
        if (item instanceof Json.Arr list) {
            int bits = 0;
            for (Json x : list.items()) {
                bits |= stateBits(x);
            }
            return bits;
        }
        if (item instanceof Json.Obj obj && obj.size() == 1
                && obj.get("|").orElse(null) instanceof Json.Arr or) {
            int bits = 0;
            for (Json x : or.items()) {
                bits |= stateBits(x);
            }
            return bits;
        }
        throw src.error(item, "a connection state is " + item.kind(), expected);
    }
}
