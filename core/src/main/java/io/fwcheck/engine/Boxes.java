package io.fwcheck.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static void walk(FlowSpace space, Node n, long[][][] path, List<FlowBox> out, int limit) {
        if (out.size() >= limit || n == space.zero) {
            return;
        }
        if (n.isTerminal()) {
            out.add(FlowBox.from(path));
            return;
        }
        for (Map.Entry<Node, List<long[]>> e : byKid(space, n).entrySet()) {
            int field = space.field(n.level).ordinal();
            path[field] = e.getValue().toArray(new long[0][]);
            walk(space, e.getKey(), path, out, limit);
            path[field] = null;
            if (out.size() >= limit) {
                return;
            }
        }
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
        return count(space, root, new HashMap<>());
    }

    private static long count(FlowSpace space, Node n, Map<Integer, Long> memo) {
        if (n.isTerminal()) {
            return n == space.zero ? 0 : 1;
        }
        Long cached = memo.get(n.id);
        if (cached != null) {
            return cached;
        }
        long total = 0;
        for (Node kid : byKid(space, n).keySet()) {
            long c = count(space, kid, memo);
            total = total + c < total ? Long.MAX_VALUE : total + c;
        }
        memo.put(n.id, total);
        return total;
    }
}
