package io.fwcheck.engine;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The hash-consing table of one {@link FlowSpace}: at most one inner node per (level, intervals,
 * kids). Look-ups compare a candidate given as arrays directly, so finding an existing node
 * allocates nothing.
 *
 * <p>A small table holds its nodes strongly: every node made stays until the space is dropped,
 * which costs the collector nothing (a weak reference per node costs it time at every collection,
 * and its look-ups an indirection). It keeps them in open addressing, the nodes and their hashes
 * in two arrays: a look-up reads neighbouring array slots instead of following a chain of entry
 * objects, and adding a node allocates nothing but the node. Once the table holds
 * {@link #STRONG_UP_TO} nodes, it holds every node weakly from then on, in chains of entries that
 * the collector reports freed, so nodes no live diagram uses any more (the intermediate results
 * of compiling a large ruleset) are freed; a node made again later is interned anew. The audit of
 * a ruleset of a thousand rules makes 30k–160k nodes and stays strong; large compilations go weak.
 *
 * <p>Not thread-safe, like its space.
 */
final class UniqueTable {

    /** Nodes held strongly before the table turns weak. */
    static final int STRONG_UP_TO = 1 << 18;

    /** An entry of a bucket's chain, once the table is weak: its node, weakly. */
    private static final class Slot {
        final int hash;
        Weak ref;
        Slot next;

        Slot(int hash, Slot next) {
            this.hash = hash;
            this.next = next;
        }

        /** The node, or null once the collector freed it. */
        Node node() {
            return ref.get();
        }
    }

    /** A weak hold on a slot's node, which the collector reports with its slot when it frees the node. */
    private static final class Weak extends WeakReference<Node> {
        final Slot slot;

        Weak(Node node, ReferenceQueue<Node> queue, Slot slot) {
            super(node, queue);
            this.slot = slot;
        }
    }

    private final ReferenceQueue<Node> freed = new ReferenceQueue<>();
    private final int strongUpTo;
    private boolean weak;
    /** While strong: the nodes by open addressing (null slots free), and each slot's node's hash. */
    private Node[] nodes = new Node[1 << 12];
    private int[] hashes = new int[1 << 12];
    /** While strong: 32 minus the bits of a slot index. */
    private int shift = 32 - 12;
    /** Once weak: the chains of entries by hash. */
    private Slot[] buckets;
    private int size;

    UniqueTable() {
        this(STRONG_UP_TO);
    }

    /** @param strongUpTo the number of nodes held strongly before the table turns weak */
    UniqueTable(int strongUpTo) {
        this.strongUpTo = strongUpTo;
    }

    /** Entries not yet known to be freed (freed nodes are counted out as the collector reports them). */
    int size() {
        expunge();
        return size;
    }

    /** Entries, freed ones included until they are next expunged: cheap, for budget checks. */
    int count() {
        return size;
    }

    /** Whether the table holds its nodes weakly. */
    boolean isWeak() {
        return weak;
    }

    /** The interned node equal to the candidate, or null. */
    Node find(int hash, int level, long[] startHi, long[] startLo, Node[] kids, int n) {
        if (!weak) {
            int mask = nodes.length - 1;
            for (int i = home(hash); ; i = (i + 1) & mask) {
                Node node = nodes[i];
                if (node == null) {
                    return null;
                }
                if (hashes[i] == hash && node.level == level && node.sameAs(startHi, startLo, kids, n)) {
                    return node;
                }
            }
        }
        for (Slot s = buckets[hash & (buckets.length - 1)]; s != null; s = s.next) {
            if (s.hash != hash) {
                continue;
            }
            Node node = s.node();
            if (node != null && node.level == level && node.sameAs(startHi, startLo, kids, n)) {
                return node;
            }
        }
        return null;
    }

    /** The first slot to look at for a hash (Fibonacci hashing: every bit of the hash counts). */
    private int home(int hash) {
        return (hash * 0x9E37_79B9) >>> shift;
    }

    /** Adds a node known not to be in the table. */
    void add(Node node) {
        if (weak) {
            expunge();
        } else if (size >= strongUpTo) {
            turnWeak();
        } else {
            if (2 * (size + 1) > nodes.length) {
                growStrong();
            }
            place(node);
            size++;
            return;
        }
        if (size >= buckets.length) {
            grow();
        }
        int i = node.hashCode() & (buckets.length - 1);
        Slot slot = new Slot(node.hashCode(), buckets[i]);
        slot.ref = new Weak(node, freed, slot);
        buckets[i] = slot;
        size++;
    }

    /** Puts a node into the first free slot from its home, while strong. */
    private void place(Node node) {
        int mask = nodes.length - 1;
        int i = home(node.hashCode());
        while (nodes[i] != null) {
            i = (i + 1) & mask;
        }
        nodes[i] = node;
        hashes[i] = node.hashCode();
    }

    /** Doubles the strong table (kept at most half full, so look-ups meet few other nodes). */
    private void growStrong() {
        Node[] old = nodes;
        nodes = new Node[old.length * 2];
        hashes = new int[old.length * 2];
        shift--;
        for (Node node : old) {
            if (node != null) {
                place(node);
            }
        }
    }

    /** Holds every node weakly from now on, in chains. */
    private void turnWeak() {
        weak = true;
        buckets = new Slot[Integer.highestOneBit(Math.max(size, 1)) * 2];
        int mask = buckets.length - 1;
        for (Node node : nodes) {
            if (node != null) {
                int i = node.hashCode() & mask;
                Slot slot = new Slot(node.hashCode(), buckets[i]);
                slot.ref = new Weak(node, freed, slot);
                buckets[i] = slot;
            }
        }
        nodes = null;
        hashes = null;
    }

    private void expunge() {
        for (Object ref; (ref = freed.poll()) != null; ) {
            Slot dead = ((Weak) ref).slot;
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
