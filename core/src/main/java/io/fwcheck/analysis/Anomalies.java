package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds rule anomalies in one ruleset, exactly: empty matches, shadowed rules (covered by earlier
 * rules, possibly several together), redundant rules (removing them changes no verdict) and
 * conflicting overlaps (an earlier rule with the other action takes part of the match).
 *
 * <p>Rules with unmodelled conditions are handled soundly: they never count as covering another
 * rule, and a rule is only called redundant when the rules after it certainly decide its packets
 * the same way. Actions compare as accept versus deny (drop and reject both deny).
 */
public final class Anomalies {

    private Anomalies() {}

    public static List<Anomaly> of(CompiledRuleset compiled) {
        return of(compiled, FlowSummary.DEFAULT_CAP);
    }

    /** @param cap how many boxes to list per set of flows */
    public static List<Anomaly> of(CompiledRuleset compiled, int cap) {
        List<Rule> rules = compiled.ruleset().rules();
        int n = rules.size();
        FlowSet none = compiled.space().none();
        FlowSet[] decided = new FlowSet[n];
        boolean[] shadowed = new boolean[n];
        List<Anomaly> out = new ArrayList<>();
        Map<Rule, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            position.put(rules.get(i), i);
        }

        FlowSet covered = none;
        for (int i = 0; i < n; i++) {
            Rule rule = rules.get(i);
            FlowSet match = compiled.match(i);
            decided[i] = match.minus(covered);
            if (match.isEmpty()) {
                out.add(new Anomaly(Anomaly.Kind.EMPTY_MATCH, rule, List.of(), false, FlowSummary.of(none, cap)));
            } else if (decided[i].isEmpty()) {
                shadowed[i] = true;
                List<Rule> by = new ArrayList<>();
                boolean differs = false;
                for (CompiledRuleset.Part part : compiled.partition(match)) {
                    Rule r = part.rule().orElseThrow();
                    if (position.get(r) >= i) {
                        break;
                    }
                    by.add(r);
                    differs |= r.action().accepts() != rule.action().accepts();
                }
                out.add(new Anomaly(Anomaly.Kind.SHADOWED, rule, by, differs, FlowSummary.of(match, cap)));
            } else {
                List<Rule> conflicting = new ArrayList<>();
                FlowSet overlap = none;
                for (CompiledRuleset.Part part : compiled.partition(match)) {
                    Rule r = part.rule().orElse(null);
                    if (r == null || position.get(r) >= i) {
                        continue;
                    }
                    if (r.action().accepts() != rule.action().accepts()) {
                        conflicting.add(r);
                        overlap = overlap.union(part.flows());
                    }
                }
                if (!conflicting.isEmpty()) {
                    out.add(new Anomaly(Anomaly.Kind.CONFLICTING_OVERLAP, rule, conflicting, true,
                            FlowSummary.of(overlap, cap)));
                }
            }
            if (rule.match().isCertain()) {
                covered = covered.union(match);
            }
        }

        // backwards: what the rules after i (and the default) certainly and possibly accept
        FlowSet must = compiled.ruleset().defaultAction().accepts() ? compiled.space().all() : none;
        FlowSet may = must;
        List<Anomaly> redundant = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            FlowSet match = compiled.match(i);
            if (!shadowed[i] && !decided[i].isEmpty() && rule.match().isCertain()) {
                boolean same = rule.action().accepts()
                        ? decided[i].isSubsetOf(must)
                        : !decided[i].intersects(may);
                if (same) {
                    redundant.add(new Anomaly(Anomaly.Kind.REDUNDANT, rule, takers(compiled, decided[i], i), false,
                            FlowSummary.of(decided[i], cap)));
                }
            }
            FlowSet lower = rule.match().isCertain() ? match : none;
            if (rule.action().accepts()) {
                may = match.union(may);
                must = lower.union(must.minus(match));
            } else {
                may = may.minus(lower);
                must = must.minus(match);
            }
        }
        out.addAll(redundant);
        out.sort(java.util.Comparator.comparingInt(a -> position.get(a.rule())));
        return out;
    }

    /** The later rules that decide a redundant rule's packets once it is gone (empty list: the default). */
    private static List<Rule> takers(CompiledRuleset compiled, FlowSet flows, int index) {
        List<Rule> out = new ArrayList<>();
        for (CompiledRuleset.Part part : compiled.partition(flows, index + 1)) {
            part.rule().ifPresent(out::add);
        }
        return out;
    }
}
