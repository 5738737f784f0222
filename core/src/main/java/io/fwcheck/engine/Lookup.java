package io.fwcheck.engine;

import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;

/** Point look-ups: walks a diagram along one flow's field values. */
final class Lookup {
    private Lookup() {}

    static int value(FlowSpace space, Node node, Flow flow) {
        Node n = node;
        while (!n.isTerminal()) {
            long hi = 0;
            long lo;
            switch (space.field(n.level)) {
                case FAMILY -> lo = flow.family() == IpFamily.IPV4 ? 0 : 1;
                case PROTOCOL -> lo = flow.protocol();
                case SOURCE -> {
                    hi = flow.source().hi();
                    lo = flow.source().lo();
                }
                case DESTINATION -> {
                    hi = flow.destination().hi();
                    lo = flow.destination().lo();
                }
                case SOURCE_PORT -> lo = flow.sourcePort();
                case DESTINATION_PORT -> lo = flow.destinationPort();
                case ICMP -> lo = flow.icmpValue();
                case STATE -> lo = flow.state().ordinal();
                case IN_INTERFACE -> {
                    hi = InterfaceCodec.hi(flow.inInterface());
                    lo = InterfaceCodec.lo(flow.inInterface());
                }
                case OUT_INTERFACE -> {
                    hi = InterfaceCodec.hi(flow.outInterface());
                    lo = InterfaceCodec.lo(flow.outInterface());
                }
                default -> throw new IllegalStateException();
            }
            n = n.kids[n.find(hi, lo)];
        }
        return n.value;
    }
}
