package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.family;
import static io.fwcheck.engine.Sets.in;
import static io.fwcheck.engine.Sets.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import io.fwcheck.model.Flow;
import org.junit.jupiter.api.Test;

/** The Boolean-algebra laws of flow sets, and canonical equality. */
class FlowSetAlgebraTest {

    private final FlowSpace space = new FlowSpace();

    /** A mix of sets over every field, including the empty set and every flow. */
    private List<FlowSet> samples() {
        List<FlowSet> out = new ArrayList<>();
        out.add(space.none());
        out.add(space.all());
        out.add(space.of(tcp("10.0.1.0/24", "10.0.2.10", 5432)));
        out.add(space.of(tcp("10.0.1.128/25", "10.0.2.0/24", 5432)));
        out.add(space.of(Sets.match().protocol(Protocol.UDP).destinationPorts(IntRanges.range(1024, 65535)).build()));
        out.add(space.of(Sets.match().protocol(Protocol.ICMP).icmpType(8).build()));
        out.add(space.of(Sets.match().states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build()));
        out.add(space.of(family(IpFamily.IPV6)));
        out.add(space.of(Sets.match().sources(addresses("2001:db8::/32", "10.0.0.0/8")).build()));
        out.add(space.of(Sets.match().destinations(addresses("::", "255.255.255.255")).build()));
        out.add(space.of(in(false, "eth+")));
        out.add(space.of(in(true, "lo")));
        out.add(space.of(Sets.match().sourcePorts(IntRanges.of(53)).build()));
        out.add(space.sources(addresses("192.168.0.0-192.168.3.7")));
        return out;
    }

    @Test
    void complement_is_disjoint_from_the_set_and_together_they_are_everything() {
        for (FlowSet x : samples()) {
            assertThat(x.union(x.complement())).as("x ∪ ¬x for %s", x).isEqualTo(space.all());
            assertThat(x.intersect(x.complement()).isEmpty()).as("x ∩ ¬x for %s", x).isTrue();
            assertThat(x.complement().complement()).as("¬¬x for %s", x).isEqualTo(x);
        }
    }

    @Test
    void de_morgan_absorption_and_difference_laws_hold_for_every_pair() {
        List<FlowSet> sets = samples();
        for (FlowSet x : sets) {
            for (FlowSet y : sets) {
                assertThat(x.union(y).complement()).isEqualTo(x.complement().intersect(y.complement()));
                assertThat(x.intersect(y).complement()).isEqualTo(x.complement().union(y.complement()));
                assertThat(x.union(x.intersect(y))).isEqualTo(x);
                assertThat(x.intersect(x.union(y))).isEqualTo(x);
                assertThat(x.minus(y)).isEqualTo(x.intersect(y.complement()));
                assertThat(x.union(y)).isEqualTo(y.union(x));
                assertThat(x.intersect(y)).isEqualTo(y.intersect(x));
                assertThat(x.minus(y).intersects(y)).isFalse();
                assertThat(x.isSubsetOf(y)).isEqualTo(x.intersect(y).equals(x));
                assertThat(x.intersects(y)).isEqualTo(!x.intersect(y).isEmpty());
            }
        }
    }

    @Test
    void union_and_intersection_are_associative_and_distribute() {
        List<FlowSet> sets = samples();
        for (FlowSet x : sets) {
            for (FlowSet y : sets.subList(2, 8)) {
                for (FlowSet z : sets.subList(7, 12)) {
                    assertThat(x.union(y).union(z)).isEqualTo(x.union(y.union(z)));
                    assertThat(x.intersect(y).intersect(z)).isEqualTo(x.intersect(y.intersect(z)));
                    assertThat(x.intersect(y.union(z))).isEqualTo(x.intersect(y).union(x.intersect(z)));
                    assertThat(x.union(y.intersect(z))).isEqualTo(x.union(y).intersect(x.union(z)));
                }
            }
        }
    }

