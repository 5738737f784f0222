package io.fwcheck.analysis;

import io.fwcheck.analysis.CompiledRuleset.Part;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.VerdictMap;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.RulesetChange;
import io.fwcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes what a change to a ruleset does: the exact flows it newly accepts and newly blocks,
 * grouped by the rules deciding them before and after, the textual rule changes labelled with
 * their effect, requirements before and after, and new exposure of watched source ranges.
 */
public final class Differ {

    private final CompiledRuleset before;
    private final CompiledRuleset after;
    private final RuleMatcher.Pairing pairing;
    private final FlowSpace space;
    private final int cap;
    /** Every flow some rule that is not kept as it was may match (all flows when the default changed). */
    private final FlowSet touched;
    /** Both versions' verdicts on the flows of {@link #touched}. */
    private final VerdictMap was;
    private final VerdictMap now;

    private Differ(FlowSpace space, Ruleset before, Ruleset after, int cap) {
        this.space = space;
        this.cap = cap;
        this.pairing = RuleMatcher.pair(before.rules(), after.rules());
        List<FlowSet> beforeMatches = space.matches(before.rules());
        List<FlowSet> afterMatches = new ArrayList<>(after.rules().size());
        boolean[] keptBefore = new boolean[before.rules().size()];
        List<FlowSet> changed = new ArrayList<>();
        for (int j = 0; j < after.rules().size(); j++) {
            if (pairing.kept(j)) {
                keptBefore[pairing.pairOf(j)] = true;
                afterMatches.add(beforeMatches.get(pairing.pairOf(j)));
            } else {
                FlowSet match = space.of(after.rules().get(j).match());
                afterMatches.add(match);
                changed.add(match);
            }
        }
        for (int i = 0; i < keptBefore.length; i++) {
            if (!keptBefore[i]) {
                changed.add(beforeMatches.get(i));
            }
        }
        // A flow no changed rule may match meets the kept rules alone, the same rules in the same
        // order before and after: its verdict cannot change, so only the touched flows are compiled.
        // When most rules changed, that region is about everything and costs more to build than
        // it saves: every flow is compiled then.
        boolean mostlyChanged = 2 * changed.size() > before.rules().size() + after.rules().size();
        this.touched = mostlyChanged || before.defaultAction().accepts() != after.defaultAction().accepts()
                ? space.all() : FlowSet.unionOf(space, changed);
        this.was = space.verdicts(before, beforeMatches, touched);
        this.now = space.verdicts(after, afterMatches, touched);
        this.before = CompiledRuleset.matchesOnly(space, before, beforeMatches);
        this.after = CompiledRuleset.matchesOnly(space, after, afterMatches);
        if (touched.isAll()) {
            this.before.accept(was);
        }
        this.after.acceptLike(this.before, touched, now);
    }

    public static DiffResult diff(Ruleset before, Ruleset after) {
        return diff(before, after, DiffOptions.defaults());
    }

    public static DiffResult diff(Ruleset before, Ruleset after, DiffOptions options) {
        List<Rule> both = new ArrayList<>(before.rules());
        both.addAll(after.rules());
        return new Differ(FlowSpace.suitedTo(both), before, after, options.cap()).run(options);
    }

    /**
     * Diffs each ruleset of a change set (e.g. every security group a Terraform plan changes) with
     * the same options, in order.
     */
    public static List<ChangeDiff> diff(List<RulesetChange> changes, DiffOptions options) {
        List<ChangeDiff> out = new ArrayList<>();
        for (RulesetChange c : changes) {
            out.add(new ChangeDiff(c, diff(c.before(), c.after(), options)));
        }
        return out;
    }

    /**
     * The gate's verdict over a change set: the worst of its diffs' (FAIL before UNKNOWN before
     * PASS); PASS when nothing changed.
     */
    public static Verdict gate(List<ChangeDiff> diffs, Severity failOn, boolean failOnExisting) {
        Verdict worst = Verdict.PASS;
        for (ChangeDiff d : diffs) {
            Verdict v = d.result().gate(failOn, failOnExisting);
            if (v == Verdict.FAIL || v == Verdict.UNKNOWN && worst == Verdict.PASS) {
                worst = v;
            }
        }
        return worst;
    }

