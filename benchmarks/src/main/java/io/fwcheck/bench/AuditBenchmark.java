package io.fwcheck.bench;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Auditor;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.RulesetGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Audits. {@code anomalies}: {@link Anomalies} of one generated ruleset (compiled in the setup).
 * {@code audit}: {@code fwcheck audit} of a directory of {@value #RULESETS} generated rulesets of
 * {@code rules} rules each, written as YAML files in the setup: reading, compiling, exposure
 * checks and anomalies, on {@value #THREADS} threads. Targets: anomalies of 10k rules under 2 s;
 * 100 rulesets of 1k rules under 10 s on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditBenchmark {

    static final int RULESETS = 100;
    static final int THREADS = 2;

    @Param({"1000", "10000"})
    public int rules;

    private CompiledRuleset compiled;
    private Path directory;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        compiled = CompiledRuleset.compile(GeneratedInput.ruleset(rules));
        directory = Files.createTempDirectory("fwcheck-audit-bench");
        if (rules <= 1000) {
            for (int i = 0; i < RULESETS; i++) {
                Ruleset ruleset = RulesetGenerator.seeded(GeneratedInput.SEED + i).generate(rules);
                Files.writeString(directory.resolve(String.format("host-%03d.yaml", i)), YamlRulesetWriter.write(ruleset));
            }
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Benchmark
    public List<Anomaly> anomalies() {
        return Anomalies.of(compiled);
    }

    @Benchmark
    public AuditResult audit() {
        if (rules > 1000) {
            throw new IllegalStateException("SKIPPED: the directory audit runs with rules=1000 only");
        }
        AuditResult result = Auditor.audit(List.of(directory), AuditOptions.defaults().withThreads(THREADS));
        if (result.rulesets().size() != RULESETS || result.hasErrors()) {
            throw new UncheckedIOException(new IOException("the generated rulesets did not all audit"));
        }
        return result;
    }
}
