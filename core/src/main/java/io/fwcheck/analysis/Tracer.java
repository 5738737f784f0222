package io.fwcheck.analysis;

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
 * compiled once, so each trace is a walk down one diagram path. Thread-safe once built.
 */
public final class Tracer {

    private final Ruleset ruleset;
    private final RuleMap map;

    private Tracer(Ruleset ruleset, RuleMap map) {
        this.ruleset = ruleset;
        this.map = map;
    }

    public static Tracer of(Ruleset ruleset) {
        return new Tracer(ruleset, new FlowSpace().compile(ruleset));
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public TraceResult trace(Flow flow) {
        List<Rule> rules = ruleset.rules();
        int first = map.decide(flow);
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
                for (Unmodelled u : r.match().unmodelled()) {
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
