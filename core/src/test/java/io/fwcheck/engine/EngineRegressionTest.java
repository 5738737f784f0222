package io.fwcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour the differential tests once found wrong, pinned down in small examples. */
class EngineRegressionTest {

    @Test
    void an_interface_set_excluding_several_names_reads_as_a_negated_list() {
        FlowSet set = new FlowSpace().of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocol(Protocol.TCP)
                .inInterface(new InterfaceMatch(List.of("eth0", "eth1"), true)).build());

        assertThat(set.boxes(10)).extracting(FlowBox::toString).containsExactly("ipv4 tcp any -> any in !eth0,eth1");
    }

    @Test
    void an_icmpv6_witness_is_an_echo_request() {
        FlowSet icmpv6 = new FlowSpace().of(
                Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6).build());

        assertThat(icmpv6.witness().orElseThrow().icmpType()).isEqualTo(128);
    }

    @Test
    void an_ipv6_witness_among_both_icmp_protocols_is_icmpv6_and_an_ipv4_one_icmp() {
        FlowSpace space = new FlowSpace();
        IntRanges bothIcmp = IntRanges.of(Protocol.ICMP).union(IntRanges.of(Protocol.ICMPV6));
        FlowSet v6 = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocols(bothIcmp).build());
        FlowSet v4 = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocols(bothIcmp).build());

        // an IPv6 packet of protocol 1 is printed as "icmp ::" and cannot be traced: icmp is for IPv4
        assertThat(v6.witness().orElseThrow().protocol()).isEqualTo(Protocol.ICMPV6);
        assertThat(v4.witness().orElseThrow().protocol()).isEqualTo(Protocol.ICMP);
    }

    @Test
    void names_with_a_zero_byte_inside_are_values_of_their_own_and_still_give_a_witness() {
        List<String> excluded = new ArrayList<>(List.of("eth0"));
        for (char c = 1; c <= 0xFF; c++) {
            excluded.add("eth0" + c + "+");
        }
        FlowSpace space = new FlowSpace();
        FlowSet onlyOddNames = space.of(Match.builder().inInterface(InterfaceMatch.of("eth0+")).build())
                .intersect(space.of(Match.builder().inInterface(new InterfaceMatch(excluded, true)).build()));

        assertThat(onlyOddNames.isEmpty()).isFalse();
        assertThat(onlyOddNames.witness()).hasValueSatisfying(flow -> {
            assertThat(flow.inInterface()).startsWith("eth0\0");
            assertThat(onlyOddNames.contains(flow)).isTrue();
        });
    }
}
