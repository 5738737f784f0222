package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.format.FlowParser.FlowSyntaxException;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.EnumSet;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FlowParser#parseSet}: a flow written with many values per field is the set of all of them. */
class FlowSetSyntaxTest {

    private static AddressSet set(String... items) {
        return AddressSet.of(Stream.of(items).map(AddressSpecs::parse).toList());
    }

    @Test
    void a_cidr_to_a_port_is_every_new_connection_from_every_source_port() {
        Match m = FlowParser.parseSet("tcp 10.0.1.0/24 -> 10.0.2.10:5432");
        assertThat(m.families()).containsExactly(IpFamily.IPV4);
        assertThat(m.protocols()).isEqualTo(IntRanges.of(Protocol.TCP));
        assertThat(m.sources()).isEqualTo(set("10.0.1.0/24"));
        assertThat(m.destinations()).isEqualTo(set("10.0.2.10"));
        assertThat(m.sourcePorts()).isEmpty();
        assertThat(m.destinationPorts()).contains(IntRanges.of(5432));
        assertThat(m.states()).containsExactly(ConnState.NEW);
        assertThat(m.inInterface()).isEmpty();
        assertThat(m.outInterface()).isEmpty();
        assertThat(m.isCertain()).isTrue();
    }

    @Test
    void an_icmp_protocol_by_number_is_that_protocol_in_every_family_and_a_type_keeps_its_own() {
        FlowSpace space = new FlowSpace();
        Flow v4 = FlowParser.parse("58 10.0.0.1 -> 10.0.0.2");
        Flow echo6 = FlowParser.parse("icmpv6 2001:db8::1 -> 2001:db8::2 type 128");

        Match onlyV4 = FlowParser.parseSet("58 10.0.0.0/8 -> any");
        assertThat(onlyV4.families()).containsExactly(IpFamily.IPV4);
        assertThat(space.of(onlyV4).contains(v4)).isTrue();

        FlowSet both = space.of(FlowParser.parseSet("58 any -> any"));
        assertThat(both.contains(v4)).isTrue();
        assertThat(both.contains(echo6)).isTrue();

        Match typed = FlowParser.parseSet("58 any -> any type 128");
        assertThat(typed.families()).containsExactly(IpFamily.IPV6);
        assertThat(space.of(typed).contains(echo6)).isTrue();
        assertThat(space.of(typed).contains(v4)).isFalse();

        assertThatThrownBy(() -> FlowParser.parseSet("58 10.0.0.1 -> 10.0.0.2 type 128"))
                .hasMessageContaining("protocol 58 over IPv4 has no ICMP type");
        assertThatThrownBy(() -> FlowParser.parseSet("icmpv6 10.0.0.1 -> 10.0.0.2"))
                .hasMessageContaining("icmpv6 is for IPv6").hasMessageContaining("or 58 for protocol 58 over IPv4");
    }

    @Test
    void no_destination_port_is_every_port() {
        Match m = FlowParser.parseSet("tcp 0.0.0.0/0 -> 10.0.2.10");
        assertThat(m.destinationPorts()).isEmpty();
        assertThat(m.sources()).isEqualTo(AddressSet.all(IpFamily.IPV4));
    }

    @Test
    void any_takes_the_family_of_the_other_side_and_ports_may_be_lists() {
        Match m = FlowParser.parseSet("udp any -> [2001:db8::/64]:53,5353");
        assertThat(m.families()).containsExactly(IpFamily.IPV6);
        assertThat(m.sources()).isEqualTo(AddressSet.all());
        assertThat(m.destinationPorts()).contains(IntRanges.of(53).union(IntRanges.of(5353)));
        assertThat(FlowParser.parseSet("tcp any -> any").families()).containsExactlyInAnyOrder(IpFamily.values());
    }

    @Test
    void ranges_lists_and_source_ports() {
        Match m = FlowParser.parseSet("tcp 10.0.1.10-10.0.1.20,10.0.3.0/24:1024-65535 -> 10.0.2.10:22");
        assertThat(m.sources()).isEqualTo(set("10.0.1.10-10.0.1.20", "10.0.3.0/24"));
        assertThat(m.sourcePorts()).contains(IntRanges.range(1024, 65535));
    }

    @Test
    void icmp_types_codes_and_names() {
        assertThat(FlowParser.parseSet("icmp 10.0.0.0/8 -> 10.0.2.10 type 8").icmp())
                .contains(IntRanges.range(8 << 8, 8 << 8 | 0xFF));
        assertThat(FlowParser.parseSet("icmp 10.0.0.0/8 -> 10.0.2.10 type 3 code 4").icmp()).contains(IntRanges.of(3 << 8 | 4));
        Match v6 = FlowParser.parseSet("icmpv6 any -> 2001:db8::10 type echo-request");
        assertThat(v6.icmp()).contains(IntRanges.range(128 << 8, 128 << 8 | 0xFF));
        assertThat(v6.families()).containsExactly(IpFamily.IPV6);
        assertThat(FlowParser.parseSet("icmp any -> any").families()).containsExactly(IpFamily.IPV4);
        assertThat(FlowParser.parseSet("icmp any -> any").icmp()).isEmpty();
    }

