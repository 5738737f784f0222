package io.fwcheck.engine;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to nodes, without boxing: the memo of the operations of
 * one space, one operation at a time. {@link #clear()} starts a new generation instead of wiping
 * the arrays, so the many small operations of an analysis cost nothing to set up; a table a large
 * operation grew is let go at the next clear, so it neither stays large nor keeps old results
 * alive.
 */
final class LongNodeMap {
    private static final int INITIAL = 64;
    /** Capacity from which a clear drops the table instead of reusing it. */
    private static final int KEEP_AT_MOST = 1 << 15;

    private long[] keys;
    private Node[] values;
    private int[] generations;
    private int generation;
    private int size;

    LongNodeMap() {
        allocate(INITIAL);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Node[capacity];
        generations = new int[capacity];
        generation = 1;
        size = 0;
    }

    /** Empties the map. */
    void clear() {
        if (keys.length > KEEP_AT_MOST) {
            allocate(INITIAL);
            return;
        }
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(generations, 0);
            Arrays.fill(values, null);
            generation = 1;
        }
    }

    Node get(long key) {
        int mask = keys.length - 1;
        for (int i = Bits.mix(key) & mask; ; i = (i + 1) & mask) {
            if (generations[i] != generation) {
                return null;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    void put(long key, Node value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = Bits.mix(key) & mask;
        while (generations[i] == generation && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (generations[i] != generation) {
            generations[i] = generation;
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        Node[] oldValues = values;
        int[] oldGenerations = generations;
        int current = generation;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGenerations[i] == current) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
