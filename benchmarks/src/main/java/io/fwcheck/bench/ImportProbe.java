package io.fwcheck.bench;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Ruleset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Importing and compiling real dumps once each, in a fresh JVM, as a command does (no warm-up):
 * {@code java -cp benchmarks/target/benchmarks.jar io.fwcheck.bench.ImportProbe [FILE...]}, by
 * default the two largest dumps of the shared data. For each hook: the flattened rules, and the
 * wall-clock and CPU time of {@link RulesetLoader#load} (read the file, parse, flatten) and of
 * {@link CompiledRuleset#compile}. The first line of a run is the cold one, as in {@code fwcheck check}.
 */
public final class ImportProbe {

    private ImportProbe() {}

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String[] files = args.length > 0 ? args : new String[] {RealDumps.LARGEST, RealDumps.LARGEST_V4};
        for (String f : files) {
            Path file = args.length > 0 ? Path.of(f) : RealDumps.file(f);
            // FORWARD first: it has most of the rules, and the first load of a JVM is the coldest
            for (Hook hook : new Hook[] {Hook.FORWARD, Hook.INPUT, Hook.OUTPUT}) {
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                Ruleset ruleset = RulesetLoader.load(file, LoadOptions.defaults().withHook(hook));
                long loadedWall = System.nanoTime();
                long loadedCpu = threads.getCurrentThreadCpuTime();
                CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
                long doneWall = System.nanoTime();
                long doneCpu = threads.getCurrentThreadCpuTime();
                System.out.printf("%s %s: %d rules; load %d ms (CPU %d ms), compile %d ms (CPU %d ms), total %d ms"
                                + " (CPU %d ms), %d nodes%n", file.getFileName(), hook, ruleset.rules().size(),
                        ms(loadedWall - wall), ms(loadedCpu - cpu), ms(doneWall - loadedWall), ms(doneCpu - loadedCpu),
                        ms(doneWall - wall), ms(doneCpu - cpu), compiled.space().nodeCount());
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
