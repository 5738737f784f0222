package io.fwcheck.bench;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compiling real-shaped rulesets: ClassBench filter sets read by {@link ClassBench} (alternating
 * accept/drop, default drop). Needs the shared data directory; without it the setup fails with a
 * message saying where it looked, and JMH goes on with the other benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassBenchBenchmark {

    @Param({"cutsplit/acl_10k", "cutsplit/fw_10k", "cutsplit/ipc_10k"})
    public String file;

    private Ruleset ruleset;

    @Setup(Level.Trial)
    public void read() {
        Path data = ClassBench.dataDirectory().orElseThrow(() -> new IllegalStateException(
                "SKIPPED: ClassBench data not found at " + ClassBench.whereLooked()));
        ruleset = ClassBench.read(data.resolve("classbench").resolve(file));
        System.out.println();
        System.out.println("# " + file + ": " + ruleset.rules().size() + " rules, alternating accept/drop, default drop");
    }

    @Benchmark
    public CompiledRuleset compile() {
        return CompiledRuleset.compile(ruleset);
    }

    /** Compiling, then the rule anomalies of the filter set. */
    @Benchmark
    public List<Anomaly> compileAndAnomalies() {
        return Anomalies.of(CompiledRuleset.compile(ruleset));
    }
}
