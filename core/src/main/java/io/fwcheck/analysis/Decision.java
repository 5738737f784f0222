package io.fwcheck.analysis;

import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.SourceLocation;
import java.util.Optional;

/**
 * The rule (or the default policy) that decides part of a set of flows.
 *
 * @param rule the deciding rule, empty for the default policy
 * @param action what it does
 * @param location where the rule (or the default policy) is written
 * @param flows the part of the set it decides
 */
public record Decision(Optional<Rule> rule, Action action, SourceLocation location, FlowSummary flows) {

    /** The rule's id, or {@code default policy}. */
    public String name() {
        return rule.map(Rule::id).orElse("default policy");
    }

    /** True when the rule has conditions fwcheck does not model. */
    public boolean uncertain() {
        return rule.map(r -> !r.match().isCertain()).orElse(false);
    }
}
