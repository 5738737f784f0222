package io.fwcheck.report;

import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;

/**
 * Writes a flow exactly as {@link Flow#toString()} does (the syntax {@code FlowParser} reads), but
 * into a caller's buffer without intermediate strings for IPv4 flows: the batch trace path.
 */
final class FlowText {

    private static final String[] PROTOCOL_NAMES = new String[Protocol.MAX + 1];
    private static final String[] STATES = new String[ConnState.values().length];

    static {
        for (int p = 0; p <= Protocol.MAX; p++) {
            PROTOCOL_NAMES[p] = Protocol.name(p);
        }
        for (ConnState state : ConnState.values()) {
            STATES[state.ordinal()] = state.label();
        }
    }

    private FlowText() {}

    static String of(Flow flow) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, flow);
        return sb.toString();
    }

    static void append(StringBuilder sb, Flow flow) {
        int protocol = flow.protocol();
        sb.append(Protocol.isIcmp(protocol) ? Protocol.name(flow.family(), protocol) : PROTOCOL_NAMES[protocol]).append(' ');
        if (Protocol.hasPorts(protocol)) {
            endpoint(sb, flow.source(), flow.sourcePort());
            sb.append(" -> ");
            endpoint(sb, flow.destination(), flow.destinationPort());
        } else {
            address(sb, flow.source());
            sb.append(" -> ");
            address(sb, flow.destination());
        }
        if (Protocol.carriesIcmp(flow.family(), protocol)) {
            sb.append(" type ").append(flow.icmpType()).append(" code ").append(flow.icmpCode());
        }
        if (flow.state() != ConnState.NEW) {
            sb.append(" state ").append(STATES[flow.state().ordinal()]);
        }
        if (!flow.inInterface().isEmpty()) {
            sb.append(" in ").append(flow.inInterface());
        }
        if (!flow.outInterface().isEmpty()) {
            sb.append(" out ").append(flow.outInterface());
        }
    }

    private static void endpoint(StringBuilder sb, Address address, int port) {
        if (address.family() == IpFamily.IPV6) {
            sb.append('[').append(address).append(']');
        } else {
            address(sb, address);
        }
        sb.append(':').append(port);
    }

    private static void address(StringBuilder sb, Address address) {
        if (address.family() == IpFamily.IPV6) {
            sb.append(address);
            return;
        }
        ipv4(sb, address);
    }

    /** Appends an IPv4 address in dotted-quad form. */
    static void ipv4(StringBuilder sb, Address address) {
        long v = address.lo();
        sb.append((int) (v >>> 24 & 0xFF)).append('.')
                .append((int) (v >>> 16 & 0xFF)).append('.')
                .append((int) (v >>> 8 & 0xFF)).append('.')
                .append((int) (v & 0xFF));
    }
}
