package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.RuleMap;
import io.fwcheck.engine.VerdictMap;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ruleset compiled for analysis: the flows it certainly and possibly accepts (the two differ
 * only where unmodelled conditions leave the outcome open), and on demand its rule map.
 *
 * <p>Not thread-safe: its sets belong to one {@link FlowSpace}. Compile one per thread.
 */
public final class CompiledRuleset {

    private final FlowSpace space;
    private final Ruleset ruleset;
    private final List<FlowSet> matches;
    /** The accepted sets over every flow, once computed. */
    private FlowSet certainlyAccepted;
    private FlowSet possiblyAccepted;
    /**
     * Set when this ruleset is a version of {@code base} that decides alike outside the flows of
     * {@code touched}, where {@code local} holds its verdicts: its accepted sets are derived.
     */
    private CompiledRuleset base;
    private FlowSet touched;
    private VerdictMap local;
    /** The last region asked for by {@link #acceptedOn} and its sets. */
    private FlowSet region;
    private FlowSet[] regionSets;
    private RuleMap map;
    private RuleIndex matchIndex;
    private RuleIndex coverIndex;
    /** What each rule decides, once {@link #decided()} is asked. */
    private List<FlowSet> decided;
    /** The flows no fully modelled rule matches, when {@link #decided()} found them on its way. */
    private FlowSet undecided;
    /** How many rules at the end of a ruleset {@link #tail} looks at. */
    private static final int TAIL = 64;
    /** Parts a partition finds rule by rule before it splits the rest along {@link #matchIndex()}. */
    private static final int LINEAR_PARTS = 4;
    /**
     * The size (intervals of its diagram) from which a set still open after {@link #LINEAR_PARTS}
     * parts is split along {@link #matchIndex()}: each rule-by-rule step costs about that much,
     * and past this size the index (built once, reused by later partitions) costs less than the
     * steps over a few thousand rules (it halves a check of a 5,000-entry access list and changes
     * no measured time on generated rulesets of 10k and 100k rules).
     */
    private static final int LARGE = 1 << 14;

    private CompiledRuleset(FlowSpace space, Ruleset ruleset, List<FlowSet> matches) {
        this.space = space;
        this.ruleset = ruleset;
        this.matches = List.copyOf(matches);
    }

    /** Compiles into a new flow space of its own. */
    public static CompiledRuleset compile(Ruleset ruleset) {
        return compile(FlowSpace.suitedTo(ruleset.rules()), ruleset);
    }

    /** Compiles the rules' matches and the sets the ruleset accepts, over every flow. */
    public static CompiledRuleset compile(FlowSpace space, Ruleset ruleset) {
        CompiledRuleset out = of(space, ruleset);
        out.accepted();
        return out;
    }

    /** {@link #of(FlowSpace, Ruleset)} in a new flow space of its own. */
    public static CompiledRuleset of(Ruleset ruleset) {
        return of(FlowSpace.suitedTo(ruleset.rules()), ruleset);
    }

    /**
     * Compiles the rules' matches now and what the ruleset accepts when first asked: over every
     * flow for {@link #certainlyAccepted()} and {@link #possiblyAccepted()}, over the flows a
     * check looks at when only a check asks (rules that miss those flows then cost nothing).
     */
    public static CompiledRuleset of(FlowSpace space, Ruleset ruleset) {
        return matchesOnly(space, ruleset, space.matches(ruleset.rules()));
    }

    /** A ruleset whose rules' matches are known and whose accepted sets are compiled on first use. */
    static CompiledRuleset matchesOnly(FlowSpace space, Ruleset ruleset, List<FlowSet> matches) {
        return new CompiledRuleset(space, ruleset, matches);
    }

    /**
     * Makes this ruleset's accepted sets those of {@code base} (a version of the same ruleset)
     * except on the flows of {@code touched}, where they are {@code local}'s: right when every
     * flow outside {@code touched} meets the same rules in the same order in both versions and
     * both have the same default action.
     */
    void acceptLike(CompiledRuleset base, FlowSet touched, VerdictMap local) {
        if (touched.isAll()) {
            accept(local);
            return;
        }
        this.base = base;
        this.touched = touched;
        this.local = local;
    }

    /** Takes the accepted sets of verdicts compiled over every flow. */
    void accept(VerdictMap whole) {
        certainlyAccepted = whole.certainlyAccepted();
        possiblyAccepted = whole.possiblyAccepted();
        base = null;
    }

    /** True when the accepted sets over every flow are known. */
    boolean isCompiled() {
        return certainlyAccepted != null;
    }

