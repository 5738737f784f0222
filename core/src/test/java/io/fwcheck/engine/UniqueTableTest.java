package io.fwcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueTableTest {

    private final Node zero = Node.terminal(0, 0);
    private final Node one = Node.terminal(1, 1);

    /** The node {0 → zero, start → one} of level 2, the candidate arrays given back for look-ups. */
    private static final class Candidate {
        final long[] hs;
        final long[] ls;
        final Node[] ks;
        final int hash;

        Candidate(long start, Node below, Node above) {
            hs = new long[] {0, 0};
            ls = new long[] {0, start};
            ks = new Node[] {below, above};
            hash = Node.hashOf(2, hs, ls, ks, 2);
        }

        Node make(int id) {
            return Node.inner(2, hs, ls, ks, 2, hash, id);
        }

        Node findIn(UniqueTable table) {
            return table.find(hash, 2, hs, ls, ks, 2);
        }
    }

    /** Adds the nodes whose second interval starts at {@code from + 1} to {@code from + count}. */
    private List<Node> fill(UniqueTable table, int from, int count) {
        List<Node> nodes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Node node = new Candidate(i + 1, zero, one).make(i + 2);
            assertThat(new Candidate(i + 1, zero, one).findIn(table)).isNull();
            table.add(node);
            nodes.add(node);
        }
        return nodes;
    }

    @Test
    void aSmallTableHoldsItsNodesStronglyAndFindsEachOne() {
        UniqueTable table = new UniqueTable(1000);
        List<Node> nodes = fill(table, 0, 300);

        assertThat(table.isWeak()).isFalse();
        assertThat(table.size()).isEqualTo(300);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(new Candidate(i + 1, zero, one).findIn(table)).isSameAs(nodes.get(i));
        }
        assertThat(new Candidate(5, one, zero).findIn(table)).isNull();
        assertThat(new Candidate(301, zero, one).findIn(table)).isNull();
    }

    @Test
    void aStrongTableThatGrowsManyTimesStillFindsEachNodeAndNoOther() {
        UniqueTable table = new UniqueTable(1 << 20);
        List<Node> nodes = fill(table, 0, 50_000);

        assertThat(table.isWeak()).isFalse();
        assertThat(table.size()).isEqualTo(50_000);
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(new Candidate(i + 1, zero, one).findIn(table)).isSameAs(nodes.get(i));
            // same intervals, other kids: a different node, never made
            assertThat(new Candidate(i + 1, one, zero).findIn(table)).isNull();
        }
        assertThat(new Candidate(50_001, zero, one).findIn(table)).isNull();
    }

    @Test
    void aTableTurnsWeakPastItsLimitAndStillFindsEveryNodeInUse() {
        UniqueTable table = new UniqueTable(100);
        List<Node> nodes = fill(table, 0, 100);
        assertThat(table.isWeak()).isFalse();

        List<Node> later = fill(table, 100, 5000);
        assertThat(table.isWeak()).isTrue();
        assertThat(new Candidate(5100, zero, one).findIn(table)).isSameAs(later.get(4999));
        // the first 100 (held strongly before, weakly now) are still referenced here: all found
        for (int i = 0; i < 100; i++) {
            assertThat(new Candidate(i + 1, zero, one).findIn(table)).isSameAs(nodes.get(i));
        }
    }

    @Test
    void aWeakTableLetsTheCollectorFreeNodesNoLongerInUse() throws InterruptedException {
        UniqueTable table = new UniqueTable(10);
        List<Node> kept = fill(table, 0, 10);
        fill(table, 10, 20_000);
        assertThat(table.isWeak()).isTrue();

        int size = table.size();
        for (int attempt = 0; attempt < 20 && size > 1_000; attempt++) {
            System.gc();
            Thread.sleep(50);
            size = table.size();
        }
        assertThat(size).as("entries left after collections").isLessThan(1_000).isGreaterThanOrEqualTo(10);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(new Candidate(i + 1, zero, one).findIn(table)).isSameAs(kept.get(i));
        }
    }
}
