package io.fwcheck.bench;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Memory of one compile and check, outside JMH: run it under the heap limit to test, e.g.
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.fwcheck.bench.HeapProbe 100000}.
 * Prints the time, the heap still reachable from the result after a full GC, and the peak of the
 * heap pools (which includes garbage not yet collected). An OutOfMemoryError means it does not
 * fit.
 */
public final class HeapProbe {

    private HeapProbe() {}

    public static void main(String[] args) {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Ruleset ruleset = GeneratedInput.ruleset(rules);
        Policy policy = GeneratedInput.policy(ruleset, 100);
        System.gc();
        long before = usedAfterGc();
        resetPeaks();
        long start = System.nanoTime();
        CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
        long compiledAt = System.nanoTime();
        CheckResult result = Checker.check(compiled, policy, FlowSummary.DEFAULT_CAP);
        long checkedAt = System.nanoTime();
        long peak = peakHeap();
        long retained = usedAfterGc() - before;
        System.out.printf("%d rules: compile %d ms, check %d ms (%s), %d diagram nodes%n", rules,
                (compiledAt - start) / 1_000_000, (checkedAt - compiledAt) / 1_000_000, result.verdict(),
                compiled.space().nodeCount());
        System.out.printf("heap: max %d MiB, peak of pools %d MiB, retained by the compiled ruleset %d MiB%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, retained >> 20);
        if (result.results().isEmpty()) {
            throw new AssertionError("no results");
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
