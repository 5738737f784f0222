package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.engine.FlowBox;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import java.util.EnumSet;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Minimal reproductions of engine defects the differential tests found and that are still open,
 * written as the behaviour that is wanted. Each is disabled until the engine is fixed; then move
 * it to core's {@code EngineRegressionTest} and enable the matching differential check.
 */
class KnownEngineIssuesTest {

    @Test
    @Disabled("engine: a wildcard minus a name (accept in veth1a2b; drop in veth+) prints as quoted byte ranges:"
            + " in \"veth\"..\"veth1a2a\\xff…\",\"veth1a2b\\x00…\\x01\"..\"veth\\xff…\"")
    void a_wildcard_minus_one_name_reads_as_patterns() {
        FlowSpace space = new FlowSpace();
        FlowSet tcp = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).protocol(Protocol.TCP).build());
        FlowSet vethButOne = tcp.intersect(space.of(Match.builder().inInterface(InterfaceMatch.of("veth+")).build()))
                .minus(space.of(Match.builder().inInterface(InterfaceMatch.of("veth1a2b")).build()));
        FlowSet notEthButEth0 = tcp.minus(space.of(Match.builder().inInterface(InterfaceMatch.of("eth+")).build()))
                .union(tcp.intersect(space.of(Match.builder().inInterface(InterfaceMatch.of("eth0")).build())));

        assertThat(vethButOne.boxes(5)).extracting(FlowBox::toString).singleElement().asString()
                .contains("veth").doesNotContain("..").doesNotContain("\\x");
        assertThat(notEthButEth0.boxes(5)).extracting(FlowBox::toString).singleElement().asString()
                .contains("eth0").doesNotContain("..").doesNotContain("\\x");
    }
}
