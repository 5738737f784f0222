package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.DiffGroup;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.RuleChange;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Differ} against brute force on seeded edits of generated rulesets: a sampled flow is
 * newly accepted, newly blocked or of uncertain change exactly when first-match evaluation of the
 * two versions (under every reading of unmodelled conditions) says so; each opened or blocked flow
 * lies in the group of the rules that decide it before and after; and the requirements the diff
 * evaluates on the changed ruleset agree with a check of that ruleset compiled on its own.
 *
 * <p>A diff compiles only the flows some changed rule may match, so the edits cover what that
 * must get right: removed, flipped, moved, modified, duplicated and inserted rules, changed
 * default actions, rules paired by name and (unnamed, as in a dump) by content, and no edit.
 */
class DiffDifferentialTest {

    static LongStream seeds() {
        return DifferentialCase.seeds(150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void opened_blocked_and_uncertain_flows_agree_with_brute_force(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        boolean unnamed = random.nextInt(3) == 0;
        Ruleset before = unnamed ? positional(c.ruleset) : c.ruleset;
        Ruleset after = edited(before, seed, random, unnamed);
        Policy policy = PolicyGenerator.seeded(seed).about(before).generate(8);
        DiffResult diff = Differ.diff(before, after, DiffOptions.defaults().withPolicy(policy).withCap(Integer.MAX_VALUE));
        Failures failures = new Failures(c);

        List<Flow> flows = new ArrayList<>(FlowGenerator.seeded(seed).biasedToward(before).biasedToward(after).flows(1_000));
        BoxSampler sampler = new BoxSampler(seed);
        for (FlowSummary s : List.of(diff.newlyAccepted(), diff.newlyBlocked(), diff.uncertain())) {
            s.witness().ifPresent(flows::add);
            for (FlowBox box : s.boxes()) {
                for (boolean corner : new boolean[] {true, false}) {
                    Flow f = sampler.inside(box, corner);
                    if (f != null) {
                        flows.add(f);
                    }
                }
            }
        }
        boolean certain = before.isCertain() && after.isCertain();
        String edits = " (after " + describe(diff) + ")";
        for (Flow flow : flows) {
            boolean acceptedAfter = BruteForce.certainlyAccepted(after, flow);
            boolean mayAcceptAfter = BruteForce.possiblyAccepted(after, flow);
            boolean acceptedBefore = BruteForce.certainlyAccepted(before, flow);
            boolean mayAcceptBefore = BruteForce.possiblyAccepted(before, flow);
            boolean opened = acceptedAfter && !mayAcceptBefore;
            boolean closed = acceptedBefore && !mayAcceptAfter;
            boolean uncertain = !opened && !closed
                    && (mayAcceptAfter && !acceptedBefore || mayAcceptBefore && !acceptedAfter);
            boolean inOpened = in(diff.newlyAccepted(), flow);
            boolean inClosed = in(diff.newlyBlocked(), flow);
            boolean inUncertain = in(diff.uncertain(), flow);
            failures.check(inOpened == opened, () -> "newly accepted: diff " + inOpened + ", brute force " + opened + edits, flow);
            failures.check(inClosed == closed, () -> "newly blocked: diff " + inClosed + ", brute force " + closed + edits, flow);
            failures.check(inUncertain == uncertain,
                    () -> "uncertain: diff " + inUncertain + ", brute force " + uncertain + edits, flow);
            if (certain && (opened || closed)) {
                String was = name(before, before.firstMatch(flow));
                String now = name(after, after.firstMatch(flow));
                List<DiffGroup> groups = opened ? diff.acceptedGroups() : diff.blockedGroups();
                List<String> holding = groups.stream().filter(g -> in(g.flows(), flow)).map(DiffGroup::describe).toList();
                failures.check(holding.size() == 1 && holding.get(0).startsWith(was + " (") && holding.get(0).contains("-> " + now + " ("),
                        () -> "groups holding the flow " + holding + ", brute force " + was + " -> " + now + edits, flow);
            }
        }

        CheckResult direct = Checker.check(CompiledRuleset.compile(after), policy, Integer.MAX_VALUE);
        for (int i = 0; i < policy.requirements().size(); i++) {
            RequirementResult viaDiff = diff.requirements().get(i).after();
            RequirementResult alone = direct.results().get(i);
            if (viaDiff.verdict() != alone.verdict()
                    || !viaDiff.violation().boxes().equals(alone.violation().boxes())
                    || !viaDiff.uncertain().boxes().equals(alone.uncertain().boxes())) {
                failures.add(policy.requirements().get(i).id() + " after the change: the diff says " + viaDiff.verdict()
                        + ", a check of the changed ruleset " + alone.verdict() + edits);
            }
        }
        failures.assertNone();
    }

    /** The same rules without user-given names, identified by position as a dump's are. */
    private static Ruleset positional(Ruleset ruleset) {
        List<Rule> rules = new ArrayList<>();
        for (Rule r : ruleset.rules()) {
            rules.add(new Rule("#" + (rules.size() + 1), r.action(), r.match(), r.comment(), r.location(), false));
        }
        return new Ruleset(ruleset.name(), rules, ruleset.defaultAction(), ruleset.source());
    }

    /**
     * Up to six seeded edits of every kind; now and then none, or only a new default action, or
     * the whole list reversed first.
     */
    private static Ruleset edited(Ruleset ruleset, long seed, SplittableRandom random, boolean unnamed) {
        List<Rule> others = RulesetGenerator.seeded(seed + 1_000_003L).withIpv6Share(random.nextInt(2) * 0.5)
                .withUnmodelledRate(random.nextInt(3) == 0 ? 0.1 : 0.0).generate(20).rules();
        List<Rule> rules = new ArrayList<>(ruleset.rules());
        if (random.nextInt(10) == 0) {
            // a rewrite: every rule moves, so most rules change
            Collections.reverse(rules);
        }
        int count = random.nextInt(7);
        for (int e = 0; e < count && !rules.isEmpty(); e++) {
            int i = random.nextInt(rules.size());
            Rule r = rules.get(i);
            Rule other = others.get(random.nextInt(others.size()));
            switch (random.nextInt(6)) {
                case 0 -> rules.remove(i);
                case 1 -> rules.set(i, with(r, r.id(), flip(r.action()), r));
                case 2 -> rules.add(random.nextInt(rules.size()), rules.remove(i));
                case 3 -> rules.set(i, with(r, r.id(), r.action(), other));
                case 4 -> rules.add(random.nextInt(rules.size() + 1), with(r, "copy-" + e, r.action(), r));
                default -> rules.add(random.nextInt(rules.size() + 1), with(other, "new-" + e, other.action(), other));
            }
        }
        Action fallback = random.nextInt(8) == 0 ? flip(ruleset.defaultAction()) : ruleset.defaultAction();
        Ruleset out = new Ruleset(ruleset.name(), rules, fallback, ruleset.source());
        return unnamed ? positional(out) : out;
    }

    private static Rule with(Rule r, String id, Action action, Rule matchOf) {
        return new Rule(id, action, matchOf.match(), r.comment(), r.location(), r.named());
    }

    private static Action flip(Action a) {
        return a.accepts() ? Action.DROP : Action.ACCEPT;
    }

    private static boolean in(FlowSummary summary, Flow flow) {
        assertThat(summary.truncated()).as("uncapped summary").isFalse();
        return summary.boxes().stream().anyMatch(b -> BoxSampler.contains(b, flow));
    }

    private static String name(Ruleset ruleset, int index) {
        return index == ruleset.rules().size() ? "default policy" : ruleset.rules().get(index).id();
    }

    private static String describe(DiffResult diff) {
        List<String> out = new ArrayList<>();
        for (RuleChange ch : diff.ruleChanges()) {
            out.add(ch.kind() + " " + ch.before().map(Rule::id).orElse("") + "/" + ch.after().map(Rule::id).orElse(""));
        }
        if (diff.defaultChanged()) {
            out.add("default " + diff.before().defaultAction() + " -> " + diff.after().defaultAction());
        }
        return out.isEmpty() ? "no edit" : String.join(", ", out);
    }
}
