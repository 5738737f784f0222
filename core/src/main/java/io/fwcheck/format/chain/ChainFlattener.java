package io.fwcheck.format.chain;

import io.fwcheck.format.InputException;
import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Turns chains with jumps, gotos and returns, entered from one or more base chains in order,
 * into one first-match ruleset with the same verdict for every packet:
 * <ul>
 *   <li>a rule of a chain entered through jump rules matches the conjunction of those rules'
 *       matches and its own, and its id joins their ids ({@code INPUT#3>app-in#2});
 *   <li>a {@code RETURN} rule, or a goto rule, excludes its packets from the rest of its chain
 *       ({@link Match#except()}), so they continue where the chain was entered from;
 *   <li>several base chains on one hook run in order: a packet a base chain accepts (by a rule or
 *       its policy) goes on to the next one; a drop or reject is final;
 *   <li>a policy the input does not tell is an uncertain accept (the rule {@code CHAIN#unknown-policy})
 *       before the drop that stands for it: what reaches it is UNKNOWN.
 * </ul>
 * Unmodelled conditions carry over, so a rule reached through an uncertain jump is uncertain.
 */
public final class ChainFlattener {

    /** Most rules a flattened ruleset may have; chains entered from many places multiply. */
    public static final int DEFAULT_MAX_RULES = 1_000_000;

    private final Map<String, Chain> chains;
    private final List<BaseChain> bases;
    private final SourceLocation source;
    private final int maxRules;
    private final List<Rule> out = new ArrayList<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private Action defaultAction;
    private SourceLocation defaultLocation;

    private ChainFlattener(Map<String, Chain> chains, List<BaseChain> bases, SourceLocation source, int maxRules) {
        this.chains = chains;
        this.bases = List.copyOf(bases);
        this.source = source;
        this.maxRules = maxRules;
    }

    /**
     * Flattens the chains entered from {@code bases}, in order.
     *
     * @param name the ruleset's name
     * @param chains every chain by name
     * @param bases the base chains on the hook, in evaluation order (at least one)
     * @param source where the ruleset was read from
     * @throws InputException for a jump to a missing chain, a loop of jumps, or a result over
     *     {@link #DEFAULT_MAX_RULES} rules
     */
    public static Ruleset flatten(String name, Map<String, Chain> chains, List<BaseChain> bases, SourceLocation source) {
        return flatten(name, chains, bases, source, DEFAULT_MAX_RULES);
    }

    public static Ruleset flatten(String name, Map<String, Chain> chains, List<BaseChain> bases, SourceLocation source,
            int maxRules) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no base chain");
        }
        ChainFlattener f = new ChainFlattener(chains, bases, source, maxRules);
        f.walkBases(0, Match.any(), "", true);
        SourceLocation where = f.defaultLocation != null ? f.defaultLocation : source;
        return new Ruleset(name, f.out, f.defaultAction != null ? f.defaultAction : Action.ACCEPT, where);
    }

    /** Evaluates base chains from {@code index} on for the packets of {@code context}. */
    private void walkBases(int index, Match context, String path, boolean top) {
        if (index == bases.size()) {
            finish(Action.ACCEPT, context, path + "accepted", bases.get(bases.size() - 1).policyLocation(), top);
            return;
        }
        BaseChain base = bases.get(index);
        boolean whole = base.scope().equals(Match.any());
        Match scoped = whole ? context : context.and(base.scope());
        // a base chain starts a fresh evaluation: jumps made before it do not count as loops
        List<String> outer = new ArrayList<>(stack);
        stack.clear();
        walkChain(base.chain(), scoped, path, true, index + 1, base.policyLocation());
        stack.addAll(outer);
        if (base.unknownPolicy().isPresent()) {
            Match maybe = scoped.toBuilder().unmodelled(base.unknownPolicy().get()).build();
            String id = path + base.chain() + "#unknown-policy";
            if (laterBaseMayEnter(index + 1, maybe)) {
                walkBases(index + 1, maybe, id + ">", false);
            } else {
                emit(new Rule(id, Action.ACCEPT, maybe, "policy of " + base.chain() + ", not in the input",
                        base.policyLocation()).asStandIn());
            }
        }
        if (base.policy().accepts()) {
            walkBases(index + 1, context, path, top);
        } else if (whole) {
            finish(base.policy(), context, path + base.chain() + "#policy", base.policyLocation(), top);
        } else {
            emit(new Rule(path + base.chain() + "#policy", base.policy(), scoped, "policy of " + base.chain(),
                    base.policyLocation()).asStandIn());
            walkBases(index + 1, context, path, top);
        }
    }

    /** Decides every remaining packet of the context: the default action at the top, else a rule. */
    private void finish(Action action, Match context, String id, SourceLocation where, boolean top) {
        if (top) {
            defaultAction = action;
            defaultLocation = where;
        } else {
            emit(new Rule(id, action, context, "", where).asStandIn());
        }
    }

    private void walkChain(String name, Match context, String path, boolean named, int nextBase, SourceLocation from) {
        Chain chain = chains.get(name);
        if (chain == null) {
            throw new InputException(from, "jump to chain '" + name + "', which is not defined",
                    "one of the chains " + String.join(", ", chains.keySet()));
        }
        if (stack.contains(name)) {
            throw new InputException(from, "chain '" + name + "' is entered again from itself: "
                    + String.join(" -> ", entered()) + " -> " + name, "chains without loops");
        }
        stack.push(name);
        List<Match> leaving = new ArrayList<>();
        for (ChainRule rule : chain.rules()) {
            Match effective = context.and(rule.match());
            if (!leaving.isEmpty()) {
                Match.Builder b = effective.toBuilder();
                leaving.forEach(b::except);
                effective = b.build();
            }
            String id = path + rule.id();
            boolean stable = named && rule.named();
            Target target = rule.target();
            if (target instanceof Target.Verdict v) {
                if (v.action().accepts() && laterBaseMayEnter(nextBase, effective)) {
                    walkBases(nextBase, effective, id + ">", false);
                } else {
                    emit(new Rule(id, v.action(), effective, rule.comment(), rule.location(), stable, List.of(),
                            rule.standIn()));
                }
            } else if (target instanceof Target.Jump j) {
                walkChain(j.chain(), effective, id + ">", stable, nextBase, rule.location());
            } else if (target instanceof Target.Goto g) {
                walkChain(g.chain(), effective, id + ">", stable, nextBase, rule.location());
                leaving.add(rule.match());
            } else if (target instanceof Target.Return) {
                leaving.add(rule.match());
            }
        }
        stack.pop();
    }

    /**
     * True when a base chain from {@code from} on may see packets of {@code match}; false when every
     * later one is for another family (an IPv4 packet accepted in the last IPv4 base chain is accepted).
     */
    private boolean laterBaseMayEnter(int from, Match match) {
        for (int i = from; i < bases.size(); i++) {
            Match scope = bases.get(i).scope();
            boolean familiesOnly = scope.equals(Match.builder().families(scope.families()).build());
            if (!familiesOnly || scope.families().stream().anyMatch(match.families()::contains)) {
                return true;
            }
        }
        return false;
    }

    private List<String> entered() {
        List<String> names = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(names::add);
        return names;
    }

    private void emit(Rule rule) {
        if (out.size() >= maxRules) {
            throw new InputException(source, "the ruleset expands to more than " + maxRules
                    + " rules when its chains are inlined", "chains entered from fewer places");
        }
        out.add(rule);
    }
}
