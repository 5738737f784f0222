package io.fwcheck.engine;

import io.fwcheck.model.Flow;
import java.util.List;
import java.util.Optional;

/**
 * An exact, immutable set of flows, as a reduced decision diagram of its {@link FlowSpace}. Two
 * sets of the same space are equal exactly when they hold the same flows (the diagrams are
 * canonical), which makes {@link #equals} and {@link #isEmpty} constant-time.
 */
public final class FlowSet {

    private final FlowSpace space;
    final Node node;

    FlowSet(FlowSpace space, Node node) {
        this.space = space;
        this.node = node;
    }

    public FlowSpace space() {
        return space;
    }

    /** The union of many sets of one space, joined pairwise so each step works on sets of similar size. */
    public static FlowSet unionOf(FlowSpace space, List<FlowSet> sets) {
        Node[] nodes = new Node[sets.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = of(space, sets.get(i)).node;
        }
        return space.wrap(space.mergeInOrder(Op.OR, nodes, 0));
    }

    public FlowSet union(FlowSet other) {
        return space.wrap(space.or(node, same(other).node));
    }

    public FlowSet intersect(FlowSet other) {
        return space.wrap(space.and(node, same(other).node));
    }

    public FlowSet minus(FlowSet other) {
        return space.wrap(space.diff(node, same(other).node));
    }

    /** Every canonical flow not in this set. */
    public FlowSet complement() {
        return space.wrap(space.diff(space.universe(), node));
    }

    public boolean isEmpty() {
        return node == space.zero;
    }

    /** True when the set holds every canonical flow. */
    public boolean isAll() {
        return node == space.universe();
    }

    /** True when every flow of this set is in {@code other}. */
    public boolean isSubsetOf(FlowSet other) {
        return space.subset(node, same(other).node);
    }

    /**
     * The number of intervals of the set's diagram, or {@code limit} when it has at least that
     * many: a measure of what set operations on it cost.
     */
    public int size(int limit) {
        return space.size(node, limit);
    }

    public boolean intersects(FlowSet other) {
        return space.intersects(node, same(other).node);
    }

    public boolean contains(Flow flow) {
        return Lookup.value(space, node, flow) != 0;
    }

    /**
     * The (source, destination) address pairs every canonical flow of which (each protocol, port,
     * ICMP type, state and interface) is in this set.
     */
    public AddressPairs pairsWhollyIn() {
        return AddressPairs.whollyIn(space, node);
    }

    /**
     * One flow of the set chosen to be easy to read: IPv4 before IPv6, TCP before UDP before ICMP
     * before others, the first address of a range, a typical ephemeral source port, the lowest
     * destination port above 0, state NEW, no interface or {@code eth0}. Empty for the empty set.
     */
    public Optional<Flow> witness() {
        return isEmpty() ? Optional.empty() : Optional.of(Witness.of(space, node));
    }

    /**
     * The set as readable boxes (each field a list of ranges), at most {@code limit} of them, in
     * diagram order; together all {@link #boxCount()} boxes cover the set exactly and are disjoint.
     */
    public List<FlowBox> boxes(int limit) {
        return Boxes.list(space, node, limit);
    }

    /** The number of boxes {@link #boxes(int)} would give without a limit (saturates at Long.MAX_VALUE). */
    public long boxCount() {
        return Boxes.count(space, node);
    }

    private FlowSet same(FlowSet other) {
        return of(space, other);
    }

    /** The set, which must belong to the space. */
    private static FlowSet of(FlowSpace space, FlowSet set) {
        if (set.space != space) {
            throw new IllegalArgumentException("flow sets of different FlowSpaces cannot be combined");
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowSet other && other.space == space && other.node == node;
    }

    @Override
    public int hashCode() {
        return node.id;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "no flow";
        }
        if (isAll()) {
            return "every flow";
        }
        List<FlowBox> boxes = boxes(3);
        long total = boxCount();
        StringBuilder sb = new StringBuilder();
        for (FlowBox b : boxes) {
            sb.append(sb.length() == 0 ? "" : "; ").append(b);
        }
        if (total > boxes.size()) {
            sb.append("; … ").append(total - boxes.size()).append(" more");
        }
        return sb.toString();
    }
}
