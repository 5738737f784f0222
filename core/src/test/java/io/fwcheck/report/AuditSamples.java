package io.fwcheck.report;

import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Auditor;
import io.fwcheck.format.yaml.YamlPolicyReader;
import java.nio.file.Path;
import java.util.List;

/** Audits of the golden corpus under rulesets/audit, for report tests. */
final class AuditSamples {

    static final Path AUDIT = Path.of("..", "rulesets", "audit");

    private AuditSamples() {}

    /** rulesets/audit with its policy: four rulesets (db, edge gateway, mgmt, web); the policy and the four expected-findings files are skipped. */
    static AuditResult corpus() {
        return Auditor.audit(List.of(AUDIT), AuditOptions.defaults().withThreads(2)
                .withPolicy(YamlPolicyReader.read(AUDIT.resolve("policy.yaml"))));
    }

    /**
     * Every sample ruleset under rulesets/ against the audit corpus's policy: witnesses of every
     * family and protocol kind (ICMP types, interfaces), requirement and exposure findings alike.
     */
    static AuditResult everySample() {
        return Auditor.audit(List.of(AUDIT.getParent()), AuditOptions.defaults().withThreads(2)
                .withPolicy(YamlPolicyReader.read(AUDIT.resolve("policy.yaml"))));
    }

    /** The web ruleset and a file that does not exist. */
    static AuditResult withUnreadable() {
        return Auditor.audit(List.of(AUDIT.resolve("web-01.yaml"), AUDIT.resolve("missing.yaml")),
                AuditOptions.defaults());
    }
}
