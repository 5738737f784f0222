package io.fwcheck.engine;

import java.util.Arrays;

/** An open-addressing map from long keys to nodes: the memo of one operation, without boxing. */
final class LongNodeMap {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private Node[] values;
    private int size;

    LongNodeMap() {
        keys = new long[64];
        values = new Node[64];
        Arrays.fill(keys, EMPTY);
    }

    Node get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    void put(long key, Node value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void grow() {
        long[] oldKeys = keys;
        Node[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Node[oldValues.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
