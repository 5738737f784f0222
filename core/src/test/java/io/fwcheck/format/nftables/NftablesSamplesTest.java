package io.fwcheck.format.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden samples: each {@code NAME.json} under the test resources states next to it, in
 * {@code NAME.flows}, what fwcheck must decide for chosen flows (at the edges of every set, range
 * and prefix of the rules), and the direct chain evaluation must agree wherever it is certain.
 */
class NftablesSamplesTest {

    static List<String> samples() {
        return NftSamples.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_flow_gets_the_stated_verdict(String name) {
        String text = NftSamples.read(NftSamples.resource(name + ".json"));
        Map<String, NftablesProgram> programs = new HashMap<>();
        Map<String, Tracer> tracers = new HashMap<>();
        List<NftSamples.Expectation> expectations = NftSamples.expectations(name);
        assertThat(expectations).as("expectations of %s", name).isNotEmpty();
        for (NftSamples.Expectation e : expectations) {
            NftablesProgram program = programs.computeIfAbsent(e.hook(),
                    h -> NftablesReader.readChains(text, name + ".json", h));
            Tracer tracer = tracers.computeIfAbsent(e.hook(), h -> Tracer.of(program.flatten()));
            TraceResult traced = tracer.trace(e.flow());
            assertThat(traced.verdict()).as("%s: %s, decided by %s", name, e, traced.decidedBy())
                    .isEqualTo(e.verdict());
            ChainPath direct = program.evaluate(e.flow());
            if (direct.action().isPresent()) {
                assertThat(direct.action().map(Action::label).get()).as("%s: %s, path %s", name, e, direct)
                        .isEqualTo(e.verdict());
            }
        }
    }
}