    private void accepted() {
        if (certainlyAccepted != null) {
            return;
        }
        if (base != null) {
            FlowSet[] sets = derived(new FlowSet[] {base.certainlyAccepted(), base.possiblyAccepted()}, space.all());
            certainlyAccepted = sets[0];
            possiblyAccepted = sets[1];
            base = null;
        } else if (decided != null && ruleset.isCertain()) {
            // every flow is decided by its first matching rule: the accepted flows are the parts of
            // the accepting rules, joined (a third of the cost of merging every rule's verdicts)
            List<FlowSet> parts = new ArrayList<>();
            for (int j = 0; j < decided.size(); j++) {
                if (ruleset.rules().get(j).action().accepts() && !decided.get(j).isEmpty()) {
                    parts.add(decided.get(j));
                }
            }
            if (ruleset.defaultAction().accepts()) {
                parts.add(undecided != null ? undecided : coverIndex().minusBefore(space.all(), decided.size()));
            }
            certainlyAccepted = FlowSet.unionOf(space, parts);
            possiblyAccepted = certainlyAccepted;
        } else {
            accept(space.verdicts(ruleset, matches, space.all()));
        }
    }

    /**
     * What each rule decides of the flows that enter the ruleset at its start, in rule order (a rule
     * with unmodelled conditions: what it may decide), computed on first use: its modelled match
     * less the matches of the earlier fully modelled rules. A rule's part of any set of flows
     * entering at the start is that set with {@code decided().get(j)} in common; a rule that decides
     * nothing is shadowed. Once known, the accepted sets of a fully modelled ruleset are joined from
     * these parts instead of compiled from every rule, which costs a third as much: ask for them
     * first when both are needed.
     */
    public List<FlowSet> decided() {
        if (decided == null) {
            List<Rule> rules = ruleset.rules();
            int n = rules.size();
            RuleIndex cover = coverIndex();
            FlowSet[] out = new FlowSet[n];
            // before the tail, what each rule leaves of its match after the unions of the earlier
            // rules; in the tail, its part of the flows still open
            int tail = tail(rules);
            FlowSet open = tail < n ? cover.minusBefore(space.all(), tail) : null;
            for (int j = 0; j < tail; j++) {
                out[j] = cover.minusBefore(match(j), j);
            }
            for (int j = tail; j < n; j++) {
                out[j] = open.intersect(match(j));
                if (rules.get(j).match().isCertain()) {
                    open = open.minus(out[j]);
                }
            }
            undecided = open;
            decided = List.of(out);
        }
        return decided;
    }

    /**
     * Where the tail of a ruleset starts: at the first rule among the last {@link #TAIL} that
     * matches every source and every destination address of its families (a catch-all, a
     * per-interface or per-protocol default); with no such rule, at the end. What a rule like that
     * decides is what nearly all earlier rules leave, a large set that differences against the
     * unions of the earlier rules make slowly; from the start of the tail on, each rule takes its
     * part of the flows still open instead, one rule after the other.
     */
    private static int tail(List<Rule> rules) {
        for (int j = Math.max(0, rules.size() - TAIL); j < rules.size(); j++) {
            Match m = rules.get(j).match();
            if (everyAddress(m.sources(), m.families()) && everyAddress(m.destinations(), m.families())) {
                return j;
            }
        }
        return rules.size();
    }

