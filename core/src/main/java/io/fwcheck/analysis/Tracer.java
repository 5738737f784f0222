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
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;

/**
 * Traces flows through a ruleset: which rule decides each and what it does. A compiled tracer
 * walks one path of a rule map per flow; when the map would exceed {@link #NODE_BUDGET} nodes,
 * or before an {@linkplain #adaptive adaptive} tracer has traced enough flows, rules are
 * evaluated one by one instead (same answers). Thread-safe.
 */
public final class Tracer {

    /** Largest rule map built for tracing, in diagram nodes (about 150 bytes each). */
    public static final int NODE_BUDGET = 4_000_000;

    /**
     * Rule evaluations per rule after which an adaptive tracer compiles its rule map: compiling
     * costs about 300 µs per rule (generated rulesets of 1k to 100k rules), evaluating a rule's
     * conditions on a flow about 27 ns, so by then evaluating has cost about what compiling does.
     */
    public static final long EVALUATIONS_PER_RULE = 10_000;

    private final Ruleset ruleset;
    private volatile RuleMap map;
    /** Rule evaluations after which the map is compiled; {@code Long.MAX_VALUE} for never (again). */
    private volatile long compileAfter;
    private final AtomicLong evaluations = new AtomicLong();

    private Tracer(Ruleset ruleset, RuleMap map, long compileAfter) {
        this.ruleset = ruleset;
        this.map = map;
        this.compileAfter = compileAfter;
    }

    /** A tracer that compiles the rule map now (or evaluates rules one by one when it is too large). */
    public static Tracer of(Ruleset ruleset) {
        return new Tracer(ruleset, compile(ruleset), Long.MAX_VALUE);
    }

    /**
     * A tracer that evaluates the rules one by one and compiles nothing: for a few flows it answers
     * at once, where compiling the rule map of a large ruleset first takes seconds.
     */
    public static Tracer ruleByRule(Ruleset ruleset) {
        return new Tracer(ruleset, null, Long.MAX_VALUE);
    }

    /**
     * A tracer that evaluates rules one by one until that has cost about what compiling the rule
     * map costs ({@link #EVALUATIONS_PER_RULE} evaluations per rule), then compiles it: at most
     * about twice the time of the better choice made in hindsight, however many flows come.
     */
    public static Tracer adaptive(Ruleset ruleset) {
        return adaptive(ruleset, EVALUATIONS_PER_RULE * Math.max(1, ruleset.rules().size()));
    }

    /** {@link #adaptive(Ruleset)}, compiling after {@code evaluations} rule evaluations in all. */
    public static Tracer adaptive(Ruleset ruleset, long evaluations) {
        return new Tracer(ruleset, null, Math.max(0, evaluations));
    }

    private static RuleMap compile(Ruleset ruleset) {
        try {
            return FlowSpace.suitedTo(ruleset.rules(), NODE_BUDGET).compile(ruleset);
        } catch (DiagramTooLargeException e) {
            return null;
        }
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

    private synchronized void compileNow() {
        if (map == null && compileAfter != Long.MAX_VALUE) {
            compileAfter = Long.MAX_VALUE;
            map = compile(ruleset);
        }
    }

    private TraceResult decide(Flow flow) {
        List<Rule> rules = ruleset.rules();
        RuleMap compiled = map;
        int first;
        if (compiled != null) {
            first = compiled.decide(flow);
        } else {
            first = ruleset.firstMatch(flow);
            long after = compileAfter;
            if (after != Long.MAX_VALUE && evaluations.addAndGet(first + 1) >= after) {
                compileNow();
            }
        }
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
