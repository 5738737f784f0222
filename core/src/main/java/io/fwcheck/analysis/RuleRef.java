package io.fwcheck.analysis;

import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.SourceLocation;
import java.util.Optional;

/**
 * A rule, or the default policy, of one ruleset, as named in reports.
 *
 * @param rule the rule, empty for the default policy
 * @param action what it does
 * @param location where it is written
 */
public record RuleRef(Optional<Rule> rule, Action action, SourceLocation location) {

    /** The rule's id, or {@code default policy}. */
    public String name() {
        return rule.map(Rule::id).orElse("default policy");
    }

    /** {@code block-scanner (drop, proposed.yaml:31:5)}. */
    public String describe() {
        return name() + " (" + action.label() + (location.line() > 0 ? ", " + location : "") + ")";
    }
}