    @Test
    void empty_and_all_are_identities() {
        for (FlowSet x : samples()) {
            assertThat(x.union(space.none())).isEqualTo(x);
            assertThat(x.intersect(space.all())).isEqualTo(x);
            assertThat(x.union(space.all()).isAll()).isTrue();
            assertThat(x.intersect(space.none()).isEmpty()).isTrue();
            assertThat(x.union(x)).isEqualTo(x);
            assertThat(x.intersect(x)).isEqualTo(x);
        }
        assertThat(space.all().complement().isEmpty()).isTrue();
        assertThat(space.none().complement().isAll()).isTrue();
    }

    @Test
    void the_same_set_built_two_ways_is_equal_with_equal_hash() {
        FlowSet adjacentHalves = space.sources(addresses("10.0.0.0/24")).union(space.sources(addresses("10.0.1.0/24")));
        FlowSet block = space.sources(addresses("10.0.0.0/23"));
        assertThat(adjacentHalves).isEqualTo(block).hasSameHashCodeAs(block);

        FlowSet range = space.sources(addresses("10.0.0.0-10.0.1.255"));
        assertThat(range).isEqualTo(block);

        FlowSet ports = space.of(Sets.match().protocol(Protocol.TCP).destinationPorts(IntRanges.range(1, 100)).build())
                .union(space.of(Sets.match().protocol(Protocol.TCP).destinationPorts(IntRanges.range(101, 200)).build()));
        assertThat(ports).isEqualTo(space.of(Sets.match().protocol(Protocol.TCP).destinationPorts(IntRanges.range(1, 200)).build()));

        FlowSet everyState = space.states(EnumSet.of(ConnState.NEW)).union(space.states(EnumSet.of(ConnState.ESTABLISHED)))
                .union(space.states(EnumSet.of(ConnState.RELATED, ConnState.INVALID)));
        assertThat(everyState.isAll()).isTrue();

        FlowSet bothFamilies = space.of(family(IpFamily.IPV4)).union(space.of(family(IpFamily.IPV6)));
        assertThat(bothFamilies).isEqualTo(space.all());

        FlowSet orderA = space.of(tcp("10.0.1.0/24", "10.0.2.10", 5432)).union(space.of(in(false, "eth0")));
        FlowSet orderB = space.of(in(false, "eth0")).union(space.of(tcp("10.0.1.0/24", "10.0.2.10", 5432)));
        assertThat(orderA).isEqualTo(orderB);
    }

    @Test
    void a_match_and_its_conditions_intersected_one_by_one_are_the_same_set() {
        Match whole = tcp("10.0.1.0/24", "10.0.2.10", 5432);
        FlowSet pieces = space.sources(addresses("10.0.1.0/24"))
                .intersect(space.destinations(addresses("10.0.2.10")))
                .intersect(space.of(Sets.match().protocol(Protocol.TCP).build()))
                .intersect(space.of(Sets.match().destinationPorts(IntRanges.of(5432)).build()));
        assertThat(space.of(whole)).isEqualTo(pieces);
    }

