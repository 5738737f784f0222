package io.fwcheck.engine;

import static io.fwcheck.engine.Sets.addresses;
import static io.fwcheck.engine.Sets.family;
import static io.fwcheck.engine.Sets.flow;
import static io.fwcheck.engine.Sets.in;
import static io.fwcheck.engine.Sets.tcpFlow;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Boundaries of the packet space: families, 128-bit extremes, canonical fields, interface names. */
class FlowSetEdgesTest {

    private final FlowSpace space = new FlowSpace();

    @Test
    void ipv4_and_ipv6_sets_never_mix_even_for_the_same_numbers() {
        FlowSet v4zero = space.sources(addresses("0.0.0.0"));
        FlowSet v6zero = space.sources(addresses("::"));
        assertThat(v4zero.intersects(v6zero)).isFalse();
        assertThat(v4zero.contains(tcpFlow("0.0.0.0", "10.0.0.1", 80))).isTrue();
        assertThat(v6zero.contains(tcpFlow("::", "2001:db8::1", 80))).isTrue();
        assertThat(v6zero.contains(tcpFlow("0.0.0.0", "10.0.0.1", 80))).isFalse();

        FlowSet v4 = space.of(family(IpFamily.IPV4));
        FlowSet v6 = space.of(family(IpFamily.IPV6));
        assertThat(v4.intersects(v6)).isFalse();
        assertThat(space.sources(addresses("10.0.0.0/8")).intersects(v6)).isFalse();
        assertThat(space.sources(addresses("::/0")).isSubsetOf(v6)).isTrue();
        assertThat(space.sources(addresses("0.0.0.0/0"))).isEqualTo(v4);
    }

    @Test
    void a_rule_for_one_family_with_addresses_of_the_other_matches_nothing() {
        Match v6RuleWithV4Source = Match.builder().families(EnumSet.of(IpFamily.IPV6)).sources(addresses("10.0.0.0/8")).build();
        assertThat(space.of(v6RuleWithV4Source).isEmpty()).isTrue();
        Match mixedSource = Match.builder().sources(addresses("10.0.0.0/8", "2001:db8::/32")).build();
        assertThat(space.of(mixedSource).contains(tcpFlow("10.1.2.3", "192.0.2.1", 1))).isTrue();
        assertThat(space.of(mixedSource).contains(tcpFlow("2001:db8::5", "::1", 1))).isTrue();
        assertThat(space.of(mixedSource).contains(tcpFlow("2001:db9::5", "::1", 1))).isFalse();
    }

