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
    /** The high words of the starts; all-zero arrays are shared between nodes (never write to them). */
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

    /** An inner node of the first {@code n} intervals of the arrays, whose hash is already known. */
    static Node inner(int level, long[] startHi, long[] startLo, Node[] kids, int n, int hash, int id) {
        return new Node(level, 0, highWords(startHi, n), Arrays.copyOf(startLo, n), Arrays.copyOf(kids, n), id, hash);
    }

    /** Shared all-zero arrays by length: most nodes' starts fit in 64 bits (every level but IPv6 and interfaces). */
    private static final long[][] ZEROS = new long[257][];

    static {
        for (int n = 0; n < ZEROS.length; n++) {
            ZEROS[n] = new long[n];
        }
    }

    /**
     * The first {@code n} high words as a node's own array: a shared one when they are all zero.
     * Node arrays are never written to, so sharing is safe.
     */
    private static long[] highWords(long[] startHi, int n) {
        if (n < ZEROS.length) {
            boolean zero = true;
            for (int i = 0; i < n && zero; i++) {
                zero = startHi[i] == 0;
            }
            if (zero) {
                return ZEROS[n];
            }
        }
        return Arrays.copyOf(startHi, n);
    }

    /** The hash of the inner node of the first {@code n} intervals of the arrays. */
    static int hashOf(int level, long[] startHi, long[] startLo, Node[] kids, int n) {
        long h = level * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            h = (h ^ startHi[i]) * 0xBF58476D1CE4E5B9L;
            h = (h ^ startLo[i]) * 0x94D049BB133111EBL;
            h = (h ^ kids[i].id) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32));
    }

    /** True when this inner node has exactly the first {@code n} intervals of the arrays. */
    boolean sameAs(long[] hs, long[] ls, Node[] ks, int n) {
        if (kids.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (kids[i] != ks[i] || startLo[i] != ls[i] || startHi[i] != hs[i]) {
                return false;
            }
        }
        return true;
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
