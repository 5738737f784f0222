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
 * and its look-ups an indirection). Once the table holds {@link #STRONG_UP_TO} nodes, it holds
 * every node weakly from then on, so nodes no live diagram uses any more (the intermediate results
 * of compiling a large ruleset) are freed; a node made again later is interned anew. The audit of
 * a ruleset of a thousand rules makes 30k–160k nodes and stays strong; large compilations go weak.
 *
 * <p>Not thread-safe, like its space.
 */
final class UniqueTable {

    /** Nodes held strongly before the table turns weak. */
    static final int STRONG_UP_TO = 1 << 18;

    /** An entry of a bucket's chain: its node, strongly (a {@link Node}) or weakly (a {@link Weak}). */
    private static final class Slot {
        final int hash;
        Object ref;
        Slot next;

        Slot(int hash, Object ref, Slot next) {
            this.hash = hash;
            this.ref = ref;
            this.next = next;
        }

        /** The node, or null once the collector freed it. */
        Node node() {
            Object r = ref;
            return r instanceof Node node ? node : ((Weak) r).get();
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
    private Slot[] buckets = new Slot[1 << 12];
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

    /** Adds a node known not to be in the table. */
    void add(Node node) {
        if (weak) {
            expunge();
        } else if (size >= strongUpTo) {
            turnWeak();
        }
        if (size >= buckets.length) {
            grow();
        }
        int i = node.hashCode() & (buckets.length - 1);
        Slot slot = new Slot(node.hashCode(), node, buckets[i]);
        if (weak) {
            slot.ref = new Weak(node, freed, slot);
        }
        buckets[i] = slot;
        size++;
    }

    /** Holds every node weakly from now on. */
    private void turnWeak() {
        weak = true;
        for (Slot head : buckets) {
            for (Slot s = head; s != null; s = s.next) {
                s.ref = new Weak((Node) s.ref, freed, s);
            }
        }
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
