package io.fwcheck.format.chain;

import io.fwcheck.model.Action;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.ChainPath.Kind;
import io.fwcheck.model.ChainPath.Step;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates one flow through chains directly, the way netfilter does: the reference the
 * flattened ruleset is tested against, and the source of readable trace paths
 * ({@code INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT}). A rule whose unmodelled conditions may
 * match the flow ends the path with a branch, unless it only logs or counts: then the flow goes on
 * either way.
 */
public final class ChainEvaluator {

    private enum Exit { DECIDED, RETURNED, UNKNOWN }

    private final Map<String, Chain> chains;
    private final List<Step> path = new ArrayList<>();
    private Action decided;

    private ChainEvaluator(Map<String, Chain> chains) {
        this.chains = chains;
    }

    /** Evaluates the flow through the base chains in order. */
    public static ChainPath evaluate(Map<String, Chain> chains, List<BaseChain> bases, Flow flow) {
        ChainEvaluator e = new ChainEvaluator(chains);
        for (BaseChain base : bases) {
            if (!base.scope().matchesModelled(flow)) {
                continue;
            }
            Exit exit = e.run(base.chain(), flow, true);
            if (exit == Exit.UNKNOWN) {
                return new ChainPath(e.path, Optional.empty());
            }
            if (exit == Exit.RETURNED && base.unknownPolicy().isPresent()) {
                e.path.add(new Step(Kind.BRANCH, base.chain(), "policy " + base.unknownPolicy().get().construct(),
                        base.policyLocation()));
                return new ChainPath(e.path, Optional.empty());
            }
            Action action = exit == Exit.DECIDED ? e.decided : base.policy();
            if (exit == Exit.RETURNED) {
                e.path.add(new Step(Kind.POLICY, base.chain(), action.name(), base.policyLocation()));
            }
            if (!action.accepts()) {
                return new ChainPath(e.path, Optional.of(action));
            }
        }
        return new ChainPath(e.path, Optional.of(Action.ACCEPT));
    }

    private Exit run(String name, Flow flow, boolean base) {
        Chain chain = chains.get(name);
        for (ChainRule rule : chain.rules()) {
            if (!rule.match().matchesModelled(flow)) {
                continue;
            }
            Target t = rule.target();
            if (!rule.match().isCertain()) {
                if (t instanceof Target.Continue c) {
                    // logs or counts, or not: the flow goes on either way
                    path.add(new Step(Kind.CONTINUE, rule.id(), "maybe " + c.what(), rule.location()));
                    continue;
                }
                path.add(new Step(Kind.BRANCH, rule.id(), describe(t) + " if " + constructs(rule), rule.location()));
                return Exit.UNKNOWN;
            }
            if (t instanceof Target.Verdict v) {
                path.add(new Step(Kind.VERDICT, rule.id(), v.action().name(), rule.location()));
                decided = v.action();
                return Exit.DECIDED;
            } else if (t instanceof Target.Return) {
                path.add(new Step(Kind.RETURN, rule.id(), "", rule.location()));
                return Exit.RETURNED;
            } else if (t instanceof Target.Jump j) {
                path.add(new Step(Kind.JUMP, rule.id(), j.chain(), rule.location()));
                Exit inner = run(j.chain(), flow, false);
                if (inner != Exit.RETURNED) {
                    return inner;
                }
            } else if (t instanceof Target.Goto g) {
                path.add(new Step(Kind.GOTO, rule.id(), g.chain(), rule.location()));
                return run(g.chain(), flow, false);
            } else if (t instanceof Target.Continue c) {
                path.add(new Step(Kind.CONTINUE, rule.id(), c.what(), rule.location()));
            }
        }
        if (!base) {
            ChainRule last = chain.rules().isEmpty() ? null : chain.rules().get(chain.rules().size() - 1);
            path.add(new Step(Kind.END, name, "", last == null ? path.get(path.size() - 1).location() : last.location()));
        }
        return Exit.RETURNED;
    }

    private static String describe(Target t) {
        if (t instanceof Target.Verdict v) {
            return v.action().name();
        } else if (t instanceof Target.Jump j) {
            return "jump " + j.chain();
        } else if (t instanceof Target.Goto g) {
            return "goto " + g.chain();
        } else if (t instanceof Target.Return) {
            return "RETURN";
        }
        return ((Target.Continue) t).what();
    }

    private static String constructs(ChainRule rule) {
        return rule.match().uncertainties().stream().map(Unmodelled::construct).distinct().collect(Collectors.joining(", "));
    }
}
