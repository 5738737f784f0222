package io.fwcheck.engine;

import java.util.Arrays;

/**
 * A set of long keys for walks that run often and visit few pairs: cleared in constant time by
 * moving to a new generation instead of wiping its arrays. Not thread-safe.
 */
final class LongSet {
    private long[] keys = new long[64];
    private int[] generations = new int[64];
    private int generation = 1;
    private int size;

    /** Empties the set. */
    void clear() {
        size = 0;
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(generations, 0);
            generation = 1;
        }
    }

    /** Adds the key; false when it was there already. */
    boolean add(long key) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = Bits.mix(key) & mask; ; i = (i + 1) & mask) {
            if (generations[i] != generation) {
                generations[i] = generation;
                keys[i] = key;
                size++;
                return true;
            }
            if (keys[i] == key) {
                return false;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldGenerations = generations;
        keys = new long[oldKeys.length * 2];
        generations = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldGenerations[i] == generation) {
                add(oldKeys[i]);
            }
        }
    }
}