    @Test
    void extreme_addresses_of_both_families_are_members_of_their_own_singletons_only() {
        String[] extremes = {"0.0.0.0", "255.255.255.255", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
        for (String a : extremes) {
            FlowSet single = space.destinations(addresses(a));
            Address address = Address.parse(a);
            String other = address.family() == IpFamily.IPV4 ? "10.0.0.1" : "2001:db8::1";
            assertThat(single.contains(tcpFlow(other, a, 80))).as(a).isTrue();
            address.next().ifPresent(n -> assertThat(single.contains(tcpFlow(other, n.toString(), 80))).as("after %s", a).isFalse());
            address.previous().ifPresent(p -> assertThat(single.contains(tcpFlow(other, p.toString(), 80))).as("before %s", a).isFalse());
            assertThat(single.complement().contains(tcpFlow(other, a, 80))).isFalse();
            assertThat(single.witness()).hasValueSatisfying(w -> assertThat(w.destination()).isEqualTo(address));
        }
    }

    @Test
    void ranges_across_the_64_bit_boundary_keep_their_exact_ends() {
        FlowSet across = space.sources(addresses("::ffff:ffff:ffff:ffff-::1:0:0:0:0"));
        assertThat(across.contains(tcpFlow("::ffff:ffff:ffff:ffff", "::1", 1))).isTrue();
        assertThat(across.contains(tcpFlow("::1:0:0:0:0", "::1", 1))).isTrue();
        assertThat(across.contains(tcpFlow("::ffff:ffff:ffff:fffe", "::1", 1))).isFalse();
        assertThat(across.contains(tcpFlow("::1:0:0:0:1", "::1", 1))).isFalse();
        FlowSet tcp = across.intersect(space.of(Match.builder().protocol(Protocol.TCP).build()));
        assertThat(tcp.boxCount()).isEqualTo(1);
        assertThat(tcp.boxes(1).get(0).sources()).isEqualTo(addresses("::ffff:ffff:ffff:ffff-::1:0:0:0:0"));
    }

    @Test
    void top_half_and_bottom_half_of_ipv6_make_all_of_ipv6() {
        FlowSet low = space.sources(addresses("::/1"));
        FlowSet high = space.sources(addresses("8000::/1"));
        assertThat(low.union(high)).isEqualTo(space.of(family(IpFamily.IPV6)));
        assertThat(low.intersects(high)).isFalse();
    }

    @Test
    void the_universe_holds_only_canonical_flows() {
        FlowSet icmpWithPort = space.of(Match.builder().protocol(Protocol.ICMP).destinationPorts(IntRanges.of(80)).build());
        assertThat(icmpWithPort.isEmpty()).as("ICMP has no ports").isTrue();
        FlowSet tcpWithIcmpType = space.of(Match.builder().protocol(Protocol.TCP).icmpType(8).build());
        assertThat(tcpWithIcmpType.isEmpty()).as("TCP has no ICMP type").isTrue();
        FlowSet portsOfAnyProtocol = space.of(Match.builder().destinationPorts(IntRanges.of(53)).build());
        assertThat(portsOfAnyProtocol.contains(flow("10.0.0.1", "10.0.0.2", Protocol.UDP, 5353, 53))).isTrue();
        assertThat(portsOfAnyProtocol.contains(flow("10.0.0.1", "10.0.0.2", Protocol.SCTP, 5353, 53))).isTrue();
        assertThat(portsOfAnyProtocol.contains(flow("10.0.0.1", "10.0.0.2", Protocol.GRE, 0, 0))).isFalse();
        assertThat(space.all().contains(flow("10.0.0.1", "10.0.0.2", Protocol.GRE, 0, 0))).isTrue();
    }

    @Test
    void port_and_protocol_extremes_are_exact() {
        FlowSet zero = space.of(Match.builder().protocol(Protocol.TCP).destinationPorts(IntRanges.of(0)).build());
        FlowSet top = space.of(Match.builder().protocol(Protocol.TCP).destinationPorts(IntRanges.of(65535)).build());
        assertThat(zero.contains(flow("10.0.0.1", "10.0.0.2", Protocol.TCP, 1, 0))).isTrue();
        assertThat(zero.contains(flow("10.0.0.1", "10.0.0.2", Protocol.TCP, 1, 1))).isFalse();
        assertThat(top.contains(flow("10.0.0.1", "10.0.0.2", Protocol.TCP, 1, 65535))).isTrue();
        assertThat(top.contains(flow("10.0.0.1", "10.0.0.2", Protocol.TCP, 1, 65534))).isFalse();
        FlowSet proto255 = space.of(Match.builder().protocol(255).build());
        assertThat(proto255.contains(flow("10.0.0.1", "10.0.0.2", 255, 0, 0))).isTrue();
        assertThat(proto255.contains(flow("10.0.0.1", "10.0.0.2", 254, 0, 0))).isFalse();
    }

    @Test
    void interface_wildcards_match_every_name_with_the_prefix() {
        FlowSet eth = space.of(in(false, "eth+"));
        assertThat(eth.contains(onIn("eth0"))).isTrue();
        assertThat(eth.contains(onIn("eth"))).isTrue();
        assertThat(eth.contains(onIn("eth10"))).isTrue();
        assertThat(eth.contains(onIn("eth\u00ff\u00ff"))).isTrue();
        assertThat(eth.contains(onIn("et"))).isFalse();
        assertThat(eth.contains(onIn("eti"))).isFalse();
        assertThat(eth.contains(onIn(""))).isFalse();
        assertThat(eth.contains(onIn("veth0"))).isFalse();

        FlowSet any = space.of(in(false, "+"));
        assertThat(any.isAll()).as("'+' matches every name, and no interface too").isTrue();

        FlowSet notEth = space.of(in(true, "eth+"));
        assertThat(notEth).isEqualTo(eth.complement());
        assertThat(notEth.contains(onIn(""))).isTrue();
        assertThat(notEth.contains(onIn("lo"))).isTrue();
    }

    @Test
    void interface_names_of_full_length_and_their_neighbours_are_exact() {
        String longest = "abcdefghijklmnop";
        FlowSet one = space.of(in(false, longest));
        assertThat(one.contains(onIn(longest))).isTrue();
        assertThat(one.contains(onIn("abcdefghijklmno"))).isFalse();
        assertThat(one.contains(onIn("abcdefghijklmnoq"))).isFalse();
        FlowSet prefix = space.of(in(false, longest + "+"));
        assertThat(prefix).isEqualTo(one);
    }

    @Test
    void exact_names_are_not_prefixes() {
        FlowSet eth0 = space.of(in(false, "eth0"));
        assertThat(eth0.contains(onIn("eth0"))).isTrue();
        assertThat(eth0.contains(onIn("eth00"))).isFalse();
        assertThat(eth0.contains(onIn("eth"))).isFalse();
        FlowSet both = space.of(in(false, "eth0", "eth1"));
        assertThat(both).isEqualTo(eth0.union(space.of(in(false, "eth1"))));
    }

    @Test
    void a_single_flow_set_holds_that_flow_only() {
        Flow f = new Flow(IpFamily.IPV6, Address.parse("2001:db8::1"), Address.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                Protocol.ICMPV6, 0, 0, 128, 0, ConnState.RELATED, "eth0", "");
        FlowSet single = space.of(f);
        assertThat(single.contains(f)).isTrue();
        assertThat(single.boxCount()).isEqualTo(1);
        assertThat(single.witness()).contains(f);
        assertThat(single.contains(f.withState(ConnState.NEW))).isFalse();
        assertThat(single.contains(f.withInterfaces("eth0", "lo"))).isFalse();
    }

    private static Flow onIn(String name) {
        return tcpFlow("10.0.0.1", "10.0.0.2", 22).withInterfaces(name, "");
    }
}
