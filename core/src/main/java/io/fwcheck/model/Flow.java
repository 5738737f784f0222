package io.fwcheck.model;

import java.util.StringJoiner;

/**
 * One packet header as fwcheck sees it. Canonical: ports are 0 unless the protocol carries ports,
 * the ICMP type and code are 0 unless the protocol is ICMP or ICMPv6; both addresses have the
 * flow's family. An empty interface name means the packet has no such interface.
 */
public record Flow(
        IpFamily family,
        Address source,
        Address destination,
        int protocol,
        int sourcePort,
        int destinationPort,
        int icmpType,
        int icmpCode,
        ConnState state,
        String inInterface,
        String outInterface) {

    /** The source port fwcheck assumes when none is given: a typical ephemeral port. */
    public static final int EPHEMERAL_PORT = 49152;

    public Flow {
        if (source.family() != family || destination.family() != family) {
            throw new IllegalArgumentException("flow mixes IPv4 and IPv6 addresses");
        }
        if (protocol < 0 || protocol > Protocol.MAX) {
            throw new IllegalArgumentException("protocol " + protocol + " out of range 0-255");
        }
        if (Protocol.hasPorts(protocol)) {
            checkPort(sourcePort);
            checkPort(destinationPort);
        } else if (sourcePort != 0 || destinationPort != 0) {
            throw new IllegalArgumentException("protocol " + Protocol.name(protocol) + " has no ports");
        }
        if (Protocol.carriesIcmp(family, protocol)) {
            if (icmpType < 0 || icmpType > 255 || icmpCode < 0 || icmpCode > 255) {
                throw new IllegalArgumentException("ICMP type and code must be 0-255");
            }
        } else if (icmpType != 0 || icmpCode != 0) {
            throw new IllegalArgumentException("protocol " + Protocol.name(protocol) + " has no ICMP type in "
                    + family.label());
        }
        if (state == null) {
            throw new IllegalArgumentException("state is required");
        }
        InterfaceMatch.checkName(inInterface);
        InterfaceMatch.checkName(outInterface);
    }

    /** A NEW TCP connection. */
    public static Flow tcp(String source, int sourcePort, String destination, int destinationPort) {
        return ports(Protocol.TCP, source, sourcePort, destination, destinationPort);
    }

    /** A NEW UDP flow. */
    public static Flow udp(String source, int sourcePort, String destination, int destinationPort) {
        return ports(Protocol.UDP, source, sourcePort, destination, destinationPort);
    }

    private static Flow ports(int protocol, String source, int sourcePort, String destination, int destinationPort) {
        Address src = Address.parse(source);
        Address dst = Address.parse(destination);
        return new Flow(src.family(), src, dst, protocol, sourcePort, destinationPort, 0, 0, ConnState.NEW, "", "");
    }

    /** A NEW ICMP (or ICMPv6, for IPv6 addresses) message. */
    public static Flow icmp(String source, String destination, int type, int code) {
        Address src = Address.parse(source);
        Address dst = Address.parse(destination);
        int protocol = src.family() == IpFamily.IPV4 ? Protocol.ICMP : Protocol.ICMPV6;
        return new Flow(src.family(), src, dst, protocol, 0, 0, type, code, ConnState.NEW, "", "");
    }

    private static void checkPort(int port) {
        if (port < 0 || port > Match.PORT_MAX) {
            throw new IllegalArgumentException("port " + port + " out of range 0-65535");
        }
    }

    /** The ICMP type and code as one value {@code type << 8 | code}. */
    public int icmpValue() {
        return icmpType << 8 | icmpCode;
    }

    public Flow withState(ConnState value) {
        return new Flow(family, source, destination, protocol, sourcePort, destinationPort, icmpType, icmpCode,
                value, inInterface, outInterface);
    }

    public Flow withInterfaces(String in, String out) {
        return new Flow(family, source, destination, protocol, sourcePort, destinationPort, icmpType, icmpCode,
                state, in, out);
    }

    /**
     * The flow as the trace command reads it: {@code tcp 10.0.1.5:40000 -> 10.0.2.10:5432},
     * {@code icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0}, then {@code state …}, {@code in …} and
     * {@code out …} when not the defaults.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Protocol.name(family, protocol)).append(' ');
        if (Protocol.hasPorts(protocol)) {
            sb.append(endpoint(source, sourcePort)).append(" -> ").append(endpoint(destination, destinationPort));
        } else {
            sb.append(source).append(" -> ").append(destination);
        }
        if (Protocol.carriesIcmp(family, protocol)) {
            sb.append(" type ").append(icmpType).append(" code ").append(icmpCode);
        }
        StringJoiner extra = new StringJoiner(" ", " ", "").setEmptyValue("");
        if (state != ConnState.NEW) {
            extra.add("state " + state.label());
        }
        if (!inInterface.isEmpty()) {
            extra.add("in " + inInterface);
        }
        if (!outInterface.isEmpty()) {
            extra.add("out " + outInterface);
        }
        return sb.append(extra).toString();
    }

    private static String endpoint(Address address, int port) {
        return (address.family() == IpFamily.IPV6 ? "[" + address + "]" : address.toString()) + ":" + port;
    }
}
