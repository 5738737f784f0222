package io.fwcheck.format.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.kernel.KernelLab.Probe;
import io.fwcheck.kernel.Probes;
import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * For every real dump and hook, the flattened ruleset fwcheck analyses gives the verdict of
 * evaluating the chains directly (netfilter's way) on probes at every rule's boundaries and
 * random ones: wherever the chain walk meets no unmodelled condition, the trace is certain and equal.
 */
class RealDumpsDifferentialTest {

    @Test
    void flattened_real_dumps_agree_with_direct_chain_evaluation() {
        Optional<Path> dir = SharedDumps.folder();
        assumeTrue(dir.isPresent(), "../shared/data/iptables is not present: no real dumps");
        int compared = 0;
        for (Path file : SharedDumps.files(dir.get())) {
            String text = RulesetLoader.readDump(file);
            if (RulesetFormat.detect(text).format().orElse(null) != RulesetFormat.IPTABLES) {
                continue;
            }
            for (Hook hook : Hook.values()) {
                ChainProgram program;
                try {
                    program = IptablesReader.readChains(text, file.toString(), LoadOptions.defaults().withHook(hook));
                } catch (RuntimeException e) {
                    break; // not a plain dump: the coverage test reports it
                }
                Ruleset ruleset = program.flatten();
                // the big FORWARD rulesets take long to compile: INPUT is traced, the others walk the rules
                Tracer tracer = hook == Hook.INPUT ? Tracer.of(ruleset) : null;
                for (Probe p : Probes.choose(ruleset, program.family(), compared + 17L, hook == Hook.INPUT ? 300 : 100)) {
                    Flow flow = Probes.flow(p);
                    if (hook != Hook.INPUT) {
                        flow = flow.withInterfaces(hook == Hook.OUTPUT ? "" : "eth0", "eth1");
                    }
                    ChainPath direct = program.evaluate(flow);
                    if (direct.action().isEmpty()) {
                        continue;
                    }
                    Optional<Action> flat;
                    if (tracer != null) {
                        flat = tracer.trace(flow).action();
                    } else {
                        int i = ruleset.firstMatch(flow);
                        flat = i == ruleset.rules().size() ? Optional.of(ruleset.defaultAction())
                                : ruleset.rules().get(i).match().isCertain() ? Optional.of(ruleset.rules().get(i).action())
                                : Optional.empty();
                    }
                    assertThat(flat).as("%s %s %s: %s", file, hook, flow, direct).isEqualTo(direct.action());
                    compared++;
                }
            }
        }
        System.out.println(compared + " certain verdicts compared");
        assertThat(compared).isPositive();
    }
}
