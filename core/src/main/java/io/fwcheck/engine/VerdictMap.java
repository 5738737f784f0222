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

    private VerdictMap(FlowSpace space, Ruleset ruleset, List<FlowSet> matches, Node root, Node within) {
        this.space = space;
        this.ruleset = ruleset;
        this.matches = matches;
        this.certainlyAccepted = space.wrap(space.and(space.mapTerminals(root, v -> v == Op.MAY_ACCEPT ? 1 : 0), within));
        this.possiblyAccepted = space.wrap(space.and(space.mapTerminals(root, v -> v & Op.MAY_ACCEPT), within));
    }

    static VerdictMap compile(FlowSpace space, Ruleset ruleset) {
        return compile(space, ruleset, space.matches(ruleset.rules()), space.all());
    }

    /**
     * The verdicts on the flows of {@code within} only (its accepted sets hold no other flow):
     * rules whose match misses those flows take no part, so a small region of a large ruleset
     * compiles at the cost of the rules that meet it.
     *
     * @param matches each rule's match, as {@link FlowSpace#of(io.fwcheck.model.Match)} makes it
     */
    static VerdictMap compile(FlowSpace space, Ruleset ruleset, List<FlowSet> matches, FlowSet within) {
        List<Rule> rules = ruleset.rules();
        int n = rules.size();
        boolean everywhere = within.node == space.universe();
        int[] meeting = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (everywhere || space.intersects(matches.get(i).node, within.node)) {
                meeting[count++] = i;
            }
        }
        int fallback = ruleset.defaultAction().accepts() ? Op.MAY_ACCEPT : Op.MAY_DENY;
        Node merged = space.mergeInOrder(Op.FIRST_VERDICT, count, k -> {
            Rule rule = rules.get(meeting[k]);
            Node match = matches.get(meeting[k]).node;
            if (!everywhere) {
                match = space.and(match, within.node);
            }
            int outcome = (rule.action().accepts() ? Op.MAY_ACCEPT : Op.MAY_DENY)
                    | (rule.match().isCertain() ? 0 : Op.MAY_CONTINUE);
            return space.mapTerminals(match, v -> v != 0 ? outcome : Op.MAY_CONTINUE);
        }, Op.MAY_CONTINUE);
        Node root = space.apply(Op.FIRST_VERDICT, merged, space.terminal(fallback));
        return new VerdictMap(space, ruleset, List.copyOf(matches), root, within.node);
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
