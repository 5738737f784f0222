package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds rule anomalies in one ruleset, exactly: empty matches, shadowed rules (covered by earlier
 * rules, possibly several together), redundant rules (removing them changes no verdict) and
 * conflicting overlaps (an earlier rule with the other action takes part of the match).
 *
 * <p>Rules the model adds to stand in for a policy, another table or the format's own behaviour
 * ({@link Rule#standIn()}) get no finding of their own; they still cover and take over other
 * rules' packets.
 *
 * <p>A rule written once may be several rules of the ruleset, all at its place: a rule of a chain
 * entered from several rules has a copy on each path into the chain, and a rule that lists
 * alternatives one rule per alternative. Such a rule is shadowed (or matches nothing) only when
 * every copy is: it is then reported once, at its first copy that matches something (or its
 * first). One copy that decides nothing while another decides packets is no finding: the written
 * rule still matters. It is redundant when removing every copy at once changes no verdict,
 * reported at its first copy that decides packets; its conflicting overlap, at its first copy that
 * has one, names the earlier rules with the other action that take part of any copy's match and
 * what they take of all of them.
 *
 * <p>Rules with unmodelled conditions are handled soundly: they never count as covering another
 * rule, and a rule is only called redundant when the rules after it certainly decide its packets
 * the same way. Actions compare as accept versus deny (drop and reject both deny).
 *
 * <p>No rule is compared with every other: the rules' sets are kept in balanced trees of unions
 * ({@link RuleIndex}), so what the rules before a rule cover takes about {@code log n} set
 * operations, and the later rules whose match meets what a rule decides (or that take over what
 * it decides) are found by walks that skip every run of rules that cannot meet the flows in
 * question. The work grows with the overlaps found, not with the number of rule pairs. What each
 * rule decides comes from {@link CompiledRuleset#decided()}.
 */
public final class Anomalies {

    /**
     * Up to this many earlier rules take part of a match, the overlap is their parts joined; beyond,
     * when every rule is fully modelled, the match with or without what the ruleset accepts.
     */
    private static final int FEW = 4;

    private Anomalies() {}

    public static List<Anomaly> of(CompiledRuleset compiled) {
        return of(compiled, FlowSummary.DEFAULT_CAP);
    }

    /** @param cap how many boxes to list per set of flows */
    public static List<Anomaly> of(CompiledRuleset compiled, int cap) {
        return of(compiled, cap, EnumSet.allOf(Anomaly.Kind.class));
    }

    /**
     * The anomalies of the given kinds only; the work only the others need is skipped (the
     * walks that find which rules take part of which matches run for conflicting overlaps only,
     * the walks that find what takes over a rule's part for redundant rules only).
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
         * Per rule, the earlier rules that decide (or may decide) part of its match, in rule order:
         * those with the other action, and for a rule that decides nothing every one of them.
         * Found only when conflicting overlaps are looked for.
         */
        private final List<List<Integer>> earlier;
        /**
         * Per fully modelled rule, whether it is redundant (its finding, or null), decided from the
         * rules the walks of {@link #earlier} find; null when those walks did not run.
         */
        private final Anomaly[] redundancy;
        /** What the fully modelled rules decide, when shadowed rules are named without {@link #earlier}. */
        private RuleIndex takers;
        /** Whether every rule is fully modelled: then each flow's verdict is its first matching rule's action. */
        private final boolean certain;
        /**
         * Per rule, the rules written at its place, in rule order, when there are several (the copies
         * of a chain's rule on each path into the chain, the alternatives of a rule); else null.
         */
        private final List<List<Integer>> copies;
        /** The written rules with several copies, each its rules in rule order. */
        private final List<List<Integer>> withCopies;

        Search(CompiledRuleset compiled, int cap, Set<Anomaly.Kind> kinds) {
            this.compiled = compiled;
            this.rules = compiled.ruleset().rules();
            this.cap = cap;
            this.kinds = kinds;
            this.none = compiled.space().none();
            int n = rules.size();
            certain = compiled.ruleset().isCertain();
            withCopies = compiled.ruleset().written().stream().filter(w -> w.size() > 1).toList();
            copies = copies();
            matches = compiled.matchIndex();
            decided = compiled.decided().toArray(new FlowSet[0]);
            boolean walks = kinds.contains(Anomaly.Kind.CONFLICTING_OVERLAP);
            redundancy = walks && kinds.contains(Anomaly.Kind.REDUNDANT) ? new Anomaly[n] : null;
            earlier = walks ? earlier() : null;
        }

        /**
         * Which rules take part of which matches: rule {@code j} takes part of the match of a later
         * rule {@code k} exactly when what {@code j} decides meets that match, so one walk per rule
         * over the later rules' matches finds every such pair (each pair once, with no index of
         * decided parts to build). A pair is kept when the two actions differ (a conflicting
         * overlap) or {@code k} decides nothing (the rules that shadow it). A rule that stands in
         * for what may happen (another table's rule, a verdict not known) takes part of no match:
         * it decides nothing for certain, and names no written rule to change.
         */
        private List<List<Integer>> earlier() {
            int n = rules.size();
            List<List<Integer>> out = new ArrayList<>(Collections.nCopies(n, List.of()));
            boolean redundant = redundancy != null;
            int[] meeting = new int[16];
            for (int j = 0; j < n; j++) {
                if (decided[j].isEmpty() || rules.get(j).standIn() && !rules.get(j).match().isCertain()) {
                    continue;
                }
                boolean accepts = rules.get(j).action().accepts();
                int count = 0;
                RuleIndex.Cursor cursor = matches.cursor(decided[j], j + 1, n);
                for (int k = cursor.next(); k >= 0; k = cursor.next()) {
                    if (redundant) {
                        if (count == meeting.length) {
                            meeting = Arrays.copyOf(meeting, 2 * count);
                        }
                        meeting[count++] = k;
                    }
                    if (rules.get(k).action().accepts() == accepts && !decided[k].isEmpty()) {
                        continue;
                    }
                    if (out.get(k).isEmpty()) {
                        out.set(k, new ArrayList<>());
                    }
                    out.get(k).add(j);
                }
                if (redundant && rules.get(j).match().isCertain() && copies.get(j) == null) {
                    redundancy[j] = redundant(j, meeting, count);
                }
            }
            return out;
        }

        List<Anomaly> run() {
            List<Anomaly> out = new ArrayList<>();
            boolean[] dead = deadWrittenRules();
            Anomaly[] redundantCopies = redundantWrittenRules();
            Anomaly[] conflictingCopies = conflictingWrittenRules();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                if (rule.standIn()) {
                    // not written in the input: nothing to change there, and a policy reached by few
                    // packets, or none, is no anomaly
                    continue;
                }
                FlowSet match = compiled.match(i);
                if (match.isEmpty()) {
                    if (dead[i] && kinds.contains(Anomaly.Kind.EMPTY_MATCH)) {
                        out.add(new Anomaly(Anomaly.Kind.EMPTY_MATCH, rule, List.of(), false,
                                FlowSummary.of(none, cap), excepted(rule)));
                    }
                    continue;
                }
                if (decided[i].isEmpty()) {
                    if (dead[i] && kinds.contains(Anomaly.Kind.SHADOWED)) {
                        out.add(shadowed(i));
                    }
                    continue;
                }
                List<Integer> conflicting = earlier == null ? List.of() : earlier.get(i);
                if (copies.get(i) != null) {
                    if (conflictingCopies[i] != null) {
                        out.add(conflictingCopies[i]);
                    }
                } else if (!conflicting.isEmpty()) {
                    out.add(new Anomaly(Anomaly.Kind.CONFLICTING_OVERLAP, rule,
                            conflicting.stream().map(rules::get).toList(), true, FlowSummary.of(overlap(i), cap)));
                }
                if (rule.match().isCertain() && kinds.contains(Anomaly.Kind.REDUNDANT)) {
                    if (copies.get(i) != null) {
                        if (redundantCopies[i] != null) {
                            out.add(redundantCopies[i]);
                        }
                    } else if (redundancy == null) {
                        redundant(i, out);
                    } else if (redundancy[i] != null) {
                        out.add(redundancy[i]);
                    }
                }
            }
            return out;
        }

        /**
         * Whether an empty rule's conditions without its exceptions describe packets: its exceptions
         * (its own, or those a chain's earlier goto or RETURN adds) take them all.
         */
        private boolean excepted(Rule rule) {
            Match m = rule.match();
            return !m.except().isEmpty() && !compiled.space().of(m.withoutExcept()).isEmpty();
        }

        /**
         * The rules to report as deciding nothing: a written rule's first copy that matches
         * something (or its first) when no copy decides a packet; a rule with no copies when it
         * decides none.
         */
        private boolean[] deadWrittenRules() {
            boolean[] out = new boolean[rules.size()];
            for (int i = 0; i < rules.size(); i++) {
                out[i] = copies.get(i) == null && decided[i].isEmpty();
            }
            for (List<Integer> written : withCopies) {
                if (written.stream().allMatch(c -> decided[c].isEmpty())) {
                    out[written.stream().filter(c -> !compiled.match(c).isEmpty()).findFirst()
                            .orElse(written.get(0))] = true;
                }
            }
            return out;
        }

        /** Per rule, the rules written at its place when there are several (see {@link #copies}). */
        private List<List<Integer>> copies() {
            List<List<Integer>> out = new ArrayList<>(Collections.nCopies(rules.size(), null));
            for (List<Integer> written : withCopies) {
                written.forEach(i -> out.set(i, written));
            }
            return out;
        }

        /**
         * The redundant written rules with several copies, each at its first copy that decides
         * packets: every copy fully modelled, and removing them all changes no verdict.
         */
        private Anomaly[] redundantWrittenRules() {
            Anomaly[] out = new Anomaly[rules.size()];
            if (!kinds.contains(Anomaly.Kind.REDUNDANT)) {
                return out;
            }
            for (List<Integer> written : withCopies) {
                Optional<Integer> first = written.stream().filter(c -> !decided[c].isEmpty()).findFirst();
                if (first.isPresent() && written.stream().allMatch(c -> rules.get(c).match().isCertain())) {
                    out[first.get()] = redundantCopies(written, first.get());
                }
            }
            return out;
        }

        /**
         * {@link #redundant(int, List)} for every copy of a written rule at once: what they decide
         * together, entering the ruleset just after the first that decides packets, is taken by the
         * later rules other than the copies, all acting alike (and by the default policy, acting
         * alike, where none does). The finding, at that first copy, or null.
         */
        private Anomaly redundantCopies(List<Integer> written, int first) {
            FlowSet together = none;
            for (int c : written) {
                together = together.union(decided[c]);
            }
            Rule rule = rules.get(first);
            boolean accepts = rule.action().accepts();
            List<Rule> takers = new ArrayList<>();
            RuleIndex.Cursor cursor = matches.cursor(together, first + 1, rules.size());
            for (int k = cursor.next(); k >= 0; k = cursor.next()) {
                if (written.contains(k)) {
                    continue;
                }
                Rule taker = rules.get(k);
                if (taker.action().accepts() != accepts) {
                    return null;
                }
                takers.add(taker);
                if (taker.match().isCertain()) {
                    cursor.decided(compiled.match(k));
                }
            }
            if (!cursor.open().isEmpty() && compiled.defaultAction().accepts() != accepts) {
                return null;
            }
            return redundantRule(rule, takers, together);
        }

        /** What the earlier rules with the other action take of a rule's match (it has some). */
        private FlowSet overlap(int index) {
            List<Integer> conflicting = earlier.get(index);
            FlowSet match = compiled.match(index);
            return conflicting.size() > FEW && certain
                    ? withOtherVerdict(match, rules.get(index).action().accepts())
                    : parts(match, conflicting);
        }

        /**
         * The conflicting overlaps of the written rules with several copies, each at its first copy
         * that has one: the earlier rules with the other action that take part of any copy's match,
         * in rule order, and what they take of all of them.
         */
        private Anomaly[] conflictingWrittenRules() {
            Anomaly[] out = new Anomaly[rules.size()];
            if (earlier == null) {
                return out;
            }
            for (List<Integer> written : withCopies) {
                int first = -1;
                Set<Integer> taking = new TreeSet<>();
                FlowSet overlap = none;
                for (int c : written) {
                    if (!decided[c].isEmpty() && !earlier.get(c).isEmpty()) {
                        first = first < 0 ? c : first;
                        taking.addAll(earlier.get(c));
                        overlap = overlap.union(overlap(c));
                    }
                }
                if (first >= 0) {
                    out[first] = new Anomaly(Anomaly.Kind.CONFLICTING_OVERLAP, rules.get(first),
                            taking.stream().map(rules::get).toList(), true, FlowSummary.of(overlap, cap));
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

        /**
         * What the given (at least one) earlier rules decide of a match: their parts, joined in a
         * balanced tree, so each union works on sets about the size of its result.
         */
        private FlowSet parts(FlowSet match, List<Integer> taking) {
            FlowSet[] parts = new FlowSet[taking.size()];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = match.intersect(decided[taking.get(p)]);
            }
            for (int width = 1; width < parts.length; width *= 2) {
                for (int p = 0; p + width < parts.length; p += 2 * width) {
                    parts[p] = parts[p].union(parts[p + width]);
                }
            }
            return parts[0];
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
         * its match), found by the walks of {@link #earlier} or in the index of decided parts.
         */
        private Anomaly shadowed(int index) {
            Rule rule = rules.get(index);
            FlowSet match = compiled.match(index);
            List<Integer> named = earlier != null ? earlier.get(index) : meeting(takers(), match, index);
            List<Rule> by = named.stream().map(rules::get).filter(r -> r.match().isCertain()).toList();
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
            out.add(redundantRule(rule, takers, decided[index]));
        }

        /**
         * {@link #redundant(int, List)} from the later rules whose match meets what the rule
         * decides, in rule order (the first {@code count} of {@code meeting}), as the walks of
         * {@link #earlier} find them: the same parts, taken in the same order, without a walk of
         * its own. The finding, or null when the rule is not redundant.
         */
        private Anomaly redundant(int index, int[] meeting, int count) {
            Rule rule = rules.get(index);
            boolean accepts = rule.action().accepts();
            List<Rule> takers = new ArrayList<>();
            FlowSet open = decided[index];
            for (int q = 0; q < count && !open.isEmpty(); q++) {
                FlowSet match = compiled.match(meeting[q]);
                if (!match.intersects(open)) {
                    continue;
                }
                Rule taker = rules.get(meeting[q]);
                if (taker.action().accepts() != accepts) {
                    return null;
                }
                takers.add(taker);
                if (taker.match().isCertain()) {
                    open = open.minus(match);
                }
            }
            if (!open.isEmpty() && compiled.defaultAction().accepts() != accepts) {
                return null;
            }
            return redundantRule(rule, takers, decided[index]);
        }

        private Anomaly redundantRule(Rule rule, List<Rule> takers, FlowSet decided) {
            return new Anomaly(Anomaly.Kind.REDUNDANT, rule, takers, false, FlowSummary.of(decided, cap));
        }
    }
}
