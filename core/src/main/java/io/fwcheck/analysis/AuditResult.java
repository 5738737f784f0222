package io.fwcheck.analysis;

import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The result of an audit: one {@link RulesetAudit} per ruleset file, in the order the files were
 * named (directories walked in path order), the files skipped as not rulesets, and, once compared
 * with a baseline, the state of each finding.
 *
 * @param rulesets the audited (or failed) ruleset files
 * @param skipped files found in directories that are not rulesets
 * @param policy the policy evaluated, if any
 * @param baseline the comparison with a baseline, once compared
 * @param lookedFor the finding types the audit looked for ({@link AuditOptions#AUDIT_FINDINGS}
 *     unless some were selected)
 */
public record AuditResult(List<RulesetAudit> rulesets, List<SkippedFile> skipped, Optional<Policy> policy,
        Optional<Comparison> baseline, Set<FindingType> lookedFor) {

    /** An audit that looked for every finding type. */
    public AuditResult(List<RulesetAudit> rulesets, List<SkippedFile> skipped, Optional<Policy> policy,
            Optional<Comparison> baseline) {
        this(rulesets, skipped, policy, baseline, AuditOptions.AUDIT_FINDINGS);
    }

    /** A file found in a directory and not audited, with why. */
    public record SkippedFile(String file, String reason) {}

    /**
     * How the findings compare with a baseline.
     *
     * @param states the state of every finding of the result (new or unchanged)
     * @param absent the baseline's entries no finding matches any more
     */
    public record Comparison(Map<Finding, Baseline.State> states, List<Baseline.Entry> absent) {
        public Comparison {
            states = java.util.Collections.unmodifiableMap(new IdentityHashMap<>(states));
            absent = List.copyOf(absent);
        }
    }

    public AuditResult {
        rulesets = List.copyOf(rulesets);
        skipped = List.copyOf(skipped);
        lookedFor = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(lookedFor));
    }

    /** True when the audit looked for some finding types only ({@code --only}, {@code --skip}). */
    public boolean isSelective() {
        return !lookedFor.equals(AuditOptions.AUDIT_FINDINGS);
    }

    /** This result compared with a baseline. */
    public AuditResult against(Baseline baseline) {
        Map<String, Integer> remaining = new HashMap<>();
        for (Baseline.Entry e : baseline.entries()) {
            remaining.merge(e.key(), 1, Integer::sum);
        }
        Map<String, Integer> total = new HashMap<>(remaining);
        Map<Finding, Baseline.State> states = new IdentityHashMap<>();
        for (RulesetAudit r : rulesets) {
            for (Finding f : r.findings()) {
                String key = Baseline.key(r.file(), f.fingerprint());
                int left = remaining.getOrDefault(key, 0);
                if (left > 0) {
                    remaining.put(key, left - 1);
                    states.put(f, Baseline.State.UNCHANGED);
                } else {
                    states.put(f, Baseline.State.NEW);
                }
            }
        }
        // of the entries of each key, the first ones matched findings; the rest are absent
        List<Baseline.Entry> absent = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Baseline.Entry e : baseline.entries()) {
            int index = seen.merge(e.key(), 1, Integer::sum) - 1;
            if (index >= total.get(e.key()) - remaining.get(e.key())) {
                absent.add(e);
            }
        }
        return new AuditResult(rulesets, skipped, policy, Optional.of(new Comparison(states, absent)), lookedFor);
    }

    /** The baseline state of a finding of this result, once compared with a baseline. */
    public Optional<Baseline.State> state(Finding finding) {
        return baseline.map(c -> c.states().get(finding));
    }

    /** True when the finding is reported: not in the baseline (every finding, without one). */
    public boolean reported(Finding finding) {
        return state(finding).map(s -> s == Baseline.State.NEW).orElse(true);
    }

    /** The reported findings of a ruleset. */
    public List<Finding> reported(RulesetAudit ruleset) {
        return ruleset.findings().stream().filter(this::reported).toList();
    }

    /** Every finding of every ruleset, in order. */
    public List<Finding> findings() {
        return rulesets.stream().flatMap(r -> r.findings().stream()).toList();
    }

    /** True when some ruleset file could not be read or audited. */
    public boolean hasErrors() {
        return rulesets.stream().anyMatch(r -> r.error().isPresent());
    }

    /**
     * The gate of the reported findings, as {@code check} gates requirements: FAIL when one of at
     * least {@code failOn} is proven, else UNKNOWN when one of at least {@code failOn} is unknown,
     * else PASS. An unknown finding counts with the severity of what it is about: the
     * requirement's, or the exposure check's.
     */
    public Verdict verdict(Severity failOn) {
        boolean unknown = false;
        for (RulesetAudit r : rulesets) {
            for (Finding f : reported(r)) {
                if (!gateSeverity(f).atLeast(failOn)) {
                    continue;
                }
                if (!RulesetAudit.isUnknown(f)) {
                    return Verdict.FAIL;
                }
                unknown = true;
            }
        }
        return unknown ? Verdict.UNKNOWN : Verdict.PASS;
    }

    private Severity gateSeverity(Finding f) {
        if (f.type() == FindingType.REQUIREMENT_UNKNOWN) {
            return policy.flatMap(p -> p.requirements().stream()
                            .filter(q -> f.requirement().filter(q.id()::equals).isPresent()).findFirst())
                    .map(Requirement::severity).orElse(f.severity());
        }
        if (f.type() == FindingType.POSSIBLE_EXPOSURE && f.requirement().isPresent()) {
            return FindingType.byId(f.requirement().get()).defaultSeverity();
        }
        return f.severity();
    }
}
