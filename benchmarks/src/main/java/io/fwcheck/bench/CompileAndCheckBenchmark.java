package io.fwcheck.bench;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
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
 * A generated ruleset and 100 generated requirements: {@code check} as {@code fwcheck check} does
 * it (the rules' matches, then the verdicts of only the flows the requirements look at);
 * {@code compileAndCheck} compiling what the ruleset accepts of every flow first, as an audit
 * does; {@code compile} that compilation alone. Targets: 10k rules compiled and checked under
 * 1 s; 100k under 10 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileAndCheckBenchmark {

    @Param({"1000", "10000", "100000"})
    public int rules;

    private Ruleset ruleset;
    private Policy policy;

    @Setup(Level.Trial)
    public void generate() {
        ruleset = GeneratedInput.ruleset(rules);
        policy = GeneratedInput.policy(ruleset, 100);
    }

    @Benchmark
    public CompiledRuleset compile() {
        return CompiledRuleset.compile(ruleset);
    }

    @Benchmark
    public CheckResult check() {
        return Checker.check(CompiledRuleset.of(ruleset), policy, FlowSummary.DEFAULT_CAP);
    }

    @Benchmark
    public CheckResult compileAndCheck() {
        return Checker.check(CompiledRuleset.compile(ruleset), policy, FlowSummary.DEFAULT_CAP);
    }
}