    @Test
    void any_protocol_states_and_interfaces() {
        Match m = FlowParser.parseSet("any 10.0.9.0/24 -> 10.0.2.10 state new,established in eth+ out eth1");
        assertThat(m.protocols()).isEqualTo(Match.ALL_PROTOCOLS);
        assertThat(m.states()).containsExactlyInAnyOrder(ConnState.NEW, ConnState.ESTABLISHED);
        assertThat(m.inInterface()).contains(InterfaceMatch.of("eth+"));
        assertThat(m.outInterface()).contains(InterfaceMatch.of("eth1"));
        assertThat(FlowParser.parseSet("gre any -> any state any").states()).isEqualTo(EnumSet.allOf(ConnState.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                     | 1  | empty flow set",
        "tcp 10.0.1.0/24 10.0.2.10              | 17 | expected '->'",
        "tcp 10.0.1.0/24 ->                     | 19 | missing destination",
        "tcp 10.0.1.1/24 -> 10.0.2.10           | 5  | host bits set",
        "tcp 10.0.1.0/24 -> 2001:db8::1         | 20 | source is IPv4 but destination is IPv6",
        "icmp 2001:db8::1 -> 2001:db8::2        | 21 | icmp is for IPv4",
        "icmp 10.0.0.1 -> 10.0.0.2:8            | 18 | has no ports",
        "any 10.0.0.1 -> 10.0.0.2:80            | 17 | ports need a protocol with ports",
        "tcp 10.0.0.1 -> 10.0.0.2:99999         | 26 | out of range",
        "tcp 10.0.0.1 -> 10.0.0.2 type 8        | 26 | has no ICMP type",
        "tcp 10.0.0.1 -> 10.0.0.2 state fresh   | 32 | unknown state 'fresh'",
        "tcp 10.0.0.1 -> 10.0.0.2 state new state new | 36 | 'state' given twice",
        "tcp 10.0.0.1 -> 10.0.0.2 in eth0,      | 29 | empty interface name",
        "tcp 10.0.0.1 -> 10.0.0.2 sideways      | 26 | unexpected 'sideways'",
        "tcp [2001:db8::1 -> 2001:db8::2        | 5  | no closing ']'",
    })
    void errors_say_what_and_where(String text, int column, String problem) {
        assertThatThrownBy(() -> FlowParser.parseSet(text))
                .isInstanceOfSatisfying(FlowSyntaxException.class, e -> {
                    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
                    assertThat(e.problem()).contains(problem);
                });
    }

    /** Every flow the trace syntax reads is in the set its own text describes, and the set is no larger. */
    @Test
    void a_single_flow_written_out_is_in_its_set_and_its_neighbours_are_not() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Flow flow = randomFlow(random);
            String text = flow.toString();
            Match set = FlowParser.parseSet(text);
            assertThat(set.matchesModelled(flow)).as(text).isTrue();
            if (Protocol.hasPorts(flow.protocol())) {
                Flow otherPort = new Flow(flow.family(), flow.source(), flow.destination(), flow.protocol(),
                        flow.sourcePort(), flow.destinationPort() ^ 1, 0, 0, flow.state(), flow.inInterface(), flow.outInterface());
                assertThat(set.matchesModelled(otherPort)).as(text + " vs port " + otherPort.destinationPort()).isFalse();
            }
            Flow otherState = flow.withState(flow.state() == ConnState.NEW ? ConnState.INVALID : ConnState.NEW);
            boolean untracked = Protocol.isUntracked(flow.family(), flow.protocol(), flow.icmpValue());
            assertThat(set.matchesModelled(otherState)).as(text + " vs " + otherState.state())
                    .isEqualTo(untracked);
        }
    }

    private static Flow randomFlow(Random random) {
        boolean v6 = random.nextInt(4) == 0;
        String src = v6 ? "2001:db8::" + Integer.toHexString(random.nextInt(0xFFFF)) : "10.0." + random.nextInt(256) + "." + random.nextInt(256);
        String dst = v6 ? "2001:db8:2::" + Integer.toHexString(random.nextInt(0xFFFF)) : "192.168.0." + random.nextInt(256);
        Flow flow = switch (random.nextInt(3)) {
            case 0 -> Flow.tcp(src, random.nextInt(65536), dst, random.nextInt(65536));
            case 1 -> Flow.udp(src, random.nextInt(65536), dst, random.nextInt(65536));
            default -> Flow.icmp(src, dst, random.nextInt(256), random.nextInt(256));
        };
        ConnState state = ConnState.values()[random.nextInt(4)];
        String in = random.nextBoolean() ? "eth" + random.nextInt(3) : "";
        String out = random.nextBoolean() ? "eth" + random.nextInt(3) : "";
        return flow.withState(state).withInterfaces(in, out);
    }
}
