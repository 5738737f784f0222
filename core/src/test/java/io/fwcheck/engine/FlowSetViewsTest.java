package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.in;
import static io.fwcheck.engine.Sets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How sets read: box text, box counts and the witness a user is shown. */
class FlowSetViewsTest {

    private final FlowSpace space = new FlowSpace();

    private String onlyBox(FlowSet set) {
        assertThat(set.boxCount()).as("box count of %s", set).isEqualTo(1);
        return set.boxes(10).get(0).toString();
    }

    @Test
    void a_postgres_rule_reads_as_written() {
        assertThat(onlyBox(space.of(tcp("10.0.1.128/25", "10.0.2.10", 5432))))
                .isEqualTo("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432");
    }

    @Test
    void boxes_show_ranges_ports_icmp_types_states_and_interfaces() {
        assertThat(onlyBox(space.of(Match.builder().sources(addresses("10.0.0.5-10.0.0.9")).protocol(Protocol.UDP)
                .destinationPorts(IntRanges.range(1024, 65535)).build())))
                .isEqualTo("udp 10.0.0.5-10.0.0.9 -> any dport 1024-65535");
        assertThat(onlyBox(space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocol(Protocol.ICMP).icmpType(8).build())))
                .isEqualTo("ipv4 icmp any -> any type 8");
        assertThat(onlyBox(space.of(Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.TCP)
                .states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build())))
                .isEqualTo("ipv6 tcp any -> any state established,related");
        assertThat(onlyBox(space.of(Match.builder().destinations(addresses("2001:db8::/32")).protocol(Protocol.TCP)
                .destinationPorts(IntRanges.of(22)).inInterface(in(false, "eth+").inInterface().orElseThrow()).build())))
                .isEqualTo("tcp any -> 2001:db8::/32 dport 22 in eth+");
    }

    @Test
    void a_single_excluded_interface_reads_as_a_negation() {
        FlowSet notLo = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocol(Protocol.TCP)
                .destinationPorts(IntRanges.of(22)).inInterface(in(true, "lo").inInterface().orElseThrow()).build());
        assertThat(onlyBox(notLo)).isEqualTo("ipv4 tcp any -> any dport 22 in !lo");
    }

    @Test
    void protocols_without_a_name_read_as_numbers_after_one_proto_per_run() {
        FlowSet gre = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocol(253).build());
        assertThat(onlyBox(gre)).isEqualTo("ipv4 proto 253 any -> any");
        // every protocol but the named ones with ports and ICMP: what a broad accept leaves of "any"
        IntRanges others = IntRanges.of(1).union(IntRanges.of(6)).union(IntRanges.of(17)).union(IntRanges.of(33))
                .union(IntRanges.of(132)).union(IntRanges.of(136)).complement(255);
        assertThat(onlyBox(space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocols(others).build())))
                .isEqualTo("ipv4 proto 0,2-5,7-16,18-32,34-131,133-135,137-255 any -> any");
        IntRanges mixed = IntRanges.range(3, 4).union(IntRanges.of(47)).union(IntRanges.of(50))
                .union(IntRanges.of(60)).union(IntRanges.range(62, 63));
        assertThat(onlyBox(space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocols(mixed).build())))
                .isEqualTo("ipv4 proto 3-4,gre,esp,proto 60,62-63 any -> any");
    }

    @Test
    void box_count_is_the_number_of_boxes_listed_on_random_sets() {
        for (long seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            FlowSet set = space.none();
            int steps = 5 + random.nextInt(60);
            for (int k = 0; k < steps; k++) {
                // few distinct addresses and ports, so that equal sub-diagrams recur under
                // intervals that are not neighbours, and some nodes get many intervals
                String source = random.nextInt(4) == 0 ? "10.0.0.0/24" : "10.0.0." + random.nextInt(40);
                String destination = "10.0.2." + random.nextInt(30);
                FlowSet box = space.of(tcp(source, destination, 20 + random.nextInt(6)));
                set = random.nextInt(5) == 0 ? set.minus(box) : set.union(box);
            }
            long count = set.boxCount();
            assertThat(set.boxes(Integer.MAX_VALUE)).as("seed %d", seed).hasSize((int) count);
        }
    }

    @Test
    void box_count_counts_every_box_and_the_list_is_capped() {
        FlowSet three = space.of(tcp("10.0.0.1", "10.0.2.10", 22))
                .union(space.of(tcp("10.0.0.2", "10.0.2.10", 80)))
                .union(space.of(tcp("10.0.0.3", "10.0.2.10", 443)));
        assertThat(three.boxCount()).isEqualTo(3);
        assertThat(three.boxes(2)).hasSize(2);
        assertThat(three.boxes(10)).extracting(FlowBox::toString).containsExactly(
                "tcp 10.0.0.1 -> 10.0.2.10 dport 22",
                "tcp 10.0.0.2 -> 10.0.2.10 dport 80",
                "tcp 10.0.0.3 -> 10.0.2.10 dport 443");
        assertThat(three.toString()).isEqualTo(
                "tcp 10.0.0.1 -> 10.0.2.10 dport 22; tcp 10.0.0.2 -> 10.0.2.10 dport 80; tcp 10.0.0.3 -> 10.0.2.10 dport 443");
        assertThat(space.none().boxCount()).isZero();
        assertThat(space.none().boxes(5)).isEmpty();
        assertThat(space.none()).hasToString("no flow");
        assertThat(space.all()).hasToString("every flow");
    }

    @Test
    void witness_prefers_ipv4_tcp_the_first_address_and_an_ephemeral_source_port() {
        FlowSet set = space.of(Match.builder().sources(addresses("10.0.1.0/24", "2001:db8::/32"))
                .destinations(addresses("10.0.2.10-10.0.2.20", "2001:db8::10")).build());
        Flow w = set.witness().orElseThrow();
        assertThat(w.family()).isEqualTo(IpFamily.IPV4);
        assertThat(w.protocol()).isEqualTo(Protocol.TCP);
        assertThat(w.source()).hasToString("10.0.1.0");
        assertThat(w.destination()).hasToString("10.0.2.10");
        assertThat(w.sourcePort()).isEqualTo(Flow.EPHEMERAL_PORT);
        assertThat(w.destinationPort()).isEqualTo(1);
        assertThat(w.state()).isEqualTo(ConnState.NEW);
        assertThat(w.inInterface()).isEmpty();
        assertThat(w.outInterface()).isEmpty();
    }

    @Test
    void witness_falls_back_in_the_documented_order() {
        FlowSet udpOrIcmp = space.of(Match.builder().protocols(IntRanges.of(Protocol.UDP).union(IntRanges.of(Protocol.ICMP))).build());
        assertThat(udpOrIcmp.witness().orElseThrow().protocol()).isEqualTo(Protocol.UDP);

        Flow icmp = space.of(Match.builder().protocol(Protocol.ICMP).build()).witness().orElseThrow();
        assertThat(icmp.icmpType()).as("echo request").isEqualTo(8);

        Flow v6 = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6)
                .icmp(IntRanges.range(128 << 8, 129 << 8 | 0xFF)).build()).witness().orElseThrow();
        assertThat(v6.icmpType()).as("echo request (ICMPv6)").isEqualTo(128);
        assertThat(v6.source()).hasToString("::");

        Flow lowPorts = space.of(Match.builder().protocol(Protocol.TCP).sourcePorts(IntRanges.range(1, 1023)).build())
                .witness().orElseThrow();
        assertThat(lowPorts.sourcePort()).as("no ephemeral port available: the first one").isEqualTo(1);

        Flow established = space.states(EnumSet.of(ConnState.ESTABLISHED, ConnState.INVALID)).witness().orElseThrow();
        assertThat(established.state()).isEqualTo(ConnState.ESTABLISHED);

        Flow onEth = space.of(in(false, "eth+")).witness().orElseThrow();
        assertThat(onEth.inInterface()).isEqualTo("eth0");

        Flow highPort = space.of(Match.builder().protocol(Protocol.TCP).sourcePorts(IntRanges.range(50000, 60000)).build())
                .witness().orElseThrow();
        assertThat(highPort.sourcePort()).isEqualTo(50000);
    }

    @Test
    void witness_of_the_empty_set_is_empty_and_of_a_set_is_in_it() {
        assertThat(space.none().witness()).isEmpty();
        for (FlowSet s : List.of(space.all(), space.of(tcp("10.0.1.128/25", "10.0.2.10", 5432)), space.of(in(true, "eth0")),
                space.sources(addresses("255.255.255.255")), space.destinations(addresses("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")))) {
            assertThat(s.contains(s.witness().orElseThrow())).as("witness of %s", s).isTrue();
        }
    }
}
