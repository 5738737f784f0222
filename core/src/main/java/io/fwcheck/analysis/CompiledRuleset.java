package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.RuleMap;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ruleset compiled for analysis: its rule map and the flows it certainly and possibly accepts
 * (the two differ only where unmodelled conditions leave the outcome open).
 *
 * <p>Not thread-safe: its sets belong to one {@link FlowSpace}. Compile one per thread.
 */
public final class CompiledRuleset {

    private final FlowSpace space;
    private final RuleMap map;
    private final FlowSet certainlyAccepted;
    private final FlowSet possiblyAccepted;

    private CompiledRuleset(FlowSpace space, RuleMap map, FlowSet certainlyAccepted, FlowSet possiblyAccepted) {
        this.space = space;
        this.map = map;
        this.certainlyAccepted = certainlyAccepted;
        this.possiblyAccepted = possiblyAccepted;
    }

    /** Compiles into a new flow space of its own. */
    public static CompiledRuleset compile(Ruleset ruleset) {
        return compile(new FlowSpace(), ruleset);
    }

    public static CompiledRuleset compile(FlowSpace space, Ruleset ruleset) {
        RuleMap map = space.compile(ruleset);
        if (ruleset.isCertain()) {
            FlowSet accepted = map.acceptedModelled();
            return new CompiledRuleset(space, map, accepted, accepted);
        }
        List<Rule> rules = ruleset.rules();
        FlowSet must = ruleset.defaultAction().accepts() ? space.all() : space.none();
        FlowSet may = must;
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            FlowSet upper = map.match(i);
            FlowSet lower = rule.match().isCertain() ? upper : space.none();
            if (rule.action().accepts()) {
                may = upper.union(may);
                must = lower.union(must.minus(upper));
            } else {
                may = may.minus(lower);
                must = must.minus(upper);
            }
        }
        return new CompiledRuleset(space, map, must, may);
    }

    public Ruleset ruleset() {
        return map.ruleset();
    }

    public FlowSpace space() {
        return space;
    }

    public RuleMap map() {
        return map;
    }

    /** Flows accepted whatever the unmodelled conditions do. */
    public FlowSet certainlyAccepted() {
        return certainlyAccepted;
    }

    /** Flows accepted under at least one reading of the unmodelled conditions. */
    public FlowSet possiblyAccepted() {
        return possiblyAccepted;
    }

    /**
     * Which rules decide the flows of a set, in rule order, each with the part it decides. A rule
     * with unmodelled conditions is named where it may decide (it is the first that may match).
     */
    public List<Decision> decisionsOf(FlowSet flows, int cap) {
        List<Decision> out = new ArrayList<>();
        Ruleset ruleset = map.ruleset();
        for (int index : map.decidersOf(flows)) {
            FlowSet part = map.decidedBy(index).intersect(flows);
            if (index == ruleset.rules().size()) {
                out.add(new Decision(Optional.empty(), ruleset.defaultAction(), ruleset.source(), FlowSummary.of(part, cap)));
            } else {
                Rule rule = ruleset.rules().get(index);
                out.add(new Decision(Optional.of(rule), rule.action(), rule.location(), FlowSummary.of(part, cap)));
            }
        }
        return out;
    }

    /**
     * The unmodelled conditions that may decide some flow of the set: those of rules with
     * unmodelled conditions whose modelled part meets flows not already decided by an earlier
     * fully modelled rule.
     */
    public List<UnknownCause> unknownCausesFor(FlowSet flows) {
        List<UnknownCause> out = new ArrayList<>();
        if (flows.isEmpty()) {
            return out;
        }
        FlowSet open = flows;
        List<Rule> rules = map.ruleset().rules();
        for (int i = 0; i < rules.size() && !open.isEmpty(); i++) {
            Rule rule = rules.get(i);
            FlowSet m = map.match(i);
            if (rule.match().isCertain()) {
                open = open.minus(m);
            } else if (open.intersects(m)) {
                for (Unmodelled u : rule.match().unmodelled()) {
                    out.add(new UnknownCause(rule, u));
                }
            }
        }
        return out;
    }

    /** The action for flows no rule matches. */
    public Action defaultAction() {
        return map.ruleset().defaultAction();
    }
}
