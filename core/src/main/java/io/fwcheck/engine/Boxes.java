package io.fwcheck.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decomposes a 0/1 diagram into disjoint boxes: one per path through distinct children, where
 * the intervals of a node leading to the same child become one field list.
 */
final class Boxes {
    private Boxes() {}

    static List<FlowBox> list(FlowSpace space, Node root, int limit) {
        List<FlowBox> out = new ArrayList<>();
        walk(space, root, new long[Level.TERMINAL][][], out, limit);
        return out;
    }

    /**
     * Lists the boxes under a node: its distinct non-empty children in order of first appearance,
     * each with all the intervals that lead to it. Children are taken one at a time, so a large
     * node of which only the first few children fit under the limit is not grouped as a whole.
     */
    private static void walk(FlowSpace space, Node n, long[][][] path, List<FlowBox> out, int limit) {
        if (out.size() >= limit || n == space.zero) {
            return;
        }
        if (n.isTerminal()) {
            out.add(FlowBox.from(path));
            return;
        }
        Level lv = space.field(n.level);
        int field = lv.ordinal();
        // every child walked adds at least one box, so at most limit of them are walked
        Node[] walked = new Node[Math.min(limit, n.size())];
        int count = 0;
        for (int first = 0; first < n.size() && out.size() < limit; first++) {
            Node kid = n.kids[first];
            if (kid == space.zero || contains(walked, count, kid)) {
                continue;
            }
            walked[count++] = kid;
            path[field] = intervals(n, kid, first, lv);
            walk(space, kid, path, out, limit);
            path[field] = null;
        }
    }

    private static boolean contains(Node[] nodes, int count, Node node) {
        for (int i = 0; i < count; i++) {
            if (nodes[i] == node) {
                return true;
            }
        }
        return false;
    }

    /** The intervals of the node that lead to the child, from its first one on: {startHi, startLo, endHi, endLo} each. */
    private static long[][] intervals(Node n, Node kid, int first, Level lv) {
        int count = 0;
        for (int i = first; i < n.size(); i++) {
            if (n.kids[i] == kid) {
                count++;
            }
        }
        long[][] out = new long[count][];
        int k = 0;
        for (int i = first; i < n.size(); i++) {
            if (n.kids[i] == kid) {
                out[k++] = i + 1 < n.size()
                        ? new long[] {n.startHi[i], n.startLo[i], Bits.decHi(n.startHi[i + 1], n.startLo[i + 1]), n.startLo[i + 1] - 1}
                        : new long[] {n.startHi[i], n.startLo[i], lv.maxHi, lv.maxLo};
            }
        }
        return out;
    }

    /** The node's intervals grouped by their (non-empty) child, in order of first appearance. */
    static Map<Node, List<long[]>> byKid(FlowSpace space, Node n) {
        Map<Node, List<long[]>> groups = new LinkedHashMap<>();
        Level lv = space.field(n.level);
        for (int i = 0; i < n.size(); i++) {
            if (n.kids[i] == space.zero) {
                continue;
            }
            long[] end = Witness.end(n, i, lv);
            groups.computeIfAbsent(n.kids[i], k -> new ArrayList<>())
                    .add(new long[] {n.startHi[i], n.startLo[i], end[0], end[1]});
        }
        return groups;
    }

    static long count(FlowSpace space, Node root) {
        return new Counter(space.zero).count(root);
    }

    /**
     * Counts the boxes under each node once: a node has one box per path through its distinct
     * non-empty children. Memoised by node id in an open-addressing table, since a count walks
     * every node of what can be a large diagram.
     */
    private static final class Counter {
        private final Node zero;
        private long[] ids = new long[16];
        private long[] counts = new long[16];
        private int size;
        /** Distinct kids of the node being counted; reused, since counting recurses only after collecting. */
        private Node[] distinct = new Node[16];

        Counter(Node zero) {
            this.zero = zero;
        }

        long count(Node n) {
            if (n.isTerminal()) {
                return n == zero ? 0 : 1;
            }
            int slot = find(n.id);
            if (ids[slot] != 0) {
                return counts[slot];
            }
            Node[] kids = kidsOnce(n);
            long total = 0;
            for (Node kid : kids) {
                long c = count(kid);
                total = total + c < total ? Long.MAX_VALUE : total + c;
            }
            slot = find(n.id);
            ids[slot] = n.id + 1L;
            counts[slot] = total;
            if (2 * ++size > ids.length) {
                grow();
            }
            return total;
        }

        /** The node's distinct non-empty kids (neighbours always differ, but a kid may recur further on). */
        private Node[] kidsOnce(Node n) {
            Node[] kids = n.kids;
            if (distinct.length < kids.length) {
                distinct = new Node[Integer.highestOneBit(kids.length) << 1];
            }
            int m = 0;
            if (kids.length <= 16) {
                outer:
                for (Node kid : kids) {
                    if (kid == zero) {
                        continue;
                    }
                    for (int k = 0; k < m; k++) {
                        if (distinct[k] == kid) {
                            continue outer;
                        }
                    }
                    distinct[m++] = kid;
                }
            } else {
                Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Node kid : kids) {
                    if (kid != zero && seen.add(kid)) {
                        distinct[m++] = kid;
                    }
                }
            }
            return Arrays.copyOf(distinct, m);
        }

        /** The slot holding the id, or the empty slot where it belongs. */
        private int find(int id) {
            long key = id + 1L;
            int mask = ids.length - 1;
            int i = Bits.mix(key) & mask;
            while (ids[i] != 0 && ids[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        private void grow() {
            long[] oldIds = ids;
            long[] oldCounts = counts;
            ids = new long[oldIds.length * 2];
            counts = new long[oldIds.length * 2];
            for (int i = 0; i < oldIds.length; i++) {
                if (oldIds[i] != 0) {
                    int slot = find((int) (oldIds[i] - 1));
                    ids[slot] = oldIds[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }
    }
}
