package io.fwcheck.engine;

import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.List;

/**
 * A ruleset compiled to the outcomes each flow may have: certainly accepted, certainly denied, or
 * either (where a rule with unmodelled conditions may or may not match). Terminals are sets of
 * {@link Op#MAY_ACCEPT} and {@link Op#MAY_DENY}, so the diagram stays as small as the accepted
 * set itself, unlike a {@link RuleMap} that tells every rule apart.
 */
public final class VerdictMap {

    private final FlowSpace space;
    private final Ruleset ruleset;
    private final List<FlowSet> matches;
    private final FlowSet certainlyAccepted;
    private final FlowSet possiblyAccepted;

    private VerdictMap(FlowSpace space, Ruleset ruleset, List<FlowSet> matches, Node root) {
        this.space = space;
        this.ruleset = ruleset;
        this.matches = matches;
        this.certainlyAccepted = space.wrap(space.mapTerminals(root, v -> v == Op.MAY_ACCEPT ? 1 : 0)).intersect(space.all());
        this.possiblyAccepted = space.wrap(space.mapTerminals(root, v -> v & Op.MAY_ACCEPT)).intersect(space.all());
    }

    static VerdictMap compile(FlowSpace space, Ruleset ruleset) {
        List<Rule> rules = ruleset.rules();
        int n = rules.size();
        FlowSet[] matches = new FlowSet[n];
        Node[] leaves = new Node[n];
        for (int i = 0; i < n; i++) {
            Rule rule = rules.get(i);
            Node match = space.matchNode(rule.match());
            matches[i] = space.wrap(match);
            int outcome = (rule.action().accepts() ? Op.MAY_ACCEPT : Op.MAY_DENY)
                    | (rule.match().isCertain() ? 0 : Op.MAY_CONTINUE);
            leaves[i] = space.mapTerminals(match, v -> v != 0 ? outcome : Op.MAY_CONTINUE);
        }
        int fallback = ruleset.defaultAction().accepts() ? Op.MAY_ACCEPT : Op.MAY_DENY;
        Node root = space.apply(Op.FIRST_VERDICT, space.mergeInOrder(Op.FIRST_VERDICT, leaves, Op.MAY_CONTINUE),
                space.terminal(fallback));
        return new VerdictMap(space, ruleset, List.of(matches), root);
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /** The flows of rule {@code index}'s modelled match. */
    public FlowSet match(int index) {
        return matches.get(index);
    }

    /** Flows accepted whatever unmodelled conditions do. */
    public FlowSet certainlyAccepted() {
        return certainlyAccepted;
    }

    /** Flows accepted under at least one reading of unmodelled conditions. */
    public FlowSet possiblyAccepted() {
        return possiblyAccepted;
    }
}
