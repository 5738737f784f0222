package io.fwcheck.analysis;

import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.List;

/**
 * The result of checking a ruleset against a policy: one result per requirement, in policy order.
 */
public record CheckResult(Ruleset ruleset, Policy policy, List<RequirementResult> results) {

    public CheckResult {
        results = List.copyOf(results);
    }

    /** FAIL if any requirement failed, else UNKNOWN if any is unknown, else PASS. */
    public Verdict verdict() {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        return results.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.PASS;
    }

    /** True when a requirement of at least the given severity failed. */
    public boolean failsAt(Severity threshold) {
        return results.stream()
                .anyMatch(r -> r.verdict() == Verdict.FAIL && r.requirement().severity().atLeast(threshold));
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** One finding per failed or unknown requirement, in policy order. */
    public List<Finding> findings() {
        return Finding.of(this);
    }
}
