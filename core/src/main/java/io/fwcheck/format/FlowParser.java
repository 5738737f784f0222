package io.fwcheck.format;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses one flow as the trace command reads it, strictly:
 *
 * <pre>
 * tcp 10.0.1.5:40000 -> 10.0.2.10:5432
 * tcp 10.0.1.5 -> 10.0.2.10:5432                  (source port 49152)
 * udp [2001:db8::1]:5353 -> [2001:db8::2]:53
 * icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0         (code defaults to 0)
 * icmpv6 2001:db8::1 -> 2001:db8::2 type 128
 * proto 47 10.0.0.1 -> 10.0.0.2                   (or: gre 10.0.0.1 -> 10.0.0.2)
 * 58 10.0.0.1 -> 10.0.0.2                         (protocol 58 over IPv4: no ICMP type)
 * tcp 10.0.0.1 -> 10.0.0.2:22 state established in eth0 out eth1
 * </pre>
 *
 * <p>{@code state}, {@code in} and {@code out} may follow in any order, each at most once; the state
 * defaults to {@code new}. Tokens are separated by blanks. Nothing is guessed: leading zeros, octets
 * above 255, ports above 65535, a missing destination port, mixed address families and trailing
 * text are errors.
 *
 * <p>This is the batch path too: a hand-written scanner with an IPv4 fast path (no regular
 * expression, no intermediate strings for IPv4 flows); IPv6 addresses go through {@link
 * Address#parse}.
 *
 * <p>{@link #parseSet} reads the same syntax as a set of flows ({@link #SET_SYNTAX}): addresses may be
 * CIDR blocks, ranges, {@code any} or comma lists, ports ranges and lists, and what is left out
 * means every value (see {@link #parseSet}).
 */
public final class FlowParser {

    /** The syntax, for error messages. */
    public static final String SYNTAX = "PROTO SRC[:PORT] -> DST[:PORT] [type T [code C]] [state S] [in IFACE] [out IFACE],"
            + " e.g. tcp 10.0.1.5 -> 10.0.2.10:5432";

    /** The syntax of a set of flows, for error messages. */
    public static final String SET_SYNTAX = "PROTO SRC[:PORTS] -> DST[:PORTS] [type T [code C]] [state S[,S]] [in IFACE]"
            + " [out IFACE], e.g. tcp 10.0.1.0/24 -> 10.0.2.10:5432";

    private FlowParser() {}

    /**
     * A flow that cannot be parsed: what was wrong and at which column.
     */
    public static final class FlowSyntaxException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final int column;
        private final String problem;

        FlowSyntaxException(int column, String problem) {
            super("column " + column + ": " + problem);
            this.column = column;
            this.problem = problem;
        }

        /** 1-based column of the offending text. */
        public int column() {
            return column;
        }

        /** What was wrong, without the column. */
        public String problem() {
            return problem;
        }
    }

    /**
     * Parses one flow.
     *
     * @throws FlowSyntaxException (an {@link IllegalArgumentException}) saying what was wrong and where
     */
    public static Flow parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("flow text is required");
        }
        return new Scanner(text).flow();
    }

    /**
     * Parses a set of flows written like one flow, where every field may stand for many values and
     * a field left out stands for all of them:
     *
     * <pre>
     * tcp 10.0.1.0/24 -> 10.0.2.10:5432               every source address and port, state new
     * tcp 0.0.0.0/0 -> 10.0.2.10                      every destination port too
     * udp any -> [2001:db8::/64]:53,5353              both families for any, ports as a list
     * tcp 10.0.1.10-10.0.1.20:1024-65535 -> 10.0.2.10:22
     * icmp 10.0.0.0/8 -> 10.0.2.10 type 8             every code of type 8; no type is every type
     * any 10.0.9.0/24,10.0.8.0/24 -> 10.0.2.10        every protocol
     * tcp any -> 10.0.2.10:443 state new,established in eth+
     * </pre>
     *
     * <p>Addresses are {@code any} (IPv4 and IPv6), an address, a CIDR block, a range
     * {@code first-last} or a comma list of those, IPv6 in brackets when ports follow; ports are a
     * port, a range {@code lo-hi} or a comma list. Defaults: every source port, every destination
     * port when none is given, every ICMP type and code when no {@code type} is given, state
     * {@code new} ({@code state any} for all four), any interface (patterns such as {@code eth+}
     * are allowed). ICMPv6 messages connection tracking leaves untracked (neighbour and router
     * discovery, multicast listener messages: types 130–136 and 143) have no state: a set of only
     * those is every one of them, whatever {@code state} says. The families are those both sides have ({@code icmp} is IPv4, {@code icmpv6}
     * IPv6; as numbers, 1 and 58 are those protocols in every family, and a {@code type} keeps the
     * family whose packets carry one). The result is a {@link Match} without unmodelled conditions: exactly the flows meant.
     *
     * @param text the set, e.g. {@code tcp 10.0.1.0/24 -> 10.0.2.10:5432}
     * @return the conditions that hold for exactly the flows of the set
     * @throws FlowSyntaxException (an {@link IllegalArgumentException}) saying what was wrong and where
     */
    public static Match parseSet(String text) {
        if (text == null) {
            throw new IllegalArgumentException("flow set text is required");
        }
        return new Scanner(text).flowSet();
    }

    /** One pass over one line; holds the position and the current token's bounds. */
    private static final class Scanner {
        private final String s;
        private final int end;
        private int pos;
        private int tokStart;
        private int tokEnd;
        /** Whether the last protocol {@link #protocol} read was written as a number. */
        private boolean protocolByNumber;
        /** The last address parsed by {@link #endpoint}: whether it is IPv6, and its 128 bits. */
        private boolean v6;
        private long hi;
        private long lo;

        Scanner(String s) {
            this.s = s;
            this.end = s.length();
        }

        Flow flow() {
            if (!next()) {
                throw error(1, "empty flow (expected " + SYNTAX + ")");
            }
            int protocol = protocol();
            // the ICMP protocols by name only with their own family; as numbers (1 over IPv6, 58
            // over IPv4) they are plain protocols, as Flow prints them
            boolean byNumber = protocolByNumber;

            // source
            if (!next()) {
                throw error(end + 1, "missing source address (expected " + SYNTAX + ")");
            }
            int srcPort = endpoint();
            int srcColumn = tokStart + 1;
            IpFamily family = v6 ? IpFamily.IPV6 : IpFamily.IPV4;
            long srcHi = hi;
            long srcLo = lo;

            if (!next()) {
                throw error(end + 1, "missing '->' (expected " + SYNTAX + ")");
            }
            if (tokEnd - tokStart != 2 || s.charAt(tokStart) != '-' || s.charAt(tokStart + 1) != '>') {
                throw error(tokStart + 1, "unexpected '" + token() + "' (expected '->' between source and destination)");
            }

            if (!next()) {
                throw error(end + 1, "missing destination address (expected " + SYNTAX + ")");
            }
            int dstStart = tokStart;
            int dstPort = endpoint();
            IpFamily dstFamily = v6 ? IpFamily.IPV6 : IpFamily.IPV4;
            if (family != dstFamily) {
                throw error(dstStart + 1, "source is " + label(family) + " but destination is " + label(dstFamily)
                        + " (expected both addresses of one family)");
            }
            boolean ports = Protocol.hasPorts(protocol);
            if (ports) {
                if (dstPort < 0) {
                    throw error(dstStart + 1, "missing destination port for " + Protocol.name(protocol)
                            + " (expected e.g. " + (family == IpFamily.IPV4 ? "10.0.2.10:5432" : "[2001:db8::2]:53") + ")");
                }
                if (srcPort < 0) {
                    srcPort = Flow.EPHEMERAL_PORT;
                }
            } else if (srcPort >= 0 || dstPort >= 0) {
                throw error(srcPort >= 0 ? srcColumn : dstStart + 1, "protocol " + Protocol.name(protocol)
                        + " has no ports (expected an address without :PORT)");
            }
            if (Protocol.isIcmp(protocol) && !Protocol.carriesIcmp(family, protocol) && !byNumber) {
                throw error(dstStart + 1, icmpOfTheOtherFamily(protocol));
            }

            int icmpType = 0;
            int icmpCode = 0;
            boolean icmp = Protocol.carriesIcmp(family, protocol);
            ConnState state = null;
            String in = null;
            String out = null;
            boolean sawType = false;
            while (next()) {
                int column = tokStart + 1;
                if (is("type")) {
                    if (!icmp) {
                        throw error(column, "protocol " + protocolIn(family, protocol) + " has no ICMP type");
                    }
                    if (sawType) {
                        throw error(column, "'type' given twice");
                    }
                    sawType = true;
                    icmpType = number("ICMP type", 255);
                    if (peekIs("code")) {
                        next();
                        icmpCode = number("ICMP code", 255);
                    }
                } else if (is("code")) {
                    throw error(column, "'code' without 'type' (expected type T code C)");
                } else if (is("state")) {
                    if (state != null) {
                        throw error(column, "'state' given twice");
                    }
                    state = state();
                } else if (is("in")) {
                    if (in != null) {
                        throw error(column, "'in' given twice");
                    }
                    in = iface("in");
                } else if (is("out")) {
                    if (out != null) {
                        throw error(column, "'out' given twice");
                    }
                    out = iface("out");
                } else {
                    throw error(column, "unexpected '" + token() + "' (expected "
                            + (icmp && !sawType ? "type, " : "") + "state, in or out)");
                }
            }
            if (icmp && !sawType) {
                throw error(end + 1, "missing ICMP type for " + Protocol.name(protocol)
                        + " (expected e.g. type " + (protocol == Protocol.ICMP ? "8" : "128") + ")");
            }
            Address source = family == IpFamily.IPV4 ? Address.ipv4(srcLo) : Address.ipv6(srcHi, srcLo);
            Address destination = family == IpFamily.IPV4 ? Address.ipv4(lo) : Address.ipv6(hi, lo);
            return new Flow(family, source, destination, protocol,
                    ports ? srcPort : 0, ports ? dstPort : 0, icmpType, icmpCode,
                    state == null ? ConnState.NEW : state, in == null ? "" : in, out == null ? "" : out);
        }

        // ---- sets of flows -------------------------------------------------------------------

        Match flowSet() {
            if (!next()) {
                throw error(1, "empty flow set (expected " + SET_SYNTAX + ")");
            }
            boolean anyProtocol = is("any");
            int protocol = anyProtocol ? -1 : protocol();
            // an ICMP protocol by name is its own family's; by number it is that protocol in every family
            boolean byNumber = !anyProtocol && protocolByNumber;
            Match.Builder match = Match.builder();
            if (!anyProtocol) {
                match.protocol(protocol);
            }

            if (!next()) {
                throw error(end + 1, "missing source (expected " + SET_SYNTAX + ")");
            }
            int srcColumn = tokStart + 1;
            EndpointSet source = endpointSet();
            if (!next()) {
                throw error(end + 1, "missing '->' (expected " + SET_SYNTAX + ")");
            }
            if (!is("->")) {
                throw error(tokStart + 1, "unexpected '" + token() + "' (expected '->' between source and destination)");
            }
            if (!next()) {
                throw error(end + 1, "missing destination (expected " + SET_SYNTAX + ")");
            }
            int dstColumn = tokStart + 1;
            EndpointSet destination = endpointSet();

            Set<IpFamily> families = EnumSet.noneOf(IpFamily.class);
            for (IpFamily f : IpFamily.values()) {
                if (source.addresses.has(f) && destination.addresses.has(f)) {
                    families.add(f);
                }
            }
            if (families.isEmpty()) {
                throw error(dstColumn, "source is " + familyLabel(source.addresses) + " but destination is "
                        + familyLabel(destination.addresses) + " (expected addresses of one family on both sides)");
            }
            // the family whose packets of this protocol carry ICMP types, when the set has it
            IpFamily icmpFamily = null;
            if (!anyProtocol && Protocol.isIcmp(protocol)) {
                IpFamily family = protocol == Protocol.ICMP ? IpFamily.IPV4 : IpFamily.IPV6;
                if (!families.contains(family) && !byNumber) {
                    throw error(dstColumn, icmpOfTheOtherFamily(protocol));
                }
                if (families.contains(family)) {
                    icmpFamily = family;
                    if (!byNumber) {
                        families = EnumSet.of(family);
                    }
                }
            }
            match.families(families).sources(source.addresses).destinations(destination.addresses);
            for (EndpointSet side : List.of(source, destination)) {
                if (side.ports == null) {
                    continue;
                }
                int column = side == source ? srcColumn : dstColumn;
                if (anyProtocol) {
                    throw error(column, "ports need a protocol with ports (expected tcp, udp, sctp, dccp or udplite"
                            + " instead of any)");
                }
                if (!Protocol.hasPorts(protocol)) {
                    throw error(column, "protocol " + Protocol.name(protocol) + " has no ports (expected an address without :PORTS)");
                }
                if (side == source) {
                    match.sourcePorts(side.ports);
                } else {
                    match.destinationPorts(side.ports);
                }
            }

            boolean icmp = icmpFamily != null;
            boolean sawType = false;
            boolean sawState = false;
            boolean sawIn = false;
            boolean sawOut = false;
            while (next()) {
                int column = tokStart + 1;
                if (is("type")) {
                    if (!icmp) {
                        // an ICMP protocol without its own family is left with the other one only
                        throw error(column, "protocol " + (anyProtocol ? "any"
                                : protocolIn(families.iterator().next(), protocol))
                                + " has no ICMP type (expected icmp or icmpv6 with type)");
                    }
                    if (sawType) {
                        throw error(column, "'type' given twice");
                    }
                    sawType = true;
                    // a type is only for the family whose packets carry one
                    match.families(EnumSet.of(icmpFamily)).icmp(icmpValues(protocol));
                } else if (is("code")) {
                    throw error(column, "'code' without 'type' (expected type T code C)");
                } else if (is("state")) {
                    if (sawState) {
                        throw error(column, "'state' given twice");
                    }
                    sawState = true;
                    match.states(states());
                } else if (is("in") || is("out")) {
                    boolean in = is("in");
                    if (in ? sawIn : sawOut) {
                        throw error(column, "'" + token() + "' given twice");
                    }
                    InterfaceMatch iface = interfaces(in ? "in" : "out");
                    if (in) {
                        sawIn = true;
                        match.inInterface(iface);
                    } else {
                        sawOut = true;
                        match.outInterface(iface);
                    }
                } else {
                    throw error(column, "unexpected '" + token() + "' (expected "
                            + (icmp && !sawType ? "type, " : "") + "state, in or out)");
                }
            }
            Match built = match.build();
            if (onlyUntracked(built)) {
                return match.states(EnumSet.allOf(ConnState.class)).build();
            }
            if (!sawState) {
                match.states(EnumSet.of(ConnState.NEW));
                built = match.build();
            }
            return built;
        }

        /** The addresses of one side of a set, and its ports or null for every port. */
        private record EndpointSet(AddressSet addresses, IntRanges ports) {}

        private EndpointSet endpointSet() {
            String text = token();
            int column = tokStart + 1;
            String addresses;
            String ports = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw error(column, "'" + text + "' has no closing ']' (expected [IPv6]:PORTS)");
                }
                addresses = text.substring(1, close);
                String rest = text.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (rest.charAt(0) != ':') {
                        throw error(column + close + 1, "unexpected text after ']' in '" + text + "' (expected :PORTS)");
                    }
                    ports = rest.substring(1);
                }
            } else {
                int colon = text.indexOf(':');
                if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
                    addresses = text.substring(0, colon);
                    ports = text.substring(colon + 1);
                } else {
                    addresses = text;
                }
            }
            AddressSet set = addressSet(addresses, column);
            if (ports == null) {
                return new EndpointSet(set, null);
            }
            try {
                return new EndpointSet(set, ServiceSpecs.parsePorts(ports));
            } catch (IllegalArgumentException e) {
                throw error(column + text.length() - ports.length(), e.getMessage());
            }
        }

        private AddressSet addressSet(String text, int column) {
            List<AddressRange> ranges = new ArrayList<>();
            for (String item : text.split(",", -1)) {
                if (item.equalsIgnoreCase("any")) {
                    return AddressSet.all();
                }
                try {
                    ranges.add(AddressSpecs.parse(item));
                } catch (IllegalArgumentException e) {
                    throw error(column, e.getMessage());
                }
            }
            return AddressSet.of(ranges);
        }

        private IntRanges icmpValues(int protocol) {
            if (!next()) {
                throw error(end + 1, "missing ICMP type (expected a number 0-255 or a name such as echo-request)");
            }
            int column = tokStart + 1;
            String type = token();
            String text = type;
            if (peekIs("code")) {
                next();
                if (!next()) {
                    throw error(end + 1, "missing ICMP code (expected a number 0-255)");
                }
                text = type + "/" + token();
            }
            try {
                return ServiceSpecs.parseIcmp(text, protocol);
            } catch (IllegalArgumentException e) {
                throw error(column, e.getMessage());
            }
        }

        /**
         * True when every flow of the match is an ICMPv6 message connection tracking leaves
         * untracked: such messages have no connection state (a state condition never matches them),
         * so a set of them is every one of them, whatever {@code state} says.
         */
        private static boolean onlyUntracked(Match m) {
            return m.icmp().isPresent()
                    && m.protocols().equals(IntRanges.of(Protocol.ICMPV6))
                    && m.icmp().get().intersect(Protocol.UNTRACKED_ICMPV6).equals(m.icmp().get());
        }

        private Set<ConnState> states() {
            if (!next()) {
                throw error(end + 1, "missing state (expected new, established, related, invalid, a comma list or any)");
            }
            int column = tokStart + 1;
            if (is("any")) {
                return EnumSet.allOf(ConnState.class);
            }
            Set<ConnState> states = EnumSet.noneOf(ConnState.class);
            for (String word : token().split(",", -1)) {
                ConnState state = null;
                for (ConnState s : ConnState.values()) {
                    if (s.label().equalsIgnoreCase(word)) {
                        state = s;
                    }
                }
                if (state == null) {
                    throw error(column, "unknown state '" + word + "' (expected new, established, related, invalid,"
                            + " a comma list of them or any)");
                }
                states.add(state);
            }
            return states;
        }

        private InterfaceMatch interfaces(String keyword) {
            if (!next()) {
                throw error(end + 1, "missing interface after '" + keyword + "' (expected e.g. eth0 or eth+)");
            }
            List<String> patterns = List.of(token().split(",", -1));
            if (patterns.contains("")) {
                throw error(tokStart + 1, "empty interface name in '" + token() + "' (expected e.g. eth0, eth+ or eth0,eth1)");
            }
            try {
                return new InterfaceMatch(patterns, false);
            } catch (IllegalArgumentException e) {
                throw error(tokStart + 1, e.getMessage() + " (expected e.g. eth0 or eth+)");
            }
        }

        private static String familyLabel(AddressSet addresses) {
            return addresses.has(IpFamily.IPV4) ? "IPv4" : "IPv6";
        }

        // ---- tokens --------------------------------------------------------------------------

        /** Advances to the next blank-separated token; false at the end of the line. */
        boolean next() {
            int i = pos;
            while (i < end && isBlank(s.charAt(i))) {
                i++;
            }
            if (i >= end) {
                pos = end;
                return false;
            }
            int j = i;
            while (j < end && !isBlank(s.charAt(j))) {
                j++;
            }
            tokStart = i;
            tokEnd = j;
            pos = j;
            return true;
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        String token() {
            return s.substring(tokStart, tokEnd);
        }

        /** True when the current token is exactly the (lower-case) word. */
        boolean is(String word) {
            int n = word.length();
            if (tokEnd - tokStart != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (s.charAt(tokStart + i) != word.charAt(i)) {
                    return s.regionMatches(true, tokStart, word, 0, n);
                }
            }
            return true;
        }

        boolean peekIs(String word) {
            int savedPos = pos;
            int savedStart = tokStart;
            int savedEnd = tokEnd;
            boolean found = next() && is(word);
            pos = savedPos;
            tokStart = savedStart;
            tokEnd = savedEnd;
            return found;
        }

        FlowSyntaxException error(int column, String problem) {
            return new FlowSyntaxException(column, problem);
        }

        // ---- fields --------------------------------------------------------------------------

        int protocol() {
            protocolByNumber = false;
            int column = tokStart + 1;
            if (is("tcp")) {
                return Protocol.TCP;
            }
            if (is("udp")) {
                return Protocol.UDP;
            }
            if (is("icmp")) {
                return Protocol.ICMP;
            }
            if (is("icmpv6")) {
                return Protocol.ICMPV6;
            }
            if (is("proto")) {
                if (!next()) {
                    throw error(end + 1, "missing protocol after 'proto' (expected a name or a number 0-255)");
                }
                column = tokStart + 1;
            }
            OptionalInt p = Protocol.parse(token());
            if (p.isEmpty()) {
                throw error(column, "unknown protocol '" + token()
                        + "' (expected tcp, udp, icmp, icmpv6, another protocol name or proto N with N 0-255)");
            }
            protocolByNumber = Character.isDigit(s.charAt(tokStart));
            return p.getAsInt();
        }

        /** An ICMP protocol named with the addresses of the family it is not for. */
        private static String icmpOfTheOtherFamily(int protocol) {
            IpFamily own = protocol == Protocol.ICMP ? IpFamily.IPV4 : IpFamily.IPV6;
            IpFamily other = own == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
            return Protocol.name(protocol) + " is for " + label(own) + " (expected " + Protocol.name(Protocol.icmpOf(other))
                    + " for " + label(other) + " addresses, or " + protocol + " for protocol " + protocol + " over "
                    + label(other) + ")";
        }

        /** A protocol as an error names it in a family: an ICMP protocol over the other family by number and family. */
        private static String protocolIn(IpFamily family, int protocol) {
            return Protocol.isIcmp(protocol) && !Protocol.carriesIcmp(family, protocol)
                    ? protocol + " over " + label(family) : Protocol.name(protocol);
        }

        /**
         * Parses the current token as an address with an optional port into {@link #v6},
         * {@link #hi} and {@link #lo}; returns the port or -1 when none is given.
         */
        int endpoint() {
            int a = tokStart;
            int b = tokEnd;
            char c0 = s.charAt(a);
            if (c0 == '[') {
                int close = s.indexOf(']', a);
                if (close < 0 || close >= b) {
                    throw error(a + 1, "'" + token() + "' has no closing ']' (expected [IPv6]:PORT)");
                }
                ipv6(a + 1, close, a);
                if (close + 1 == b) {
                    return -1;
                }
                if (s.charAt(close + 1) != ':') {
                    throw error(close + 2, "unexpected text after ']' in '" + token() + "' (expected :PORT)");
                }
                return port(close + 2, b);
            }
            // IPv4 fast path: digits and dots, then an optional :port
            long value = 0;
            int octets = 0;
            int i = a;
            while (true) {
                int start = i;
                int octet = 0;
                while (i < b && i - start < 4) {
                    char c = s.charAt(i);
                    if (c < '0' || c > '9') {
                        break;
                    }
                    octet = octet * 10 + (c - '0');
                    i++;
                }
                int digits = i - start;
                if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
                    return ipv4Fallback(a, b);
                }
                value = value << 8 | octet;
                octets++;
                if (octets == 4) {
                    break;
                }
                if (i >= b || s.charAt(i) != '.') {
                    return ipv4Fallback(a, b);
                }
                i++;
            }
            v6 = false;
            hi = 0;
            lo = value;
            if (i == b) {
                return -1;
            }
            if (s.charAt(i) != ':') {
                return ipv4Fallback(a, b);
            }
            return port(i + 1, b);
        }

        /** Not a plain dotted quad: a bare IPv6 address, or an error naming the text. */
        private int ipv4Fallback(int a, int b) {
            int colon = s.indexOf(':', a);
            boolean ipv6 = colon >= 0 && colon < b && s.indexOf(':', colon + 1) >= 0 && s.indexOf(':', colon + 1) < b;
            if (ipv6) {
                ipv6(a, b, a);
                return -1;
            }
            int addressEnd = colon >= 0 && colon < b ? colon : b;
            String address = s.substring(a, addressEnd);
            throw error(a + 1, "'" + address + "' is not an IP address (expected e.g. 10.0.2.10, or [2001:db8::10] with a port)");
        }

        private void ipv6(int from, int to, int tokenStart) {
            String text = s.substring(from, to);
            Address address = Address.tryParse(text).orElseThrow(() -> error(tokenStart + 1,
                    "'" + text + "' is not an IP address (expected e.g. 2001:db8::10)"));
            if (address.family() != IpFamily.IPV6) {
                throw error(tokenStart + 1, "'" + text + "' in brackets is not an IPv6 address"
                        + " (expected [IPv6]:PORT, or IPV4:PORT without brackets)");
            }
            v6 = true;
            hi = address.hi();
            lo = address.lo();
        }

        private int port(int from, int to) {
            int value = digits(from, to, 65535);
            if (value < 0) {
                String text = s.substring(from, to);
                throw error(from + 1, (text.isEmpty() ? "empty port" : "bad port '" + text + "'")
                        + " (expected a number 0-65535 without leading zeros)");
            }
            return value;
        }

        /** Decimal digits without leading zeros, at most {@code max}, or -1. */
        private int digits(int from, int to, int max) {
            int n = to - from;
            if (n == 0 || n > 6 || (n > 1 && s.charAt(from) == '0')) {
                return -1;
            }
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v <= max ? v : -1;
        }

        int number(String what, int max) {
            if (!next()) {
                throw error(end + 1, "missing " + what + " (expected a number 0-" + max + ")");
            }
            int v = digits(tokStart, tokEnd, max);
            if (v < 0) {
                throw error(tokStart + 1, "bad " + what + " '" + token() + "' (expected a number 0-" + max + ")");
            }
            return v;
        }

        ConnState state() {
            if (!next()) {
                throw error(end + 1, "missing state (expected new, established, related or invalid)");
            }
            if (is("new")) {
                return ConnState.NEW;
            }
            if (is("established")) {
                return ConnState.ESTABLISHED;
            }
            if (is("related")) {
                return ConnState.RELATED;
            }
            if (is("invalid")) {
                return ConnState.INVALID;
            }
            throw error(tokStart + 1, "unknown state '" + token() + "' (expected new, established, related or invalid)");
        }

        String iface(String keyword) {
            if (!next()) {
                throw error(end + 1, "missing interface name after '" + keyword + "' (expected e.g. eth0)");
            }
            String name = token();
            if (name.endsWith("+")) {
                throw error(tokStart + 1, "'" + name + "' is a pattern (expected one interface name, e.g. eth0)");
            }
            try {
                InterfaceMatch.checkName(name);
            } catch (IllegalArgumentException e) {
                throw error(tokStart + 1, e.getMessage() + " (expected e.g. eth0)");
            }
            return name;
        }

        private static String label(IpFamily family) {
            return family == IpFamily.IPV4 ? "IPv4" : "IPv6";
        }
    }
}
