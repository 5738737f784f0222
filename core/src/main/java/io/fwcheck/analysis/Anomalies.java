package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds rule anomalies in one ruleset, exactly: empty matches, shadowed rules (covered by earlier
 * rules, possibly several together), redundant rules (removing them changes no verdict) and
 * conflicting overlaps (an earlier rule with the other action takes part of the match).
 *
 * <p>Rules with unmodelled conditions are handled soundly: they never count as covering another
 * rule, and a rule is only called redundant when the rules after it certainly decide its packets
 * the same way. Actions compare as accept versus deny (drop and reject both deny).
 *
 * <p>No rule is compared with every other: the rules' sets are kept in balanced trees of unions
 * ({@link RuleIndex}), so what the rules before a rule cover takes about {@code log n} set
 * operations, and the earlier rules that take part of a rule's match (or the later rules that
 * take over what it decides) are found by walks that skip every run of rules that cannot meet
 * the flows in question. The work grows with the overlaps found, not with the number of rule
 * pairs. The catch-alls at the end of a ruleset ({@link #tail}) instead take their parts, one
 * after the other, of what the rules before them leave.
 */
public final class Anomalies {

    /** How many rules at the end of a ruleset {@link #tail} looks at. */
    private static final int TAIL = 64;

    /** Up to this many earlier rules take part of a match, their parts are joined one by one; beyond, by the index. */
    private static final int FEW = 4;

    private Anomalies() {}

    public static List<Anomaly> of(CompiledRuleset compiled) {
        return of(compiled, FlowSummary.DEFAULT_CAP);
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

    /** @param cap how many boxes to list per set of flows */
    public static List<Anomaly> of(CompiledRuleset compiled, int cap) {
        return of(compiled, cap, EnumSet.allOf(Anomaly.Kind.class));
    }

    /**
     * The anomalies of the given kinds only; the work only the others need is skipped (the
     * indexes of what accepting and refusing rules decide are built for conflicting overlaps only,
     * later rules are walked for redundant rules only).
     *
     * @param cap how many boxes to list per set of flows
     */
    public static List<Anomaly> of(CompiledRuleset compiled, int cap, Set<Anomaly.Kind> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return new Search(compiled, cap, kinds).run();
    }

    /** One search for anomalies, with its indexes. */
    private static final class Search {
        private final CompiledRuleset compiled;
        private final List<Rule> rules;
        private final int cap;
        private final Set<Anomaly.Kind> kinds;
        private final FlowSet none;
        /** Every rule's match. */
        private final RuleIndex matches;
        /**
         * What each rule decides (a rule with unmodelled conditions: may decide) of the flows that
         * enter the ruleset at its start; a rule's part of any set of flows entering there is that
         * set with {@code decided[j]} in common.
         */
        private final FlowSet[] decided;
        /**
         * What the accepting rules decide, the others' sets empty; and the same for the refusing
         * rules. Built only when conflicting overlaps are looked for.
         */
        private final RuleIndex accepting;
        private final RuleIndex refusing;
        /** What the fully modelled rules decide, when shadowed rules are named without the two above. */
        private RuleIndex takers;
        /** Whether every rule is fully modelled: then each flow's verdict is its first matching rule's action. */
        private final boolean certain;

        Search(CompiledRuleset compiled, int cap, Set<Anomaly.Kind> kinds) {
            this.compiled = compiled;
            this.rules = compiled.ruleset().rules();
            this.cap = cap;
            this.kinds = kinds;
            this.none = compiled.space().none();
            int n = rules.size();
            certain = rules.stream().allMatch(r -> r.match().isCertain());
            matches = compiled.matchIndex();
            RuleIndex cover = compiled.coverIndex();
            decided = new FlowSet[n];
            // before the tail, what each rule leaves of its match after the unions of the earlier
            // rules; in the tail, its part of the flows still open
            int tail = tail(rules);
            FlowSet open = tail < n ? cover.minusBefore(compiled.space().all(), tail) : none;
            for (int j = 0; j < tail; j++) {
                decided[j] = cover.minusBefore(compiled.match(j), j);
            }
            for (int j = tail; j < n; j++) {
                decided[j] = open.intersect(compiled.match(j));
                if (rules.get(j).match().isCertain()) {
                    open = open.minus(decided[j]);
                }
            }
            if (!kinds.contains(Anomaly.Kind.CONFLICTING_OVERLAP)) {
                accepting = null;
                refusing = null;
                return;
            }
            FlowSet[] accepted = new FlowSet[n];
            FlowSet[] refused = new FlowSet[n];
            for (int j = 0; j < n; j++) {
                boolean accepts = rules.get(j).action().accepts();
                accepted[j] = accepts ? decided[j] : none;
                refused[j] = accepts ? none : decided[j];
            }
            accepting = new RuleIndex(accepted);
            refusing = new RuleIndex(refused);
        }

        List<Anomaly> run() {
            List<Anomaly> out = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                FlowSet match = compiled.match(i);
                if (match.isEmpty()) {
                    if (kinds.contains(Anomaly.Kind.EMPTY_MATCH)) {
                        out.add(new Anomaly(Anomaly.Kind.EMPTY_MATCH, rule, List.of(), false,
                                FlowSummary.of(none, cap)));
                    }
                    continue;
                }
                if (decided[i].isEmpty()) {
                    if (kinds.contains(Anomaly.Kind.SHADOWED)) {
                        out.add(shadowed(i));
                    }
                    continue;
                }
                RuleIndex other = rule.action().accepts() ? refusing : accepting;
                List<Integer> conflicting = other == null ? List.of() : meeting(other, match, i);
                if (!conflicting.isEmpty()) {
                    FlowSet overlap = conflicting.size() <= FEW ? parts(match, conflicting)
                            : certain ? withOtherVerdict(match, rule.action().accepts())
                            : match.minus(other.minusBefore(match, i));
                    out.add(new Anomaly(Anomaly.Kind.CONFLICTING_OVERLAP, rule,
                            conflicting.stream().map(rules::get).toList(), true, FlowSummary.of(overlap, cap)));
                }
                if (rule.match().isCertain() && kinds.contains(Anomaly.Kind.REDUNDANT)) {
                    redundant(i, out);
                }
            }
            return out;
        }

        /** What each fully modelled rule decides, the others' sets empty, in an index built on first use. */
        private RuleIndex takers() {
            if (takers == null) {
                FlowSet[] sets = new FlowSet[rules.size()];
                for (int j = 0; j < sets.length; j++) {
                    sets[j] = rules.get(j).match().isCertain() ? decided[j] : none;
                }
                takers = new RuleIndex(sets);
            }
            return takers;
        }

        /**
         * The flows of a match whose verdict is not the rule's: when every rule is fully modelled,
         * each flow's verdict is its first matching rule's, so for a fully modelled rule these are
         * exactly the flows earlier rules with the other action decide.
         */
        private FlowSet withOtherVerdict(FlowSet match, boolean accepts) {
            FlowSet accepted = compiled.certainlyAccepted();
            return accepts ? match.minus(accepted) : match.intersect(accepted);
        }

        /** What the given earlier rules decide of a match: their parts, joined. */
        private FlowSet parts(FlowSet match, List<Integer> earlier) {
            FlowSet out = none;
            for (int j : earlier) {
                out = out.union(match.intersect(decided[j]));
            }
            return out;
        }

        /** The rules before {@code end} whose set in the index meets the flows, in rule order. */
        private static List<Integer> meeting(RuleIndex index, FlowSet flows, int end) {
            List<Integer> out = new ArrayList<>();
            RuleIndex.Cursor cursor = index.cursor(flows, 0, end);
            for (int j = cursor.next(); j >= 0; j = cursor.next()) {
                out.add(j);
            }
            return out;
        }

        /**
         * A rule whose whole match the earlier fully modelled rules take: those that take part of
         * it, in rule order, are named (the earlier fully modelled rules whose decided part meets
         * its match), found in the indexes of decided parts.
         */
        private Anomaly shadowed(int index) {
            Rule rule = rules.get(index);
            FlowSet match = compiled.match(index);
            List<Integer> earlier;
            if (accepting != null) {
                earlier = new ArrayList<>(meeting(accepting, match, index));
                earlier.addAll(meeting(refusing, match, index));
                earlier.sort(null);
            } else {
                earlier = meeting(takers(), match, index);
            }
            List<Rule> by = earlier.stream().map(rules::get).filter(r -> r.match().isCertain()).toList();
            boolean differs = by.stream().anyMatch(r -> r.action().accepts() != rule.action().accepts());
            return new Anomaly(Anomaly.Kind.SHADOWED, rule, by, differs, FlowSummary.of(compiled.match(index), cap));
        }

        /**
         * A fully modelled rule is redundant when every rule that may decide its packets once it is
         * gone, and the default policy when it does, acts alike: accepts them all, or refuses them all.
         * Those rules are the parts of what it decides, entering the ruleset just after it.
         */
        private void redundant(int index, List<Anomaly> out) {
            Rule rule = rules.get(index);
            boolean accepts = rule.action().accepts();
            List<Rule> takers = new ArrayList<>();
            RuleIndex.Cursor cursor = matches.cursor(decided[index], index + 1, rules.size());
            for (int k = cursor.next(); k >= 0; k = cursor.next()) {
                Rule taker = rules.get(k);
                if (taker.action().accepts() != accepts) {
                    return;
                }
                takers.add(taker);
                if (taker.match().isCertain()) {
                    cursor.decided(compiled.match(k));
                }
            }
            if (!cursor.open().isEmpty() && compiled.defaultAction().accepts() != accepts) {
                return;
            }
            out.add(new Anomaly(Anomaly.Kind.REDUNDANT, rule, takers, false, FlowSummary.of(decided[index], cap)));
        }
    }
}
