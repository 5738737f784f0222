package io.fwcheck.engine;

import java.util.Arrays;

/**
 * The least box that holds a set of flows: per field, the least and the greatest value some flow
 * of the set has there. Two sets whose bounds do not meet have no flow in common, which a few
 * comparisons tell where a walk of both diagrams would visit every pair of their nodes that
 * overlap. The bounds of a union are the bounds of its parts, joined, so those of a union of many
 * sets cost nothing more once the parts' are known. Bounds compare only with bounds of sets of
 * the same {@link FlowSpace} (their fields are in its diagrams' order).
 */
public final class FlowBounds {

    /** The bounds of the empty set: they meet nothing. */
    public static final FlowBounds EMPTY = new FlowBounds(null);

    /**
     * Four longs per level of the space's diagrams: the least value's high and low words, the
     * greatest value's high and low words. Null for the empty set.
     */
    private final long[] bounds;

    private FlowBounds(long[] bounds) {
        this.bounds = bounds;
    }

    /** The bounds of a set of flows, from one walk of its diagram's distinct nodes. */
    public static FlowBounds of(FlowSet set) {
        return set.isEmpty() ? EMPTY : new FlowBounds(set.space().bounds(set.node));
    }

    /** True when the set is empty. */
    public boolean isEmpty() {
        return bounds == null;
    }

    /**
     * False when the two sets certainly have no flow in common (their bounds are apart on some
     * field); true when they may have.
     */
    public boolean meets(FlowBounds other) {
        long[] a = bounds;
        long[] b = other.bounds;
        if (a == null || b == null) {
            return false;
        }
        for (int i = 0; i < a.length; i += 4) {
            if (Bits.compare(a[i], a[i + 1], b[i + 2], b[i + 3]) > 0
                    || Bits.compare(b[i], b[i + 1], a[i + 2], a[i + 3]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The bounds of the union of the two sets. */
    public FlowBounds union(FlowBounds other) {
        if (bounds == null) {
            return other;
        }
        if (other.bounds == null) {
            return this;
        }
        long[] a = bounds;
        long[] b = other.bounds;
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i += 4) {
            boolean lowA = Bits.compare(a[i], a[i + 1], b[i], b[i + 1]) <= 0;
            out[i] = lowA ? a[i] : b[i];
            out[i + 1] = lowA ? a[i + 1] : b[i + 1];
            boolean highA = Bits.compare(a[i + 2], a[i + 3], b[i + 2], b[i + 3]) >= 0;
            out[i + 2] = highA ? a[i + 2] : b[i + 2];
            out[i + 3] = highA ? a[i + 3] : b[i + 3];
        }
        return new FlowBounds(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowBounds other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }
}