    private DiffResult run(DiffOptions options) {
        // outside the touched flows both versions decide alike, so every flow whose verdict
        // changes is touched; flows undecided in both (unmodelled conditions) may lie anywhere
        FlowSet opened = now.certainlyAccepted().minus(was.possiblyAccepted());
        FlowSet closed = was.certainlyAccepted().minus(now.possiblyAccepted());
        FlowSet undecidedOutside = before.ruleset().isCertain() ? space.none()
                : before.possiblyAccepted().minus(before.certainlyAccepted()).minus(touched);
        FlowSet mayOpen = now.possiblyAccepted().minus(was.certainlyAccepted()).union(undecidedOutside);
        FlowSet maybe = mayOpen
                .union(was.possiblyAccepted().minus(now.certainlyAccepted()))
                .minus(opened)
                .minus(closed);
        List<DiffGroup> openedGroups = groups(opened);
        List<DiffGroup> closedGroups = groups(closed);
        List<UnknownCause> causes = new ArrayList<>(before.unknownCausesFor(maybe));
        after.unknownCausesFor(maybe).stream().filter(c -> !causes.contains(c)).forEach(causes::add);

        List<RuleChange> changes = new ArrayList<>();
        for (RuleMatcher.Change c : pairing.changes()) {
            List<DiffGroup> effect = new ArrayList<>();
            for (DiffGroup g : concat(openedGroups, closedGroups)) {
                if (involves(g.before(), c.before()) || involves(g.after(), c.after())) {
                    effect.add(g);
                }
            }
            changes.add(new RuleChange(c.kind(), Optional.ofNullable(c.before()), Optional.ofNullable(c.after()),
                    c.fields(), effect));
        }

        List<RequirementChange> requirements = new ArrayList<>();
        if (options.policy().isPresent()) {
            Policy policy = options.policy().get();
            CheckResult was = Checker.check(before, policy, cap);
            CheckResult now = Checker.check(after, policy, cap);
            for (int i = 0; i < policy.requirements().size(); i++) {
                requirements.add(new RequirementChange(policy.requirements().get(i), was.results().get(i),
                        now.results().get(i)));
            }
        }

        List<Exposure> exposures = new ArrayList<>();
        for (AddressSet watched : options.watchedSources()) {
            FlowSet from = space.sources(watched);
            FlowSet exposed = opened.intersect(from);
            FlowSet possibly = mayOpen.intersect(from).minus(exposed);
            List<RuleRef> by = after.partition(exposed).stream().map(p -> ref(after, p)).toList();
            exposures.add(new Exposure(watched, FlowSummary.of(exposed, cap), by, FlowSummary.of(possibly, cap)));
        }

        return new DiffResult(before.ruleset(), after.ruleset(),
                FlowSummary.of(opened, cap), openedGroups,
                FlowSummary.of(closed, cap), closedGroups,
                FlowSummary.of(maybe, cap), causes,
                changes, options.policy(), requirements, exposures);
    }

    /** Splits flows by (deciding rule before, deciding rule after). */
    private List<DiffGroup> groups(FlowSet flows) {
        List<DiffGroup> out = new ArrayList<>();
        if (flows.isEmpty()) {
            return out;
        }
        List<Part> was = before.partition(flows);
        List<Part> now = after.partition(flows);
        for (Part b : was) {
            for (Part a : now) {
                FlowSet both = b.flows().intersect(a.flows());
                if (!both.isEmpty()) {
                    out.add(new DiffGroup(ref(before, b), ref(after, a), FlowSummary.of(both, cap)));
                }
            }
        }
        return out;
    }

    private static RuleRef ref(CompiledRuleset ruleset, Part part) {
        Ruleset r = ruleset.ruleset();
        return new RuleRef(part.rule(), part.rule().map(Rule::action).orElse(r.defaultAction()),
                part.rule().map(Rule::location).orElse(r.source()));
    }

    private static boolean involves(RuleRef ref, Rule rule) {
        return rule != null && ref.rule().isPresent() && ref.rule().get() == rule;
    }

    private static List<DiffGroup> concat(List<DiffGroup> a, List<DiffGroup> b) {
        List<DiffGroup> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
