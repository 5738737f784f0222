package io.fwcheck.analysis;

/**
 * Flows whose verdict a change turns around, with the rule deciding them before and the rule
 * deciding them after.
 */
public record DiffGroup(RuleRef before, RuleRef after, FlowSummary flows) {

    /** {@code allow-app-postgres (accept) -> block-scanner (drop)}. */
    public String describe() {
        return before.describe() + " -> " + after.describe();
    }
}
