package io.fwcheck.engine;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of (source, destination) address pairs of each family, as a diagram over the family,
 * source and destination levels only: what is left of a set of flows when every other field is
 * projected away. Made by {@link FlowSet#pairsWhollyIn()}; confined, like its space, to one thread.
 */
public final class AddressPairs {

    private final FlowSpace space;
    private final Node root;

    private AddressPairs(FlowSpace space, Node root) {
        this.space = space;
        this.root = root;
    }

    /**
     * A contiguous range of sources whose pairs with every address of {@code destinations} are in
     * the set.
     */
    public record SourceRun(AddressRange sources, AddressSet destinations) {}

    /** The pairs all of whose canonical flows (every protocol, port, state, interface) are in the set. */
    static AddressPairs whollyIn(FlowSpace space, Node set) {
        Map<Integer, Node> memo = new HashMap<>();
        Node every = project(space, space.universe(), memo);
        Node some = project(space, space.diff(space.universe(), set), memo);
        Node pairs = space.diff(every, some);
        if (space.destinationFirst()) {
            // the runs of sources are read off a diagram that tests the source first
            FlowSpace bySource = FlowSpace.ordered(false);
            return new AddressPairs(bySource, transposed(space, pairs, bySource));
        }
        return new AddressPairs(space, pairs);
    }

    /**
     * The same pairs in a space that tests the source before the destination: one box per
     * family and set of destinations that share their sources, joined.
     */
    private static Node transposed(FlowSpace from, Node pairs, FlowSpace to) {
        List<Node> boxes = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            Node n = pairs;
            if (n.level == Level.FAMILY.ordinal()) {
                n = n.kids[n.find(0, family.ordinal())];
            }
            Map<Node, List<long[]>> byDestination;
            if (n.level == from.depth(Level.DESTINATION)) {
                byDestination = Boxes.byKid(from, n);
            } else {
                byDestination = n == from.zero ? Map.of() : Map.of(n, List.<long[]>of());
            }
            for (Map.Entry<Node, List<long[]>> e : byDestination.entrySet()) {
                long[][][] box = FlowSpace.anyBox();
                box[Level.FAMILY.ordinal()] = FlowSpace.point(0, family.ordinal());
                box[Level.DESTINATION.ordinal()] = e.getValue().isEmpty() ? null : e.getValue().toArray(new long[0][]);
                Node sources = e.getKey();
                if (!sources.isTerminal()) {
                    // below the address levels a projection holds only the empty and the full set
                    box[Level.SOURCE.ordinal()] = Boxes.byKid(from, sources).get(from.one).toArray(new long[0][]);
                }
                boxes.add(to.box(box));
            }
        }
        return to.mergeInOrder(Op.OR, boxes.toArray(new Node[0]), 0);
    }

    public boolean isEmpty() {
        return root == space.zero;
    }

    /**
     * The ranges of at least {@code 2^minBits} consecutive sources of the family that share at
     * least one destination: each run is as long as the destinations it starts with allow, and
     * runs do not overlap. Empty when there is none.
     */
    public List<SourceRun> sourceRuns(IpFamily family, int minBits) {
        List<SourceRun> out = new ArrayList<>();
        Node n = root;
        if (n.level == Level.FAMILY.ordinal()) {
            n = n.kids[n.find(0, family.ordinal())];
        }
        if (n == space.zero) {
            return out;
        }
        long[] startHi;
        long[] startLo;
        Node[] kids;
        if (n.level == Level.SOURCE.ordinal()) {
            startHi = n.startHi;
            startLo = n.startLo;
            kids = n.kids;
        } else {
            startHi = new long[] {0};
            startLo = new long[] {0};
            kids = new Node[] {n};
        }
        BigInteger max = value(Address.max(family).hi(), Address.max(family).lo());
        BigInteger minimum = BigInteger.ONE.shiftLeft(minBits);
        int k = 0;
        while (k < kids.length) {
            Node common = kids[k];
            int j = k;
            while (common != space.zero && j + 1 < kids.length) {
                Node next = space.and(common, kids[j + 1]);
                if (next == space.zero) {
                    break;
                }
                common = next;
                j++;
            }
            BigInteger first = value(startHi[k], startLo[k]);
            BigInteger last = j + 1 < kids.length ? value(startHi[j + 1], startLo[j + 1]).subtract(BigInteger.ONE) : max;
            last = last.min(max);
            if (common != space.zero && first.compareTo(max) <= 0
                    && last.subtract(first).add(BigInteger.ONE).compareTo(minimum) >= 0) {
                out.add(new SourceRun(new AddressRange(address(family, first), address(family, last)),
                        destinations(common, family)));
                k = j + 1;
            } else {
                k++;
            }
        }
        return out;
    }

    /** The destinations of a diagram below the source level, as addresses of the family. */
    private AddressSet destinations(Node n, IpFamily family) {
        BigInteger max = value(Address.max(family).hi(), Address.max(family).lo());
        if (n.isTerminal()) {
            return n == space.zero ? AddressSet.empty() : AddressSet.all(family);
        }
        List<AddressRange> ranges = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (n.kids[i] == space.zero) {
                continue;
            }
            BigInteger first = value(n.startHi[i], n.startLo[i]);
            if (first.compareTo(max) > 0) {
                break;
            }
            BigInteger last = i + 1 < n.size() ? value(n.startHi[i + 1], n.startLo[i + 1]).subtract(BigInteger.ONE) : max;
            ranges.add(new AddressRange(address(family, first), address(family, last.min(max))));
        }
        return AddressSet.of(ranges);
    }

    /**
     * The diagram over family, source and destination of the flows' address pairs: the protocol
     * level is merged away, every level below the two address levels (in either order) is dropped.
     */
    private static Node project(FlowSpace space, Node n, Map<Integer, Node> memo) {
        if (n == space.zero) {
            return n;
        }
        if (n.isTerminal() || n.level > Math.max(space.depth(Level.SOURCE), space.depth(Level.DESTINATION))) {
            return space.one;
        }
        Node cached = memo.get(n.id);
        if (cached != null) {
            return cached;
        }
        Node result;
        if (n.level == Level.PROTOCOL.ordinal()) {
            result = space.zero;
            for (Node kid : n.kids) {
                result = space.or(result, project(space, kid, memo));
            }
        } else {
            Node[] kids = new Node[n.size()];
            for (int i = 0; i < kids.length; i++) {
                kids[i] = project(space, n.kids[i], memo);
            }
            result = space.mk(n.level, n.startHi.clone(), n.startLo.clone(), kids, kids.length);
        }
        memo.put(n.id, result);
        return result;
    }

    private static BigInteger value(long hi, long lo) {
        return new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(lo)));
    }

    private static Address address(IpFamily family, BigInteger value) {
        return new Address(family, value.shiftRight(64).longValue(), value.longValue());
    }
}
