package io.fwcheck.kernel;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.kernel.KernelLab.Probe;
import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * fwcheck's verdict next to the kernel's, probe by probe: the kernel accepted a probe when it
 * passed every chain of the lab's hook; fwcheck accepts it when its trace through the imported
 * ruleset is ACCEPT. Probes whose trace is UNKNOWN are not compared (counted apart).
 *
 * @param compared probes compared
 * @param unknown probes fwcheck left UNKNOWN
 * @param accepted compared probes the kernel accepted
 * @param mismatches one line per probe where the two disagree, with fwcheck's chain path
 */
public record KernelComparison(int compared, int unknown, int accepted, List<String> mismatches) {

    /** Sends the probes through the lab (with the ruleset loaded) and compares. */
    public static KernelComparison run(KernelLab lab, Ruleset ruleset, Function<Flow, ChainPath> paths,
            List<Probe> probes) {
        Tracer tracer = Tracer.of(ruleset);
        probes = probes.stream().filter(lab::routable).toList();
        boolean[] kernel = lab.send(probes);
        int compared = 0;
        int unknown = 0;
        int accepted = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            Flow flow = lab.flow(probes.get(i));
            TraceResult t = tracer.trace(flow);
            ChainPath direct = paths.apply(flow);
            if (t.isUnknown()) {
                unknown++;
                continue;
            }
            compared++;
            boolean fw = t.action().get() == Action.ACCEPT;
            if (kernel[i]) {
                accepted++;
            }
            Optional<Action> chainVerdict = direct.action();
            if (fw != kernel[i] || (chainVerdict.isPresent() && chainVerdict.get().accepts() != fw)) {
                mismatches.add(flow + ": kernel " + (kernel[i] ? "accepts" : "does not accept") + ", fwcheck "
                        + t.verdict() + " by " + t.decidedBy() + " (chains: " + direct + ")");
            }
        }
        return new KernelComparison(compared, unknown, accepted, mismatches);
    }

    @Override
    public String toString() {
        return compared + " probes compared (" + accepted + " accepted by the kernel), " + unknown + " UNKNOWN to fwcheck, "
                + mismatches.size() + " mismatches";
    }
}