    @Test
    void sets_of_different_spaces_cannot_be_combined() {
        FlowSet other = new FlowSpace().all();
        assertThatThrownBy(() -> space.all().union(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(space.all()).isNotEqualTo(other);
    }

    /**
     * Wide diagrams (dozens of address and port intervals per node, where merges and walks jump
     * over runs of intervals one side alone decides): every operation agrees flow by flow with
     * the matches it was built from, on hosts inside, at and beside each range's edges.
     */
    @Test
    void wide_sets_agree_with_their_matches_on_every_probed_flow() {
        SplittableRandom random = new SplittableRandom(20261124);
        for (int round = 0; round < 20; round++) {
            List<Flow> probes = new ArrayList<>();
            List<Match> left = wideMatches(random, probes);
            List<Match> right = wideMatches(random, probes);
            for (int i = 0; i < 200; i++) {
                probes.add(Sets.tcpFlow("10.1." + random.nextInt(8) + "." + random.nextInt(256),
                        "10.2." + random.nextInt(4) + "." + random.nextInt(256), 100 + random.nextInt(500)));
            }
            FlowSet x = unionOf(left);
            FlowSet y = unionOf(right);
            Predicate<Flow> inX = f -> left.stream().anyMatch(m -> m.matchesModelled(f));
            Predicate<Flow> inY = f -> right.stream().anyMatch(m -> m.matchesModelled(f));
            FlowSet and = x.intersect(y);
            FlowSet or = x.union(y);
            FlowSet minus = x.minus(y);
            boolean subset = true;
            boolean meets = false;
            for (Flow f : probes) {
                boolean a = inX.test(f);
                boolean b = inY.test(f);
                assertThat(x.contains(f)).as("x holds %s", f).isEqualTo(a);
                assertThat(and.contains(f)).as("x ∩ y holds %s", f).isEqualTo(a && b);
                assertThat(or.contains(f)).as("x ∪ y holds %s", f).isEqualTo(a || b);
                assertThat(minus.contains(f)).as("x − y holds %s", f).isEqualTo(a && !b);
                subset &= !a || b;
                meets |= a && b;
            }
            assertThat(x.isSubsetOf(y)).isEqualTo(minus.isEmpty());
            assertThat(x.intersects(y)).isEqualTo(!and.isEmpty());
            assertThat(and.isSubsetOf(x) && and.isSubsetOf(y) && x.isSubsetOf(or) && minus.isSubsetOf(x)).isTrue();
            if (!subset) {
                assertThat(x.isSubsetOf(y)).isFalse();
            }
            if (meets) {
                assertThat(x.intersects(y)).isTrue();
            }
            assertThat(and.isSubsetOf(y.complement())).isEqualTo(and.isEmpty());
            assertThat(or.isSubsetOf(x)).isEqualTo(y.minus(x).isEmpty());
            assertThat(x.isSubsetOf(minus)).isEqualTo(and.isEmpty());
            for (Match m : right) {
                FlowSet one = space.of(m);
                assertThat(one.isSubsetOf(x)).as("%s ⊆ x", m).isEqualTo(one.minus(x).isEmpty());
                assertThat(x.isSubsetOf(x.minus(one))).as("x ⊆ x − %s", m).isEqualTo(!x.intersects(one));
            }
        }
    }

    /** Matches of many hosts and small blocks toward a few ports, so their union is wide. */
    private static List<Match> wideMatches(SplittableRandom random, List<Flow> probes) {
        List<Match> out = new ArrayList<>();
        int n = 20 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            boolean anySource = random.nextInt(3) == 0;
            String net = "10.1." + random.nextInt(8) + ".";
            String source = anySource ? "0.0.0.0/0" : net + "0/" + (24 + random.nextInt(9));
            int third = random.nextInt(4);
            int bits = random.nextBoolean() ? 32 : 28 + random.nextInt(5);
            int size = 1 << (32 - bits);
            int first = random.nextInt(256) / size * size;
            String destination = "10.2." + third + "." + first + "/" + bits;
            int port = 100 * (1 + random.nextInt(5));
            int last = port + random.nextInt(50);
            out.add(Match.builder().sources(addresses(source)).destinations(addresses(destination))
                    .protocol(Protocol.TCP).destinationPorts(IntRanges.range(port, last)).build());
            for (int host : new int[] {first - 1, first, first + size - 1, first + size}) {
                for (int p : new int[] {port - 1, port, last, last + 1}) {
                    if (host >= 0 && host <= 255) {
                        probes.add(Sets.tcpFlow(net + random.nextInt(256), "10.2." + third + "." + host, p));
                    }
                }
            }
        }
        return out;
    }

    private FlowSet unionOf(List<Match> matches) {
        FlowSet out = space.none();
        for (Match m : matches) {
            out = out.union(space.of(m));
        }
        return out;
    }
}
