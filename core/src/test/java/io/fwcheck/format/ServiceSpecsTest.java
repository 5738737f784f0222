package io.fwcheck.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Service;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSpecsTest {

    private static Service.Part ports(int protocol, IntRanges ports) {
        return new Service.Part(IntRanges.of(protocol), Optional.of(ports), Optional.empty());
    }

    private static Service.Part icmp(int protocol, IntRanges values) {
        return new Service.Part(IntRanges.of(protocol), Optional.empty(), Optional.of(values));
    }

    @Test
    void protocol_and_ports() {
        assertThat(ServiceSpecs.parsePart("tcp/5432")).isEqualTo(ports(Protocol.TCP, IntRanges.of(5432)));
        assertThat(ServiceSpecs.parsePart("udp/53")).isEqualTo(ports(Protocol.UDP, IntRanges.of(53)));
        assertThat(ServiceSpecs.parsePart("tcp/8000-8080")).isEqualTo(ports(Protocol.TCP, IntRanges.range(8000, 8080)));
        assertThat(ServiceSpecs.parsePart("tcp/22,80,443"))
                .isEqualTo(ports(Protocol.TCP, IntRanges.of(22).union(IntRanges.of(80)).union(IntRanges.of(443))));
        assertThat(ServiceSpecs.parsePart("TCP/22, 80")).isEqualTo(ports(Protocol.TCP, IntRanges.of(22).union(IntRanges.of(80))));
        assertThat(ServiceSpecs.parsePart("6/0-65535")).isEqualTo(ports(Protocol.TCP, IntRanges.range(0, 65535)));
    }

    @Test
    void icmp_types_and_codes() {
        assertThat(ServiceSpecs.parsePart("icmp/8")).isEqualTo(icmp(Protocol.ICMP, IntRanges.range(8 << 8, 8 << 8 | 255)));
        assertThat(ServiceSpecs.parsePart("icmp/8/0")).isEqualTo(icmp(Protocol.ICMP, IntRanges.of(8 << 8)));
        assertThat(ServiceSpecs.parsePart("icmp/echo-request")).isEqualTo(ServiceSpecs.parsePart("icmp/8"));
        assertThat(ServiceSpecs.parsePart("icmpv6/128"))
                .isEqualTo(icmp(Protocol.ICMPV6, IntRanges.range(128 << 8, 128 << 8 | 255)));
        assertThat(ServiceSpecs.parsePart("icmpv6/echo-request")).isEqualTo(ServiceSpecs.parsePart("icmpv6/128"));
        assertThat(ServiceSpecs.parseIcmp("port-unreachable", Protocol.ICMP)).isEqualTo(IntRanges.of(3 << 8 | 3));
    }

    @Test
    void a_bare_protocol_or_any_leaves_ports_open() {
        assertThat(ServiceSpecs.parsePart("tcp")).isEqualTo(new Service.Part(IntRanges.of(6), Optional.empty(), Optional.empty()));
        assertThat(ServiceSpecs.parsePart("icmp")).isEqualTo(new Service.Part(IntRanges.of(1), Optional.empty(), Optional.empty()));
        assertThat(ServiceSpecs.parsePart("any").protocols()).isEqualTo(Match.ALL_PROTOCOLS);
        assertThat(ServiceSpecs.parse("any").isAny()).isTrue();
        assertThat(ServiceSpecs.parse("tcp/5432").name()).isEqualTo("tcp/5432");
    }

    @Test
    void specs_are_told_apart_from_names() {
        assertThat(ServiceSpecs.looksLikeSpec("tcp/5432")).isTrue();
        assertThat(ServiceSpecs.looksLikeSpec("udp")).isTrue();
        assertThat(ServiceSpecs.looksLikeSpec("any")).isTrue();
        assertThat(ServiceSpecs.looksLikeSpec("22")).isTrue();
        assertThat(ServiceSpecs.looksLikeSpec("postgres")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tcp/70000     | port 70000 is out of range (expected a port 0-65535)
            tcp/8080-8000 | port range '8080-8000' is reversed (expected the lower port first: 8000-8080)
            tcp/0755      | port '0755' has a leading zero
            tcp/22:45     | '22:45' is not a port
            tcp/22,,80    | empty port in '22,,80'
            tcp/          | 'tcp/' has nothing after a '/'
            tpc/22        | unknown protocol 'tpc' in 'tpc/22'
            postgres      | unknown protocol 'postgres' (expected a protocol name
            gre/5         | 'gre/5': protocol gre has no ports or ICMP types (expected 'gre' alone)
            icmp/300      | '300' in 'icmp/300' is not an icmp type
            icmp/8/256    | '256' in 'icmp/8/256' is not an icmp code
            icmp/bogus    | 'bogus' in 'icmp/bogus' is not an icmp type
            tcp/22/1      | 'tcp/22/1' has too many '/'
            proto/1/2/3   | has too many '/'
            22            | '22' is ambiguous: a port or a protocol number? (expected a protocol with the port, e.g. tcp/22
            5432          | '5432' is ambiguous
            """)
    void wrong_specs_are_rejected_with_the_text(String text, String message) {
        assertThatThrownBy(() -> ServiceSpecs.parsePart(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void icmp_types_need_an_icmp_protocol() {
        assertThatThrownBy(() -> ServiceSpecs.parseIcmp("8", Protocol.TCP))
                .hasMessageContaining("ICMP type '8' needs protocol icmp or icmpv6, not tcp");
    }
}
