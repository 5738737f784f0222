package io.fwcheck.bench;

import io.fwcheck.analysis.Tracer;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.FlowGenerator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Batch tracing on one thread: a tracer built once, then {@value #FLOWS} pre-generated flows
 * (edge-biased toward the ruleset) per invocation; the score is flows per second. Target: over
 * 1 M flows/s on one core. Building the tracer is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class TraceBenchmark {

    static final int FLOWS = 10_000;

    @Param({"1000", "10000", "100000"})
    public int rules;

    private Tracer tracer;
    private List<Flow> flows;

    @Setup(Level.Trial)
    public void build() {
        Ruleset ruleset = GeneratedInput.ruleset(rules);
        tracer = Tracer.of(ruleset);
        flows = FlowGenerator.seeded(GeneratedInput.SEED).biasedToward(ruleset).flows(FLOWS);
        System.out.println();
        System.out.println("# tracer for " + rules + " rules: " + (tracer.isCompiled()
                ? "compiled rule map" : "rule-by-rule fallback (rule map over its node budget)"));
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void traceBatch(Blackhole sink) {
        for (Flow flow : flows) {
            sink.consume(tracer.trace(flow));
        }
    }
}
