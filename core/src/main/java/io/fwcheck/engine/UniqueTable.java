package io.fwcheck.engine;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The hash-consing table of one {@link FlowSpace}: at most one inner node per (level, intervals,
 * kids). It holds its nodes weakly, so nodes no live diagram uses any more (the intermediate
 * results of compilation) are freed; a node made again later is interned anew. Look-ups compare a
 * candidate given as arrays directly, so finding an existing node allocates nothing.
 *
 * <p>Not thread-safe, like its space.
 */
final class UniqueTable {

    /** A weak entry of a bucket's chain. */
    private static final class Slot extends WeakReference<Node> {
        final int hash;
        Slot next;

        Slot(Node node, ReferenceQueue<Node> queue, Slot next) {
            super(node, queue);
            this.hash = node.hashCode();
            this.next = next;
        }
    }

    private final ReferenceQueue<Node> freed = new ReferenceQueue<>();
    private Slot[] buckets = new Slot[1 << 12];
    private int size;

    /** Entries not yet known to be freed (freed nodes are counted out as the collector reports them). */
    int size() {
        expunge();
        return size;
    }

    /** Entries, freed ones included until they are next expunged: cheap, for budget checks. */
    int count() {
        return size;
    }

    /** The interned node equal to the candidate, or null. */
    Node find(int hash, int level, long[] startHi, long[] startLo, Node[] kids, int n) {
        for (Slot s = buckets[hash & (buckets.length - 1)]; s != null; s = s.next) {
            if (s.hash != hash) {
                continue;
            }
            Node node = s.get();
            if (node != null && node.level == level && node.sameAs(startHi, startLo, kids, n)) {
                return node;
            }
        }
        return null;
    }

    /** Adds a node known not to be in the table. */
    void add(Node node) {
        expunge();
        if (size >= buckets.length) {
            grow();
        }
        int i = node.hashCode() & (buckets.length - 1);
        buckets[i] = new Slot(node, freed, buckets[i]);
        size++;
    }

    private void expunge() {
        for (Object ref; (ref = freed.poll()) != null; ) {
            Slot dead = (Slot) ref;
            int i = dead.hash & (buckets.length - 1);
            Slot prev = null;
            for (Slot s = buckets[i]; s != null; prev = s, s = s.next) {
                if (s == dead) {
                    if (prev == null) {
                        buckets[i] = s.next;
                    } else {
                        prev.next = s.next;
                    }
                    size--;
                    break;
                }
            }
        }
    }

    private void grow() {
        Slot[] old = buckets;
        Slot[] table = new Slot[old.length * 2];
        int mask = table.length - 1;
        for (Slot head : old) {
            for (Slot s = head; s != null; ) {
                Slot next = s.next;
                int i = s.hash & mask;
                s.next = table[i];
                table[i] = s;
                s = next;
            }
        }
        buckets = table;
    }
}
