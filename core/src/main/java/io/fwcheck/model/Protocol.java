package io.fwcheck.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** IP protocol numbers and their names. */
public final class Protocol {

    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int DCCP = 33;
    public static final int GRE = 47;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int SCTP = 132;
    public static final int UDPLITE = 136;
    public static final int MAX = 255;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("icmp", ICMP),
            Map.entry("igmp", IGMP),
            Map.entry("tcp", TCP),
            Map.entry("udp", UDP),
            Map.entry("dccp", DCCP),
            Map.entry("gre", GRE),
            Map.entry("esp", ESP),
            Map.entry("ah", AH),
            Map.entry("icmpv6", ICMPV6),
            Map.entry("ipv6-icmp", ICMPV6),
            Map.entry("sctp", SCTP),
            Map.entry("udplite", UDPLITE));

    /** Protocols whose flows carry source and destination ports. */
    public static final IntRanges WITH_PORTS = IntRanges.of(TCP)
            .union(IntRanges.of(UDP))
            .union(IntRanges.of(DCCP))
            .union(IntRanges.of(SCTP))
            .union(IntRanges.of(UDPLITE));

    /**
     * The ICMPv6 messages connection tracking never tracks, as ICMP values ({@code type << 8 |
     * code}): multicast listener query, report and done (130, 131, 132; version 2 report 143) and
     * router and neighbour solicitation and advertisement (133 to 136). Their connection state is
     * UNTRACKED, none of the four states a flow names: see {@link Match}.
     */
    public static final IntRanges UNTRACKED_ICMPV6 = IntRanges.range(130 << 8, 136 << 8 | 0xFF)
            .union(IntRanges.range(143 << 8, 143 << 8 | 0xFF));

    /** ICMP for IPv4 and ICMPv6, whose flows carry a type and a code. */
    public static final IntRanges WITH_ICMP = IntRanges.of(ICMP).union(IntRanges.of(ICMPV6));

    private Protocol() {}

    public static boolean hasPorts(int protocol) {
        return WITH_PORTS.contains(protocol);
    }

    /** True for the ICMPv6 messages connection tracking never tracks ({@link #UNTRACKED_ICMPV6}). */
    public static boolean isUntracked(IpFamily family, int protocol, int icmpValue) {
        return family == IpFamily.IPV6 && protocol == ICMPV6 && UNTRACKED_ICMPV6.contains(icmpValue);
    }

    public static boolean isIcmp(int protocol) {
        return protocol == ICMP || protocol == ICMPV6;
    }

    /** The ICMP protocol of a family: ICMP for IPv4, ICMPv6 for IPv6. */
    public static int icmpOf(IpFamily family) {
        return family == IpFamily.IPV4 ? ICMP : ICMPV6;
    }

    /**
     * True when packets of this family and protocol carry an ICMP type and code: ICMP in IPv4,
     * ICMPv6 in IPv6 (in the other family the number is just an unusual protocol).
     */
    public static boolean carriesIcmp(IpFamily family, int protocol) {
        return protocol == icmpOf(family);
    }

    /** A protocol number from a name ({@code tcp}) or a number ({@code 6}), or empty. */
    public static OptionalInt parse(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Integer byName = BY_NAME.get(text.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return OptionalInt.of(byName);
        }
        if (text.matches("0|[1-9][0-9]{0,2}")) {
            int n = Integer.parseInt(text);
            if (n <= MAX) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * How a flow of the family names its protocol: {@link #name}, except an ICMP protocol over the
     * other family (a plain protocol there, without ICMP types), which is its number.
     */
    public static String name(IpFamily family, int protocol) {
        return isIcmp(protocol) && !carriesIcmp(family, protocol) ? Integer.toString(protocol) : name(protocol);
    }

    /** The usual name of a protocol number, or the number. */
    public static String name(int protocol) {
        return nameOf(protocol).orElse(Integer.toString(protocol));
    }

    /** The usual name of a protocol number, if it has one. */
    public static Optional<String> nameOf(int protocol) {
        if (protocol == ICMPV6) {
            return Optional.of("icmpv6");
        }
        return BY_NAME.entrySet().stream()
                .filter(e -> e.getValue() == protocol)
                .map(Map.Entry::getKey)
                .findFirst();
    }
}
