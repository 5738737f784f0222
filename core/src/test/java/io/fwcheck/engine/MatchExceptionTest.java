package io.fwcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import org.junit.jupiter.api.Test;

/** Exceptions in a match: how rules inlined after a chain's RETURN exclude the returned packets. */
class MatchExceptionTest {

    private static final Match TCP = Match.builder().protocol(Protocol.TCP).build();
    private static final Match FROM_TEN = Match.builder()
            .sources(AddressSet.of(AddressRange.cidr(Address.parse("10.0.0.0"), 8))).build();

    @Test
    void a_certain_exception_removes_its_flows_from_the_match() {
        Match tcpNotFromTen = TCP.toBuilder().except(FROM_TEN).build();
        FlowSet set = new FlowSpace().of(tcpNotFromTen);

        Flow inside = Flow.tcp("10.1.2.3", 40000, "192.0.2.1", 22);
        Flow outside = Flow.tcp("192.0.2.7", 40000, "192.0.2.1", 22);
        assertThat(tcpNotFromTen.matchesModelled(inside)).isFalse();
        assertThat(set.contains(inside)).isFalse();
        assertThat(tcpNotFromTen.matchesModelled(outside)).isTrue();
        assertThat(set.contains(outside)).isTrue();
        assertThat(tcpNotFromTen.isCertain()).isTrue();
        assertThat(set.boxes(5)).extracting(Object::toString)
                .containsExactly("tcp 0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255 -> any", "ipv6 tcp any -> any");
    }

    @Test
    void an_uncertain_exception_cannot_narrow_what_may_match_and_makes_the_match_uncertain() {
        Match uncertainTen = FROM_TEN.toBuilder()
                .unmodelled(new Unmodelled("-m recent --rcheck", new SourceLocation("f.rules", 3, 1))).build();
        Match tcpMaybeNotFromTen = TCP.toBuilder().except(uncertainTen).build();
        FlowSpace space = new FlowSpace();

        assertThat(tcpMaybeNotFromTen.isCertain()).isFalse();
        assertThat(tcpMaybeNotFromTen.uncertainties()).extracting(Unmodelled::construct)
                .containsExactly("-m recent --rcheck");
        assertThat(space.of(tcpMaybeNotFromTen)).isEqualTo(space.of(TCP));
        assertThat(tcpMaybeNotFromTen.matchesModelled(Flow.tcp("10.1.2.3", 40000, "192.0.2.1", 22))).isTrue();
    }

    @Test
    void port_exceptions_keep_the_other_ports() {
        Match notSsh = TCP.toBuilder()
                .except(Match.builder().protocol(Protocol.TCP).destinationPorts(IntRanges.of(22)).build()).build();
        FlowSet set = new FlowSpace().of(notSsh);

        assertThat(set.boxes(5)).extracting(Object::toString).containsExactly(
                "ipv4 tcp any -> any dport 0-21,23-65535", "ipv6 tcp any -> any dport 0-21,23-65535");
    }
}
