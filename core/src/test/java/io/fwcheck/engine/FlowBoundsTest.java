package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.tcp;
import static io.fwcheck.engine.Sets.tcpFlow;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounds of sets of flows: sound (apart means disjoint), least for boxes, and joined for unions. */
class FlowBoundsTest {

    private final FlowSpace space = new FlowSpace();

    private FlowBounds bounds(FlowSet set) {
        return FlowBounds.of(set);
    }

    private FlowBounds point(Flow flow) {
        return bounds(space.of(flow));
    }

    @Test
    void the_empty_set_meets_nothing_and_every_flow_meets_every_flow() {
        assertThat(bounds(space.none()).isEmpty()).isTrue();
        assertThat(bounds(space.none()).meets(bounds(space.all()))).isFalse();
        assertThat(bounds(space.all()).meets(bounds(space.none()))).isFalse();
        assertThat(bounds(space.all()).meets(bounds(space.all()))).isTrue();
        assertThat(bounds(space.all()).meets(point(tcpFlow("10.0.0.1", "10.0.0.2", 22)))).isTrue();
        assertThat(bounds(space.none()).union(bounds(space.all()))).isEqualTo(bounds(space.all()));
    }

    @Test
    void a_difference_narrows_the_bounds_to_what_is_left() {
        FlowSet lower = space.of(tcp("10.0.0.0/24", "192.0.2.1", 443)).minus(space.of(tcp("10.0.0.128/25", "192.0.2.1", 443)));
        assertThat(bounds(lower).meets(point(tcpFlow("10.0.0.127", "192.0.2.1", 443)))).isTrue();
        assertThat(bounds(lower).meets(point(tcpFlow("10.0.0.128", "192.0.2.1", 443)))).isFalse();
        assertThat(bounds(lower).meets(point(tcpFlow("10.0.0.0", "192.0.2.1", 444)))).isFalse();
        // a field the set does not constrain is bounded by its whole range
        FlowSet anyPort = space.of(Match.builder().sources(addresses("10.0.0.0/8")).build());
        assertThat(bounds(anyPort).meets(point(tcpFlow("10.200.0.1", "2.2.2.2", 65535)))).isTrue();
        assertThat(bounds(anyPort).meets(point(tcpFlow("11.0.0.0", "2.2.2.2", 65535)))).isFalse();
        FlowSet v6 = space.of(Match.builder().sources(addresses("2001:db8::/32")).build());
        assertThat(bounds(v6).meets(bounds(anyPort))).isFalse();
        assertThat(bounds(v6).union(bounds(anyPort)).meets(point(tcpFlow("10.0.0.1", "2.2.2.2", 1)))).isTrue();
    }

    @Test
    void bounds_of_boxes_meet_exactly_when_the_boxes_do_in_either_address_order() {
        for (boolean destinationFirst : new boolean[] {false, true}) {
            FlowSpace ordered = FlowSpace.ordered(destinationFirst);
            SplittableRandom random = new SplittableRandom(20261125);
            for (int round = 0; round < 2000; round++) {
                FlowSet a = ordered.of(box(random));
                FlowSet b = ordered.of(box(random));
                assertThat(bounds(a).meets(bounds(b))).as("%s and %s", a, b).isEqualTo(a.intersects(b));
            }
        }
    }

