package io.fwcheck.engine;

import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;

/** Picks one readable flow from a non-empty set, field by field down the diagram. */
final class Witness {
    private Witness() {}

    private static final long[][] NO_PREFERENCE = {};

    static Flow of(FlowSpace space, Node root) {
        long[] hi = new long[Level.TERMINAL];
        long[] lo = new long[Level.TERMINAL];
        Node n = root;
        for (int level = 0; level < Level.TERMINAL; level++) {
            Level lv = space.field(level);
            int field = lv.ordinal();
            if (n.level != level) {
                long[] v = preferredFree(lv, lo[Level.FAMILY.ordinal()], lo[Level.PROTOCOL.ordinal()]);
                hi[field] = v[0];
                lo[field] = v[1];
                continue;
            }
            int chosen = -1;
            long ch = 0;
            long cl = 0;
            for (long[] p : preferences(lv, lo[Level.FAMILY.ordinal()], lo[Level.PROTOCOL.ordinal()])) {
                int i = n.find(p[0], p[1]);
                if (n.kids[i] != space.zero) {
                    chosen = i;
                    ch = p[0];
                    cl = p[1];
                    break;
                }
            }
            for (int i = 0; chosen < 0 && i < n.size(); i++) {
                if (n.kids[i] == space.zero) {
                    continue;
                }
                long[] end = end(n, i, lv);
                long[] v = fallback(lv, n.startHi[i], n.startLo[i], end[0], end[1]);
                if (v != null) {
                    chosen = i;
                    ch = v[0];
                    cl = v[1];
                }
            }
            for (int i = 0; chosen < 0 && i < n.size(); i++) {
                if (n.kids[i] != space.zero) {
                    chosen = i;
                    ch = n.startHi[i];
                    cl = n.startLo[i];
                }
            }
            hi[field] = ch;
            lo[field] = cl;
            n = n.kids[chosen];
        }
        IpFamily family = lo[Level.FAMILY.ordinal()] == 0 ? IpFamily.IPV4 : IpFamily.IPV6;
        int icmp = (int) lo[Level.ICMP.ordinal()];
        return new Flow(
                family,
                new Address(family, hi[Level.SOURCE.ordinal()], lo[Level.SOURCE.ordinal()]),
                new Address(family, hi[Level.DESTINATION.ordinal()], lo[Level.DESTINATION.ordinal()]),
                (int) lo[Level.PROTOCOL.ordinal()],
                (int) lo[Level.SOURCE_PORT.ordinal()],
                (int) lo[Level.DESTINATION_PORT.ordinal()],
                icmp >>> 8,
                icmp & 0xFF,
                ConnState.values()[(int) lo[Level.STATE.ordinal()]],
                InterfaceCodec.decode(hi[Level.IN_INTERFACE.ordinal()], lo[Level.IN_INTERFACE.ordinal()]),
                InterfaceCodec.decode(hi[Level.OUT_INTERFACE.ordinal()], lo[Level.OUT_INTERFACE.ordinal()]));
    }

    static long[] end(Node n, int i, Level lv) {
        if (i + 1 < n.size()) {
            return new long[] {Bits.decHi(n.startHi[i + 1], n.startLo[i + 1]), n.startLo[i + 1] - 1};
        }
        return new long[] {lv.maxHi, lv.maxLo};
    }

    /**
     * The values tried first for a field, given the family and protocol already chosen (the family
     * is the first level of every diagram): among the ICMP protocols, the family's own first.
     */
    private static long[][] preferences(Level lv, long family, long protocol) {
        return switch (lv) {
            case FAMILY -> new long[][] {{0, 0}};
            case PROTOCOL -> family == 0
                    ? new long[][] {{0, Protocol.TCP}, {0, Protocol.UDP}, {0, Protocol.ICMP}, {0, Protocol.ICMPV6}}
                    : new long[][] {{0, Protocol.TCP}, {0, Protocol.UDP}, {0, Protocol.ICMPV6}, {0, Protocol.ICMP}};
            case SOURCE_PORT -> new long[][] {{0, Flow.EPHEMERAL_PORT}};
            case ICMP -> protocol == Protocol.ICMPV6
                    ? new long[][] {{0, 128 << 8}, {0, 8 << 8}}
                    : new long[][] {{0, 8 << 8}, {0, 128 << 8}};
            case STATE -> new long[][] {{0, ConnState.NEW.ordinal()}};
            case IN_INTERFACE, OUT_INTERFACE -> new long[][] {{0, 0}, {InterfaceCodec.hi("eth0"), InterfaceCodec.lo("eth0")}};
            default -> NO_PREFERENCE;
        };
    }

    /** A value for a field the diagram does not test (any value works). */
    private static long[] preferredFree(Level lv, long family, long protocol) {
        long[][] prefs = preferences(lv, family, protocol);
        return prefs.length > 0 ? prefs[0] : lv == Level.DESTINATION_PORT ? new long[] {0, 1} : new long[] {0, 0};
    }

    /** A readable value in [start, end], or null when none fits. */
    private static long[] fallback(Level lv, long sh, long sl, long eh, long el) {
        switch (lv) {
            case SOURCE_PORT -> {
                if (Bits.compare(eh, el, 0, Flow.EPHEMERAL_PORT) >= 0) {
                    return new long[] {0, Math.max(sl, Flow.EPHEMERAL_PORT)};
                }
                return new long[] {sh, sl};
            }
            case DESTINATION_PORT -> {
                if (sl == 0 && Bits.compare(eh, el, 0, 1) >= 0) {
                    return new long[] {0, 1};
                }
                return new long[] {sh, sl};
            }
            case IN_INTERFACE, OUT_INTERFACE -> {
                long[] v = InterfaceCodec.smallestReadableAtLeast(sh, sl);
                boolean inside = Bits.compare(v[0], v[1], sh, sl) >= 0 && Bits.compare(v[0], v[1], eh, el) <= 0;
                return inside ? v : null;
            }
            default -> {
                return new long[] {sh, sl};
            }
        }
    }
}