    private static boolean everyAddress(AddressSet set, Set<IpFamily> families) {
        for (IpFamily family : families) {
            if (!set.only(family).equals(AddressSet.all(family))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The flows of {@code region} the ruleset certainly accepts and those it possibly accepts:
     * from the accepted sets when they are known, else compiled on the region alone (or derived
     * from the ruleset this one is a version of).
     */
    FlowSet[] acceptedOn(FlowSet region) {
        if (isCompiled() || region.isAll()) {
            return new FlowSet[] {certainlyAccepted().intersect(region), possiblyAccepted().intersect(region)};
        }
        if (!region.equals(this.region)) {
            if (base != null) {
                regionSets = derived(base.acceptedOn(region), region);
            } else {
                VerdictMap v = space.verdicts(ruleset, matches, region);
                regionSets = new FlowSet[] {v.certainlyAccepted(), v.possiblyAccepted()};
            }
            this.region = region;
        }
        return regionSets;
    }

    /**
     * This version's accepted sets on a region from {@code base}'s there: {@code base}'s outside
     * the touched flows, its own inside.
     */
    private FlowSet[] derived(FlowSet[] was, FlowSet region) {
        FlowSet certainly = local.certainlyAccepted();
        FlowSet possibly = local.possiblyAccepted();
        if (!region.isAll()) {
            certainly = certainly.intersect(region);
            possibly = possibly.intersect(region);
        }
        return new FlowSet[] {was[0].minus(touched).union(certainly), was[1].minus(touched).union(possibly)};
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public FlowSpace space() {
        return space;
    }

    /**
     * The ruleset's rule map (which rule decides each flow), built on first use: it can be much
     * larger than the accepted sets, so analyses that need only verdicts never build it.
     */
    public RuleMap map() {
        if (map == null) {
            map = space.compile(ruleset());
        }
        return map;
    }

    /** The flows of rule {@code index}'s modelled match. */
    public FlowSet match(int index) {
        return matches.get(index);
    }

    /** Flows accepted whatever the unmodelled conditions do. */
    public FlowSet certainlyAccepted() {
        accepted();
        return certainlyAccepted;
    }

    /** Flows accepted under at least one reading of the unmodelled conditions. */
    public FlowSet possiblyAccepted() {
        accepted();
        return possiblyAccepted;
    }

    /**
     * A part of a set of flows and the rule that decides it.
     *
     * @param rule the deciding rule, empty for the default policy
     * @param flows the flows it decides
     */
    public record Part(Optional<Rule> rule, FlowSet flows) {}

    /**
     * Splits a set of flows by the rule that decides each flow, in rule order; the default policy
     * comes last. A rule with unmodelled conditions gets the part it may decide, and later rules
     * also get what it may let pass, so parts may then overlap.
     */
    public List<Part> partition(FlowSet flows) {
        return partition(flows, 0);
    }

    /** Like {@link #partition(FlowSet)}, as if the flows entered the ruleset at rule {@code from}. */
    public List<Part> partition(FlowSet flows, int from) {
        List<Part> out = new ArrayList<>();
        List<Rule> rules = ruleset().rules();
        FlowSet open = flows;
        int i = from;
        boolean many = false;
        for (; i < rules.size() && !open.isEmpty(); i++) {
            if (out.size() == LINEAR_PARTS && (matchIndex != null || open.size(LARGE) == LARGE)) {
                many = true;
                break;
            }
            if (!open.intersects(match(i))) {
                continue;
            }
            FlowSet part = open.intersect(match(i));
            Rule rule = rules.get(i);
            out.add(new Part(Optional.of(rule), part));
            if (rule.match().isCertain()) {
                open = open.minus(part);
            }
        }
        if (many) {
            // Many rules take a part: the rest is split along the tree of unions of their matches.
            open = matchIndex().split(open, i, coverIndex(), (rule, part) -> out.add(new Part(Optional.of(rules.get(rule)), part)));
        }
        if (!open.isEmpty()) {
            out.add(new Part(Optional.empty(), open));
        }
        return out;
    }

    /**
     * Every rule's match in a tree of unions, built on first use (it costs about what compiling
     * does).
     */
    RuleIndex matchIndex() {
        if (matchIndex == null) {
            List<Rule> rules = ruleset().rules();
            FlowSet[] all = new FlowSet[rules.size()];
            for (int j = 0; j < all.length; j++) {
                all[j] = match(j);
            }
            matchIndex = new RuleIndex(all);
        }
        return matchIndex;
    }

    /**
     * The matches of the fully modelled rules (the others' sets empty) in a tree of unions: what
     * the rules before a point certainly decide. The same index as {@link #matchIndex()} when
     * every rule is fully modelled.
     */
    RuleIndex coverIndex() {
        if (coverIndex == null) {
            List<Rule> rules = ruleset().rules();
            boolean[] uncertain = new boolean[rules.size()];
            for (int j = 0; j < uncertain.length; j++) {
                uncertain[j] = !rules.get(j).match().isCertain();
            }
            coverIndex = matchIndex().without(uncertain, space.none());
        }
        return coverIndex;
    }

    /** The decision (rule, action, location) for a part, with its flows summarised. */
    public Decision decision(Part part, int cap) {
        Ruleset ruleset = ruleset();
        return new Decision(part.rule(), part.rule().map(Rule::action).orElse(ruleset.defaultAction()),
                part.rule().map(Rule::location).orElse(ruleset.source()), FlowSummary.of(part.flows(), cap));
    }

    /** Which rules decide the flows of a set, in rule order, as {@link #partition} splits it. */
    public List<Decision> decisionsOf(FlowSet flows, int cap) {
        return partition(flows).stream().map(p -> decision(p, cap)).toList();
    }

    /**
     * The unmodelled conditions that may decide some flow of the set: those of rules with
     * unmodelled conditions whose modelled part meets flows not already decided by an earlier
     * fully modelled rule.
     */
    public List<UnknownCause> unknownCausesFor(FlowSet flows) {
        List<UnknownCause> out = new ArrayList<>();
        FlowSet open = flows;
        List<Rule> rules = ruleset().rules();
        for (int i = 0; i < rules.size() && !open.isEmpty(); i++) {
            Rule rule = rules.get(i);
            if (rule.match().isCertain()) {
                open = open.minus(match(i));
            } else if (open.intersects(match(i))) {
                for (Unmodelled u : rule.match().uncertainties()) {
                    out.add(new UnknownCause(rule, u));
                }
            }
        }
        return out;
    }

    /** The action for flows no rule matches. */
    public Action defaultAction() {
        return ruleset().defaultAction();
    }
}
