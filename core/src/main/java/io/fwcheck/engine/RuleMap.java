package io.fwcheck.engine;

import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ruleset compiled to one multi-terminal diagram: every flow maps to the index of the first rule
 * whose modelled conditions match it, or to {@code rules().size()} for the default action. Where
 * that rule has unmodelled conditions, it only may decide the flow. Immutable once built: look-ups
 * ({@link #decide}) are safe from many threads; set operations go through the owning
 * {@link FlowSpace} and are not.
 */
public final class RuleMap {

    private final FlowSpace space;
    private final Ruleset ruleset;
    private final Node root;
    private final List<FlowSet> matches;

    private RuleMap(FlowSpace space, Ruleset ruleset, Node root, List<FlowSet> matches) {
        this.space = space;
        this.ruleset = ruleset;
        this.root = root;
        this.matches = List.copyOf(matches);
    }

    /**
     * Builds the map by merging per-rule maps pairwise (rule order kept), so each merge round
     * touches diagrams about the size of the result: far less work than adding rules one by one
     * to an ever larger diagram.
     */
    static RuleMap compile(FlowSpace space, Ruleset ruleset) {
        List<Rule> rules = ruleset.rules();
        int n = rules.size();
        List<FlowSet> matches = space.matches(rules);
        Node merged = space.mergeInOrder(Op.FIRST, n,
                i -> space.mapTerminals(matches.get(i).node, v -> v != 0 ? i : Op.NO_MATCH), Op.NO_MATCH);
        Node decision = space.apply(Op.FIRST, merged, space.terminal(n));
        return new RuleMap(space, ruleset, decision, matches);
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public FlowSpace space() {
        return space;
    }

    /** Index of the first rule whose modelled conditions match the flow; {@code rules().size()} for the default. */
    public int decide(Flow flow) {
        return Lookup.value(space, root, flow);
    }

    /** The flows of rule {@code index}'s modelled match (canonical flows only). */
    public FlowSet match(int index) {
        return matches.get(index);
    }

    /** The flows the rule at {@code index} decides ({@code rules().size()} for the default action). */
    public FlowSet decidedBy(int index) {
        return space.wrap(space.mapTerminals(root, v -> v == index ? 1 : 0)).intersect(space.all());
    }

    /** The flows whose deciding rule (or default, {@code rules().size()}) is in {@code indexes}. */
    public FlowSet decidedByAny(Set<Integer> indexes) {
        Set<Integer> set = new HashSet<>(indexes);
        return space.wrap(space.mapTerminals(root, v -> set.contains(v) ? 1 : 0)).intersect(space.all());
    }

    /** The rule indexes (and {@code rules().size()} for the default) that decide some flow of the set. */
    public Set<Integer> decidersOf(FlowSet flows) {
        Node restricted = space.apply(Op.keepWhere(-1), flows.node, root);
        Set<Integer> out = new TreeSet<>();
        collect(restricted, out, new HashSet<>());
        out.remove(-1);
        return out;
    }

    /** Flows accepted when every rule matched exactly its modelled conditions. */
    public FlowSet acceptedModelled() {
        List<Rule> rules = ruleset.rules();
        boolean defaultAccepts = ruleset.defaultAction().accepts();
        return space.wrap(space.mapTerminals(root,
                v -> (v == rules.size() ? defaultAccepts : rules.get(v).action().accepts()) ? 1 : 0))
                .intersect(space.all());
    }

    /** Number of distinct diagram nodes of the compiled ruleset. */
    public int size() {
        Set<Node> seen = new HashSet<>();
        countNodes(root, seen);
        return seen.size();
    }

    private static void countNodes(Node n, Set<Node> seen) {
        if (!seen.add(n) || n.isTerminal()) {
            return;
        }
        for (Node k : n.kids) {
            countNodes(k, seen);
        }
    }

    private static void collect(Node n, Set<Integer> out, Set<Integer> seen) {
        if (!seen.add(n.id)) {
            return;
        }
        if (n.isTerminal()) {
            out.add(n.value);
            return;
        }
        for (Node k : n.kids) {
            collect(k, out, seen);
        }
    }
}
