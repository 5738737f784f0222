package io.fwcheck.format.chain;

import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one flow through chains directly, the way netfilter does: the reference the
 * flattened ruleset is tested against, and the source of readable trace paths
 * ({@code INPUT#3 -> app-in#2 RETURN -> INPUT#4 ACCEPT}).
 */
public final class ChainEvaluator {

    /**
     * The outcome for one flow.
     *
     * @param action the verdict, empty when an unmodelled condition on the way could change it
     * @param path the rules that matched, in order, each with what it did
     */
    public record Outcome(Optional<Action> action, List<String> path) {}

    private enum Exit { DECIDED, RETURNED, UNKNOWN }

    private final Map<String, Chain> chains;
    private final List<String> path = new ArrayList<>();
    private Action decided;

    private ChainEvaluator(Map<String, Chain> chains) {
        this.chains = chains;
    }

    /** Evaluates the flow through the base chains in order. */
    public static Outcome evaluate(Map<String, Chain> chains, List<BaseChain> bases, Flow flow) {
        ChainEvaluator e = new ChainEvaluator(chains);
        for (BaseChain base : bases) {
            if (!base.scope().matchesModelled(flow)) {
                continue;
            }
            Exit exit = e.run(base.chain(), flow);
            if (exit == Exit.UNKNOWN) {
                return new Outcome(Optional.empty(), e.path);
            }
            Action action = exit == Exit.DECIDED ? e.decided : base.policy();
            if (exit == Exit.RETURNED) {
                e.path.add(base.chain() + " policy " + action.name());
            }
            if (!action.accepts()) {
                return new Outcome(Optional.of(action), e.path);
            }
        }
        return new Outcome(Optional.of(Action.ACCEPT), e.path);
    }

    private Exit run(String name, Flow flow) {
        for (ChainRule rule : chains.get(name).rules()) {
            if (!rule.match().isCertain()) {
                if (rule.match().matchesModelled(flow)) {
                    path.add(rule.id() + " ?");
                    return Exit.UNKNOWN;
                }
                continue;
            }
            if (!rule.match().matchesModelled(flow)) {
                continue;
            }
            Target t = rule.target();
            if (t instanceof Target.Verdict v) {
                path.add(rule.id() + " " + v.action().name());
                decided = v.action();
                return Exit.DECIDED;
            } else if (t instanceof Target.Return) {
                path.add(rule.id() + " RETURN");
                return Exit.RETURNED;
            } else if (t instanceof Target.Jump j) {
                path.add(rule.id() + " -> " + j.chain());
                Exit inner = run(j.chain(), flow);
                if (inner != Exit.RETURNED) {
                    return inner;
                }
            } else if (t instanceof Target.Goto g) {
                path.add(rule.id() + " goto " + g.chain());
                return run(g.chain(), flow);
            } else if (t instanceof Target.Continue c) {
                path.add(rule.id() + " " + c.what());
            }
        }
        return Exit.RETURNED;
    }
}
