package io.fwcheck.engine;

import java.util.Arrays;

/**
 * A node of an interval decision diagram. An inner node partitions its level's values into
 * intervals: interval {@code i} starts at ({@code startHi[i]}, {@code startLo[i]}) and ends just
 * before the next start (the last ends at the level's maximum); {@code kids[i]} decides the
 * values in it. The first start is 0, neighbouring kids differ, and there are at least two
 * intervals. A terminal node carries an int value. Nodes are hash-consed by their
 * {@link FlowSpace}, so equal diagrams are the same object; they are immutable.
 */
final class Node {
    final int level;
    final int value;
    final long[] startHi;
    final long[] startLo;
    final Node[] kids;
    final int id;
    private final int hash;

    private Node(int level, int value, long[] startHi, long[] startLo, Node[] kids, int id, int hash) {
        this.level = level;
        this.value = value;
        this.startHi = startHi;
        this.startLo = startLo;
        this.kids = kids;
        this.id = id;
        this.hash = hash;
    }

    static Node terminal(int value, int id) {
        return new Node(Level.TERMINAL, value, null, null, null, id, 31 * value + 7);
    }

    static Node inner(int level, long[] startHi, long[] startLo, Node[] kids, int id) {
        return new Node(level, 0, startHi, startLo, kids, id, hashOf(level, startHi, startLo, kids));
    }

    /** A key with the same identity rules as an interned node, used for look-ups. */
    static Node probe(int level, long[] startHi, long[] startLo, Node[] kids) {
        return new Node(level, 0, startHi, startLo, kids, -1, hashOf(level, startHi, startLo, kids));
    }

    Node withId(int newId) {
        return new Node(level, value, startHi, startLo, kids, newId, hash);
    }

    private static int hashOf(int level, long[] startHi, long[] startLo, Node[] kids) {
        int h = level;
        for (int i = 0; i < kids.length; i++) {
            h = h * 31 + Long.hashCode(startHi[i]);
            h = h * 31 + Long.hashCode(startLo[i]);
            h = h * 31 + kids[i].id;
        }
        return h;
    }

    boolean isTerminal() {
        return level == Level.TERMINAL;
    }

    int size() {
        return kids.length;
    }

    /** Index of the interval holding the value (hi, lo). */
    int find(long hi, long lo) {
        int a = 0;
        int b = kids.length - 1;
        while (a < b) {
            int mid = (a + b + 1) >>> 1;
            if (Bits.compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                a = mid;
            } else {
                b = mid - 1;
            }
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node n) || n.level != level || n.hash != hash) {
            return false;
        }
        if (isTerminal()) {
            return n.value == value;
        }
        if (n.kids.length != kids.length) {
            return false;
        }
        for (int i = 0; i < kids.length; i++) {
            if (n.kids[i] != kids[i]) {
                return false;
            }
        }
        return Arrays.equals(n.startHi, startHi) && Arrays.equals(n.startLo, startLo);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
