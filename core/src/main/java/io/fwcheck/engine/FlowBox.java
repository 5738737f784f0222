package io.fwcheck.engine;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A readable piece of a flow set: every combination of the listed field values is in the set.
 * Fields hold all their values when unconstrained; ports and ICMP values only mean something for
 * protocols that have them.
 *
 * @param families IP families
 * @param protocols protocol numbers
 * @param sources source addresses
 * @param destinations destination addresses
 * @param sourcePorts source ports
 * @param destinationPorts destination ports
 * @param icmp ICMP values {@code type << 8 | code}
 * @param states connection states
 * @param inInterfaces input interface names as patterns ({@code eth0}, {@code eth+}, {@code !lo}), empty for any
 * @param outInterfaces output interface names as patterns, empty for any
 */
public record FlowBox(
        Set<IpFamily> families,
        IntRanges protocols,
        AddressSet sources,
        AddressSet destinations,
        IntRanges sourcePorts,
        IntRanges destinationPorts,
        IntRanges icmp,
        Set<ConnState> states,
        List<String> inInterfaces,
        List<String> outInterfaces) {

    private static final int FAMILIES = IpFamily.values().length;
    private static final IntRanges ALL_PORTS = IntRanges.range(0, Match.PORT_MAX);
    private static final IntRanges ALL_ICMP = IntRanges.range(0, Match.ICMP_MAX);
    private static final IntRanges ALL_PROTOCOLS = IntRanges.range(0, Protocol.MAX);

    public FlowBox {
        families = Set.copyOf(families);
        states = Set.copyOf(states);
        inInterfaces = List.copyOf(inInterfaces);
        outInterfaces = List.copyOf(outInterfaces);
    }

    static FlowBox from(long[][][] path) {
        Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
        for (int v : values(path[Level.FAMILY.ordinal()], 1)) {
            families.add(IpFamily.values()[v]);
        }
        Set<ConnState> states = EnumSet.noneOf(ConnState.class);
        for (int v : values(path[Level.STATE.ordinal()], 3)) {
            states.add(ConnState.values()[v]);
        }
        return new FlowBox(
                families,
                ints(path[Level.PROTOCOL.ordinal()], Protocol.MAX),
                addresses(path[Level.SOURCE.ordinal()], families),
                addresses(path[Level.DESTINATION.ordinal()], families),
                ints(path[Level.SOURCE_PORT.ordinal()], Match.PORT_MAX),
                ints(path[Level.DESTINATION_PORT.ordinal()], Match.PORT_MAX),
                ints(path[Level.ICMP.ordinal()], Match.ICMP_MAX),
                states,
                interfaces(path[Level.IN_INTERFACE.ordinal()]),
                interfaces(path[Level.OUT_INTERFACE.ordinal()]));
    }

    private static List<Integer> values(long[][] intervals, int max) {
        List<Integer> out = new ArrayList<>();
        IntRanges r = ints(intervals, max);
        for (int i = 0; i < r.size(); i++) {
            for (int v = r.lo(i); v <= r.hi(i); v++) {
                out.add(v);
            }
        }
        return out;
    }

    private static IntRanges ints(long[][] intervals, int max) {
        if (intervals == null) {
            // the whole range of a field, shared (ranges are values; ICMP values span the ports' range)
            return max == Protocol.MAX ? ALL_PROTOCOLS : max == Match.PORT_MAX ? ALL_PORTS : IntRanges.range(0, max);
        }
        List<int[]> pairs = new ArrayList<>();
        for (long[] iv : intervals) {
            pairs.add(new int[] {(int) iv[1], (int) iv[3]});
        }
        return IntRanges.ofPairs(pairs);
    }

    private static AddressSet addresses(long[][] intervals, Set<IpFamily> families) {
        if (intervals == null) {
            return allOf(families);
        }
        List<AddressRange> out = new ArrayList<>();
        for (IpFamily f : families) {
            Address max = Address.max(f);
            for (long[] iv : intervals) {
                if (Bits.compare(iv[0], iv[1], max.hi(), max.lo()) > 0) {
                    continue;
                }
                boolean clamp = Bits.compare(iv[2], iv[3], max.hi(), max.lo()) > 0;
                out.add(new AddressRange(new Address(f, iv[0], iv[1]),
                        clamp ? max : new Address(f, iv[2], iv[3])));
            }
        }
        return AddressSet.of(out);
    }

    private static List<String> interfaces(long[][] intervals) {
        if (intervals == null) {
            return List.of();
        }
        List<String> inside = patterns(intervals);
        if (inside != null) {
            return inside;
        }
        List<String> outside = patterns(Intervals.complement(intervals, -1L, -1L));
        if (outside != null && !outside.isEmpty()) {
            return List.of("!" + String.join(",", outside));
        }
        List<String> out = new ArrayList<>();
        for (long[] iv : intervals) {
            String p = pattern(iv);
            out.add(p != null ? p : quote(InterfaceCodec.decode(iv[0], iv[1])) + ".." + quote(InterfaceCodec.decode(iv[2], iv[3])));
        }
        return out;
    }

    /** Every interval as a name or prefix pattern, or null when one is neither. */
    private static List<String> patterns(long[][] intervals) {
        List<String> out = new ArrayList<>();
        for (long[] iv : intervals) {
            String p = pattern(iv);
            if (p == null) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    /** {@code name} or {@code prefix+} when the interval is exactly that, else null. */
    private static String pattern(long[] iv) {
        String first = InterfaceCodec.decode(iv[0], iv[1]);
        if (first.indexOf(0) >= 0) {
            return null;
        }
        if (iv[0] == iv[2] && iv[1] == iv[3]) {
            return first.isEmpty() ? "\"\"" : first;
        }
        if (first.length() >= InterfaceMatch.MAX_NAME) {
            return null;
        }
        long[][] asPrefix = InterfaceCodec.intervals(InterfaceMatch.of(first + "+"));
        if (asPrefix.length == 1 && asPrefix[0][2] == iv[2] && asPrefix[0][3] == iv[3]) {
            return first + "+";
        }
        return null;
    }

    /** A name with unprintable characters written as hexadecimal escapes. */
    private static String quote(String name) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : name.toCharArray()) {
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** E.g. {@code tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        boolean anySrc = isAllOf(sources);
        boolean anyDst = isAllOf(destinations);
        if (anySrc && anyDst && families.size() == 1) {
            sb.append(families.iterator().next().label()).append(' ');
        }
        sb.append(protocols.isAll(Protocol.MAX) ? "any" : protocolNames()).append(' ');
        sb.append(anySrc ? "any" : sources).append(" -> ").append(anyDst ? "any" : destinations);
        boolean ports = !protocols.intersect(Protocol.WITH_PORTS).isEmpty();
        boolean icmpTypes = !protocols.intersect(Protocol.WITH_ICMP).isEmpty();
        if (ports && !sourcePorts.equals(ALL_PORTS) && !sourcePorts.equals(IntRanges.of(0))) {
            sb.append(" sport ").append(sourcePorts);
        }
        if (ports && !destinationPorts.equals(ALL_PORTS) && !destinationPorts.equals(IntRanges.of(0))) {
            sb.append(" dport ").append(destinationPorts);
        }
        if (icmpTypes && !icmp.equals(ALL_ICMP) && !icmp.equals(IntRanges.of(0))) {
            sb.append(' ').append(icmpText());
        }
        if (states.size() < ConnState.values().length) {
            sb.append(" state ").append(states.stream().sorted().map(ConnState::label).collect(Collectors.joining(",")));
        }
        if (!inInterfaces.isEmpty()) {
            sb.append(" in ").append(String.join(",", inInterfaces));
        }
        if (!outInterfaces.isEmpty()) {
            sb.append(" out ").append(String.join(",", outInterfaces));
        }
        return sb.toString();
    }

    /** True when the set holds every address of each of the box's families (and no other). */
    private boolean isAllOf(AddressSet set) {
        return set.equals(allOf(families));
    }

    /** Every address of the families: a shared value. */
    private static AddressSet allOf(Set<IpFamily> families) {
        return families.size() == FAMILIES ? AddressSet.all()
                : families.isEmpty() ? AddressSet.empty() : AddressSet.all(families.iterator().next());
    }

    /**
     * Protocols by name where they have one, the others by number after {@code proto}, one
     * {@code proto} for each run of numbers: {@code icmp,tcp}, {@code proto 0,2-5,7-16,udp}.
     */
    private String protocolNames() {
        StringBuilder sb = new StringBuilder();
        boolean numbers = false;
        for (int[] p : protocols.pairs()) {
            Optional<String> name = p[0] == p[1] ? Protocol.nameOf(p[0]) : Optional.empty();
            boolean named = name.isPresent();
            if (sb.length() > 0) {
                sb.append(',');
            }
            if (named) {
                sb.append(name.get());
            } else {
                sb.append(numbers ? "" : "proto ").append(p[0]).append(p[0] == p[1] ? "" : "-" + p[1]);
            }
            numbers = !named;
        }
        return sb.toString();
    }

    private String icmpText() {
        List<String> parts = new ArrayList<>();
        for (int[] p : icmp.pairs()) {
            int t1 = p[0] >>> 8;
            int t2 = p[1] >>> 8;
            if ((p[0] & 0xFF) == 0 && (p[1] & 0xFF) == 0xFF) {
                parts.add(t1 == t2 ? Integer.toString(t1) : t1 + "-" + t2);
            } else if (t1 == t2) {
                int c1 = p[0] & 0xFF;
                int c2 = p[1] & 0xFF;
                parts.add(t1 + "/" + (c1 == c2 ? Integer.toString(c1) : c1 + "-" + c2));
            } else {
                parts.add((p[0] >>> 8) + "/" + (p[0] & 0xFF) + "-" + (p[1] >>> 8) + "/" + (p[1] & 0xFF));
            }
        }
        return "type " + String.join(",", parts);
    }
}