    @Test
    void bounds_of_ipv6_and_interface_boxes_meet_exactly_when_the_boxes_do() {
        // IPv6 ranges whose ends differ in the high 64 bits, and interface names or prefixes: the
        // fields whose values need all 128 bits
        SplittableRandom random = new SplittableRandom(128);
        String[] interfaces = {"eth0", "eth1", "eth+", "wg0", "wg+", "lo"};
        for (int round = 0; round < 2000; round++) {
            Match.Builder[] boxes = {Match.builder(), Match.builder()};
            for (Match.Builder b : boxes) {
                long base = 0x2001_0db8_0000_0000L;
                long hiA = base + random.nextInt(8);
                long hiB = base + random.nextInt(8);
                long loA = random.nextInt(4) == 0 ? 0 : random.nextLong();
                long loB = random.nextInt(4) == 0 ? -1L : random.nextLong();
                boolean ordered = hiA < hiB || hiA == hiB && Long.compareUnsigned(loA, loB) <= 0;
                Address from = ordered ? Address.ipv6(hiA, loA) : Address.ipv6(hiB, loB);
                Address to = ordered ? Address.ipv6(hiB, loB) : Address.ipv6(hiA, loA);
                b.sources(AddressSet.of(List.of(new AddressRange(from, to))));
                if (random.nextBoolean()) {
                    b.inInterface(InterfaceMatch.of(interfaces[random.nextInt(interfaces.length)]));
                }
            }
            FlowSet a = space.of(boxes[0].build());
            FlowSet b = space.of(boxes[1].build());
            assertThat(bounds(a).meets(bounds(b))).as("%s and %s", a, b).isEqualTo(a.intersects(b));
        }
    }

    @Test
    void apart_bounds_mean_disjoint_sets_and_every_flow_of_a_set_is_within_its_bounds() {
        SplittableRandom random = new SplittableRandom(7);
        int apart = 0;
        for (int round = 0; round < 300; round++) {
            FlowSet x = randomSet(random);
            FlowSet y = randomSet(random);
            FlowBounds bx = bounds(x);
            FlowBounds by = bounds(y);
            if (!bx.meets(by)) {
                apart++;
                assertThat(x.intersects(y)).as("%s and %s have apart bounds", x, y).isFalse();
            }
            if (x.intersects(y)) {
                assertThat(bx.meets(by)).isTrue();
            }
            assertThat(bounds(x.union(y))).as("bounds of a union").isEqualTo(bx.union(by));
            for (Flow f : probes(random)) {
                if (x.contains(f)) {
                    assertThat(bx.meets(point(f))).as("%s holds %s", x, f).isTrue();
                }
            }
            x.witness().ifPresent(w -> assertThat(bx.meets(point(w))).isTrue());
        }
        assertThat(apart).as("pairs with apart bounds").isGreaterThan(30);
    }

    /** One box: a range per field, its edges often at the ends of the fields' ranges. */
    private static Match box(SplittableRandom random) {
        long[] s = range(random, 0x0A00_0000L, 12);
        long[] d = range(random, 0xC000_0200L, 8);
        long[] p = range(random, 0, 16);
        return Match.builder()
                .sources(AddressSet.of(List.of(new AddressRange(Address.ipv4(s[0]), Address.ipv4(s[1])))))
                .destinations(AddressSet.of(List.of(new AddressRange(Address.ipv4(d[0]), Address.ipv4(d[1])))))
                .protocol(random.nextBoolean() ? Protocol.TCP : Protocol.UDP)
                .destinationPorts(IntRanges.range((int) p[0], (int) p[1]))
                .build();
    }

    /** A range from {@code base} up to {@code base + 2^bits}, sometimes the whole field (ports when the base is 0). */
    private static long[] range(SplittableRandom random, long base, int bits) {
        if (random.nextInt(8) == 0) {
            return new long[] {0, base == 0 ? 65535 : 0xFFFF_FFFFL};
        }
        long a = base + random.nextLong(1L << bits);
        long b = base + random.nextLong(1L << bits);
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    /** Boxes joined and taken away from each other. */
    private FlowSet randomSet(SplittableRandom random) {
        FlowSet out = space.none();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            out = random.nextInt(3) == 0 ? out.minus(space.of(box(random))) : out.union(space.of(box(random)));
        }
        return out;
    }

    private static List<Flow> probes(SplittableRandom random) {
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long s = 0x0A00_0000L + random.nextLong(1L << 12);
            long d = 0xC000_0200L + random.nextLong(1L << 8);
            int port = random.nextInt(10) == 0 ? (random.nextBoolean() ? 0 : 65535) : random.nextInt(65536);
            out.add(Sets.flow(Address.ipv4(s).toString(), Address.ipv4(d).toString(),
                    random.nextBoolean() ? Protocol.TCP : Protocol.UDP, Flow.EPHEMERAL_PORT, port));
        }
        return out;
    }
}
