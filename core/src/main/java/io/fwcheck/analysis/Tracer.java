package io.fwcheck.analysis;

import io.fwcheck.engine.DiagramTooLargeException;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.RuleMap;
import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Traces flows through a ruleset: which rule decides each and what it does. The ruleset is
 * compiled once into a rule map, so each trace is a walk down one diagram path; when the map
 * would exceed {@link #NODE_BUDGET} nodes, rules are evaluated one by one instead (same answers,
 * slower). Thread-safe once built.
 */
public final class Tracer {

    /** Largest rule map built for tracing, in diagram nodes (about 150 bytes each). */
    public static final int NODE_BUDGET = 4_000_000;

    private final Ruleset ruleset;
    private final RuleMap map;

    private Tracer(Ruleset ruleset, RuleMap map) {
        this.ruleset = ruleset;
        this.map = map;
    }

    public static Tracer of(Ruleset ruleset) {
        RuleMap map;
        try {
            map = new FlowSpace(NODE_BUDGET).compile(ruleset);
        } catch (DiagramTooLargeException e) {
            map = null;
        }
        return new Tracer(ruleset, map);
    }

    /**
     * A tracer that evaluates the rules one by one and compiles nothing: for a few flows it answers
     * at once, where compiling the rule map of a large ruleset first takes seconds.
     */
    public static Tracer ruleByRule(Ruleset ruleset) {
        return new Tracer(ruleset, null);
    }

    /** True when traces walk a compiled rule map rather than evaluating rules one by one. */
    public boolean isCompiled() {
        return map != null;
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /**
     * What the ruleset does with one flow; for a ruleset flattened from chains, also the path the
     * flow takes through them (a walk rule by rule, so tracing such rulesets costs more).
     */
    public TraceResult trace(Flow flow) {
        TraceResult result = decide(flow);
        if (ruleset.chains().isEmpty()) {
            return result;
        }
        return new TraceResult(flow, result.action(), result.rule(), result.unknownCauses(),
                Optional.of(ruleset.chains().get().walk(flow)));
    }

    private TraceResult decide(Flow flow) {
        List<Rule> rules = ruleset.rules();
        int first = map != null ? map.decide(flow) : ruleset.firstMatch(flow);
        if (first == rules.size()) {
            return new TraceResult(flow, Optional.of(ruleset.defaultAction()), Optional.empty(), List.of());
        }
        Rule rule = rules.get(first);
        if (rule.match().isCertain()) {
            return new TraceResult(flow, Optional.of(rule.action()), Optional.of(rule), List.of());
        }
        Set<Action> possible = EnumSet.noneOf(Action.class);
        List<UnknownCause> causes = new ArrayList<>();
        boolean decided = false;
        for (int i = first; i < rules.size() && !decided; i++) {
            Rule r = rules.get(i);
            if (!r.match().matchesModelled(flow)) {
                continue;
            }
            possible.add(r.action());
            if (r.match().isCertain()) {
                decided = true;
            } else {
                for (Unmodelled u : r.match().uncertainties()) {
                    causes.add(new UnknownCause(r, u));
                }
            }
        }
        if (!decided) {
            possible.add(ruleset.defaultAction());
        }
        Optional<Action> action = possible.size() == 1 ? Optional.of(possible.iterator().next()) : Optional.empty();
        return new TraceResult(flow, action, Optional.of(rule), causes);
    }
}
