package io.fwcheck.analysis;

import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import java.util.List;
import java.util.Optional;

/**
 * What a ruleset does with one flow.
 *
 * @param flow the flow traced
 * @param action the outcome, empty when it depends on unmodelled conditions (UNKNOWN)
 * @param rule the deciding rule; empty when the default policy decides; when the outcome is
 *     unknown, the first rule that may decide
 * @param unknownCauses unmodelled conditions met on the way that could change the outcome
 * @param path the way through the chains the ruleset was flattened from, rule by rule; empty for
 *     a ruleset without chains. It ends at the first rule that may branch when one is on the way.
 */
public record TraceResult(Flow flow, Optional<Action> action, Optional<Rule> rule, List<UnknownCause> unknownCauses,
        Optional<ChainPath> path) {

    /** A trace through a ruleset without chains. */
    public TraceResult(Flow flow, Optional<Action> action, Optional<Rule> rule, List<UnknownCause> unknownCauses) {
        this(flow, action, rule, unknownCauses, Optional.empty());
    }

    public TraceResult {
        unknownCauses = List.copyOf(unknownCauses);
    }

    public boolean isUnknown() {
        return action.isEmpty();
    }

    /** The verdict word: {@code accept}, {@code drop}, {@code reject} or {@code unknown}. */
    public String verdict() {
        return action.map(Action::label).orElse("unknown");
    }

    /** The deciding rule's id, or {@code default policy}. */
    public String decidedBy() {
        return rule.map(Rule::id).orElse("default policy");
    }
}
