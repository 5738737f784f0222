package io.fwcheck.analysis;

import io.fwcheck.model.Rule;
import java.util.List;
import java.util.Optional;

/**
 * One textual change between two rulesets, with its semantic effect: the diff groups in which
 * the changed rule decides flows whose verdict changed (none means no packet's verdict changes).
 *
 * @param kind what happened to the rule
 * @param before the rule before (empty when added)
 * @param after the rule after (empty when removed)
 * @param fields for a modified rule, which fields changed ({@code action}, {@code sources}, …)
 * @param effect diff groups this change takes part in
 */
public record RuleChange(Kind kind, Optional<Rule> before, Optional<Rule> after, List<String> fields,
        List<DiffGroup> effect) {

    /** What happened to a rule. */
    public enum Kind {
        ADDED,
        REMOVED,
        MODIFIED,
        MOVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RuleChange {
        fields = List.copyOf(fields);
        effect = List.copyOf(effect);
    }

    /** The rule's id after the change, or before it when removed. */
    public String ruleId() {
        return after.or(() -> before).map(Rule::id).orElseThrow();
    }

    /** False when the change turns no packet's verdict around. */
    public boolean hasEffect() {
        return !effect.isEmpty();
    }
}
