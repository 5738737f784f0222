package io.fwcheck.format.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every test ruleset and hook, the flattened first-match ruleset decides seeded random flows
 * (biased to the edges of every set, range and prefix) as the direct evaluation of the chains
 * does, wherever that evaluation is certain; and the engine's verdict, where certain, agrees.
 */
class NftablesDifferentialTest {

    private static final int FLOWS = 10_000;

    static Stream<Arguments> rulesets() {
        List<Path> files = NftSamples.allJson();
        return files.stream().flatMap(f -> NftablesReader.HOOKS.stream().map(h -> Arguments.of(f.getFileName()
                .toString(), h, f)));
    }

    private static Action verdict(Ruleset r, Flow f) {
        int i = r.firstMatch(f);
        return i == r.rules().size() ? r.defaultAction() : r.rules().get(i).action();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rulesets")
    void flattened_rules_decide_as_the_chains_do(String name, String hook, Path file) {
        NftablesProgram program = NftablesReader.readChains(file, hook);
        Ruleset flat = program.flatten();
        Tracer tracer = Tracer.of(flat);
        NftFlows flows = NftFlows.toward(flat, name.hashCode() * 31L + hook.hashCode());
        int certain = 0;
        for (int k = 0; k < FLOWS; k++) {
            Flow flow = flows.next();
            ChainPath direct = program.evaluate(flow);
            if (direct.action().isEmpty()) {
                continue;
            }
            certain++;
            Action expected = direct.action().get();
            assertThat(verdict(flat, flow)).as("%s %s: %s, path %s", name, hook, flow, direct)
                    .isEqualTo(expected);
            TraceResult traced = tracer.trace(flow);
            if (!traced.isUnknown()) {
                assertThat(traced.action()).as("%s %s: %s, path %s", name, hook, flow, direct)
                        .contains(expected);
            }
        }
        if (certain == 0) {
            assertThat(flat.isCertain()).as("%s %s has no flow with a certain verdict, so an uncertain rule", name, hook)
                    .isFalse();
        }
    }
}
