package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.format.FlowParser.FlowSyntaxException;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowParserTest {

    @Test
    void parses_a_tcp_flow_with_both_ports() {
        assertThat(FlowParser.parse("tcp 10.0.1.5:40000 -> 10.0.2.10:5432"))
                .isEqualTo(Flow.tcp("10.0.1.5", 40000, "10.0.2.10", 5432));
    }

    @Test
    void a_missing_source_port_is_the_ephemeral_port() {
        Flow flow = FlowParser.parse("tcp 10.0.1.5 -> 10.0.2.10:5432");
        assertThat(flow.sourcePort()).isEqualTo(Flow.EPHEMERAL_PORT).isEqualTo(49152);
        assertThat(flow.state()).isEqualTo(ConnState.NEW);
        assertThat(flow.inInterface()).isEmpty();
    }

    @Test
    void parses_bracketed_ipv6_endpoints() {
        Flow flow = FlowParser.parse("udp [2001:db8::1]:5353 -> [2001:db8::2]:53");
        assertThat(flow).isEqualTo(Flow.udp("2001:db8::1", 5353, "2001:db8::2", 53));
        assertThat(flow.family()).isEqualTo(IpFamily.IPV6);
    }

    @Test
    void parses_icmp_with_type_and_optional_code() {
        assertThat(FlowParser.parse("icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0"))
                .isEqualTo(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0));
        assertThat(FlowParser.parse("icmp 10.0.0.1 -> 10.0.0.2 type 3 code 4"))
                .isEqualTo(Flow.icmp("10.0.0.1", "10.0.0.2", 3, 4));
        assertThat(FlowParser.parse("icmp 10.0.0.1 -> 10.0.0.2 type 8"))
                .isEqualTo(Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0));
        assertThat(FlowParser.parse("icmpv6 2001:db8::1 -> 2001:db8::2 type 128"))
                .isEqualTo(Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0));
    }

    @Test
    void protocols_by_name_or_number() {
        Flow byNumber = FlowParser.parse("proto 47 10.0.0.1 -> 10.0.0.2");
        Flow byName = FlowParser.parse("gre 10.0.0.1 -> 10.0.0.2");
        Flow byProtoName = FlowParser.parse("proto gre 10.0.0.1 -> 10.0.0.2");
        assertThat(byNumber.protocol()).isEqualTo(Protocol.GRE);
        assertThat(byName).isEqualTo(byNumber).isEqualTo(byProtoName);
        assertThat(byNumber.sourcePort()).isZero();
        assertThat(FlowParser.parse("proto 6 10.0.0.1 -> 10.0.0.2:22").protocol()).isEqualTo(Protocol.TCP);
    }

    @Test
    void an_icmp_protocol_over_the_other_family_is_a_plain_protocol_by_number() {
        Flow v4 = FlowParser.parse("58 10.0.0.1 -> 10.0.0.2");
        Flow v6 = FlowParser.parse("proto 1 2001:db8::1 -> 2001:db8::2 state established");

        assertThat(v4.protocol()).isEqualTo(Protocol.ICMPV6);
        assertThat(v4.family()).isEqualTo(IpFamily.IPV4);
        assertThat(v4.icmpType()).isZero();
        assertThat(v4).hasToString("58 10.0.0.1 -> 10.0.0.2");
        assertThat(v6.protocol()).isEqualTo(Protocol.ICMP);
        assertThat(v6).hasToString("1 2001:db8::1 -> 2001:db8::2 state established");
        assertThatThrownBy(() -> FlowParser.parse("58 10.0.0.1 -> 10.0.0.2 type 128"))
                .hasMessageContaining("protocol 58 over IPv4 has no ICMP type");
    }

    @Test
    void state_and_interfaces_in_any_order() {
        Flow expected = Flow.tcp("10.0.0.1", 49152, "10.0.0.2", 22)
                .withState(ConnState.ESTABLISHED)
                .withInterfaces("eth0", "eth1");
        assertThat(FlowParser.parse("tcp 10.0.0.1 -> 10.0.0.2:22 state established in eth0 out eth1"))
                .isEqualTo(expected);
        assertThat(FlowParser.parse("tcp 10.0.0.1 -> 10.0.0.2:22 out eth1 in eth0 state established"))
                .isEqualTo(expected);
        assertThat(FlowParser.parse("  tcp\t10.0.0.1  ->  10.0.0.2:22   out eth1 in eth0 state ESTABLISHED  "))
                .isEqualTo(expected);
    }

    @Test
    void icmp_options_may_follow_state() {
        assertThat(FlowParser.parse("icmp 10.0.0.1 -> 10.0.0.2 state related type 3 code 4 in eth0"))
                .isEqualTo(Flow.icmp("10.0.0.1", "10.0.0.2", 3, 4).withState(ConnState.RELATED).withInterfaces("eth0", ""));
    }

    @Test
    void extreme_values_are_accepted() {
        Flow flow = FlowParser.parse("udp 0.0.0.0:0 -> 255.255.255.255:65535");
        assertThat(flow.source()).isEqualTo(Address.ipv4(0));
        assertThat(flow.destination()).isEqualTo(Address.ipv4(0xFFFF_FFFFL));
        assertThat(flow.destinationPort()).isEqualTo(65535);
        assertThat(FlowParser.parse("tcp [::]:1 -> [ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:2").destination())
                .isEqualTo(Address.max(IpFamily.IPV6));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            tcp 10.0.0.300 -> 10.0.2.10:5432                 | 5  | '10.0.0.300' is not an IP address
            tcp 10.0.0.1 -> 10.0.2.10:70000                  | 27 | bad port '70000'
            tcp 10.0.0.1 -> 10.0.2.10                        | 17 | missing destination port for tcp
            udp 10.0.0.1:53 -> 10.0.2.10                     | 20 | missing destination port for udp
            tcp 10.0.0.1 -> [2001:db8::2]:53                 | 17 | source is IPv4 but destination is IPv6
            tcp 10.0.0.1 -> 10.0.2.10:22 junk                | 30 | unexpected 'junk'
            tcp 10.0.0.1 -> 10.0.2.10:22 state               | 35 | missing state
            tcp 10.0.0.1 -> 10.0.2.10:22 state open          | 36 | unknown state 'open'
            tcp 10.0.0.1 -> 10.0.2.10:22 in eth0 in eth1     | 38 | 'in' given twice
            tcp 10.0.0.1 -> 10.0.2.10:22 in eth+             | 33 | is a pattern
            tcp 10.0.0.1 -> 10.0.2.10:022                    | 27 | bad port '022'
            tcp 010.0.0.1 -> 10.0.2.10:22                    | 5  | '010.0.0.1' is not an IP address
            tcp 10.0.0 -> 10.0.2.10:22                       | 5  | '10.0.0' is not an IP address
            tcp 10.0.0.1.5 -> 10.0.2.10:22                   | 5  | '10.0.0.1.5' is not an IP address
            tcp db.example -> 10.0.2.10:22                   | 5  | 'db.example' is not an IP address
            tcp 10.0.0.1 10.0.2.10:22                        | 14 | expected '->'
            tcp 10.0.0.1 ->                                  | 16 | missing destination address
            bogus 10.0.0.1 -> 10.0.2.10:22                   | 1  | unknown protocol 'bogus'
            proto 256 10.0.0.1 -> 10.0.0.2                   | 7  | unknown protocol '256'
            gre 10.0.0.1:5 -> 10.0.0.2                       | 5  | protocol gre has no ports
            icmp 10.0.0.1 -> 10.0.0.2                        | 26 | missing ICMP type
            icmp 10.0.0.1 -> 10.0.0.2 type 256               | 32 | bad ICMP type '256'
            icmp 10.0.0.1 -> 10.0.0.2 code 0                 | 27 | 'code' without 'type'
            icmp 2001:db8::1 -> 2001:db8::2 type 128         | 21 | icmp is for IPv4
            icmpv6 10.0.0.1 -> 10.0.0.2 type 128             | 20 | icmpv6 is for IPv6
            tcp 10.0.0.1 -> 10.0.0.2:22 type 8               | 29 | protocol tcp has no ICMP type
            tcp 2001:db8::1 -> 2001:db8::2:53                | 20 | expected e.g. [2001:db8::2]:53
            tcp [10.0.0.1]:5 -> 10.0.0.2:22                  | 5  | in brackets is not an IPv6 address
            tcp [2001:db8::1:5 -> [2001:db8::2]:22           | 5  | has no closing ']'
            tcp 10.0.0.1: -> 10.0.0.2:22                     | 14 | empty port
            '   '                                            | 1  | empty flow
            """)
    void rejects_bad_flows_with_the_column_and_the_reason(String text, int column, String message) {
        assertThatThrownBy(() -> FlowParser.parse(text))
                .isInstanceOf(FlowSyntaxException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((FlowSyntaxException) e).column()).isEqualTo(column));
    }

    @Test
    void every_error_message_says_what_was_expected() {
        assertThatThrownBy(() -> FlowParser.parse("tcp 10.0.0.300 -> 10.0.2.10:5432"))
                .hasMessage("column 5: '10.0.0.300' is not an IP address"
                        + " (expected e.g. 10.0.2.10, or [2001:db8::10] with a port)");
    }

    /** Flow.toString() is documented as the syntax the parser reads: both must agree on every flow. */
    @Test
    void parses_what_flow_to_string_prints_for_random_flows() {
        Random random = new Random(20261123L);
        int[] protocols = {Protocol.TCP, Protocol.UDP, Protocol.ICMP, Protocol.ICMPV6, Protocol.GRE, Protocol.SCTP, 0, 200};
        for (int i = 0; i < 20_000; i++) {
            boolean v6 = random.nextInt(4) == 0;
            int protocol = protocols[random.nextInt(protocols.length)];
            Address src = v6 ? Address.ipv6(random.nextLong(), random.nextLong()) : Address.ipv4(random.nextInt());
            Address dst = v6 ? Address.ipv6(random.nextLong(), random.nextLong()) : Address.ipv4(random.nextInt());
            boolean ports = Protocol.hasPorts(protocol);
            boolean icmp = Protocol.carriesIcmp(v6 ? IpFamily.IPV6 : IpFamily.IPV4, protocol);
            Flow flow = new Flow(v6 ? IpFamily.IPV6 : IpFamily.IPV4, src, dst, protocol,
                    ports ? random.nextInt(65536) : 0, ports ? random.nextInt(65536) : 0,
                    icmp ? random.nextInt(256) : 0, icmp ? random.nextInt(256) : 0,
                    ConnState.values()[random.nextInt(4)],
                    random.nextBoolean() ? "" : "eth" + random.nextInt(10),
                    random.nextBoolean() ? "" : "wg" + random.nextInt(10));
            assertThat(FlowParser.parse(flow.toString())).as(flow.toString()).isEqualTo(flow);
        }
    }
}
