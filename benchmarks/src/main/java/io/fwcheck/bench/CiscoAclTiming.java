package io.fwcheck.bench;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.CiscoAclGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times a generated Cisco access list through what {@code fwcheck check} does and the anomaly
 * (unreachable-entry) analysis, in one fresh JVM, outside JMH:
 * {@code java -cp benchmarks/target/benchmarks.jar io.fwcheck.bench.CiscoAclTiming 5000 OUT_DIR}
 * writes {@code OUT_DIR/acl.cfg} and {@code OUT_DIR/policy.yaml} (for timing the CLI on the same
 * input) and prints the time of each step; the first run of each step includes class loading and
 * JIT warm-up, as in a CLI process.
 */
public final class CiscoAclTiming {

    private static final String POLICY = """
            version: 1
            groups:
              servers: 198.18.0.0/15
              internet:
                include: 0.0.0.0/0
                exclude: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
              inside: 10.0.0.0/8
            services:
              web: [tcp/80, tcp/443]
            requirements:
              - id: web-reachable
                must-allow: {from: internet, to: 198.18.0.1, service: web}
              - id: inside-spoof-blocked
                must-deny: {from: inside, to: servers}
              - id: servers-allowlist
                only-allow:
                  to: servers
                  allow:
                    - {from: internet, service: web}
            """;

    private CiscoAclTiming() {}

    public static void main(String[] args) throws IOException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/cisco-timing");
        Files.createDirectories(dir);
        Path acl = dir.resolve("acl.cfg");
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(acl, CiscoAclGenerator.seeded(2026).generate("EDGE-IN", entries));
        Files.writeString(policyFile, POLICY);
        for (int run = 1; run <= 3; run++) {
            long t0 = System.nanoTime();
            Ruleset ruleset = RulesetLoader.load(acl, LoadOptions.defaults());
            Policy policy = YamlPolicyReader.read(policyFile);
            long t1 = System.nanoTime();
            CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
            CheckResult result = Checker.check(compiled, policy, FlowSummary.DEFAULT_CAP);
            long t2 = System.nanoTime();
            List<Anomaly> anomalies = Anomalies.of(compiled);
            long t3 = System.nanoTime();
            System.out.printf("run %d: %d lines, %d rules: read %d ms, compile + check %d ms (%s), anomalies %d ms"
                    + " (%d found), total %d ms%n", run, Files.readAllLines(acl).size(), ruleset.rules().size(),
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, result.verdict(), (t3 - t2) / 1_000_000,
                    anomalies.size(), (t3 - t0) / 1_000_000);
        }
    }
}
