package io.fwcheck.analysis;

import io.fwcheck.analysis.RuleChange.Kind;
import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pairs the rules of two versions of a ruleset: first by user-given name, then by identical
 * content, then by position-derived id; what stays unpaired was added or removed. Paired rules
 * out of their relative order (not on a longest common order) were moved.
 */
final class RuleMatcher {

    /** A textual change before its semantic effect is known. */
    record Change(Kind kind, Rule before, Rule after, List<String> fields) {}

    private static final Map<String, Function<Match, Object>> FIELDS = fields();

    private RuleMatcher() {}

    static List<Change> changes(List<Rule> before, List<Rule> after) {
        return pair(before, after).changes();
    }

    /** Pairs the rules of two versions. */
    static Pairing pair(List<Rule> before, List<Rule> after) {
        int[] pairOfAfter = new int[after.size()];
        Arrays.fill(pairOfAfter, -1);
        boolean[] usedBefore = new boolean[before.size()];
        // conditions compared as written, not where: a dump and the YAML converted from it pair up
        List<Match> beforeMatches = before.stream().map(r -> r.match().placeless()).toList();
        List<Match> afterMatches = after.stream().map(r -> r.match().placeless()).toList();

        Map<String, Integer> namedBefore = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).named()) {
                namedBefore.put(before.get(i).id(), i);
            }
        }
        for (int j = 0; j < after.size(); j++) {
            Integer i = after.get(j).named() ? namedBefore.get(after.get(j).id()) : null;
            if (i != null && !usedBefore[i]) {
                pair(pairOfAfter, usedBefore, i, j);
            }
        }
        // by content: the first unused before-rule of the same effect; in the first pass not two
        // named rules (their names differ, or they would have paired by name)
        Map<Effect, Candidates> byEffect = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            byEffect.computeIfAbsent(new Effect(before.get(i).action(), beforeMatches.get(i)), e -> new Candidates())
                    .add(i, before.get(i).named());
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < after.size(); j++) {
                if (pairOfAfter[j] >= 0) {
                    continue;
                }
                Candidates c = byEffect.get(new Effect(after.get(j).action(), afterMatches.get(j)));
                int i = c == null ? -1 : c.first(usedBefore, pass == 0 && after.get(j).named());
                if (i >= 0) {
                    pair(pairOfAfter, usedBefore, i, j);
                }
            }
        }
        Map<String, Integer> positionalBefore = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (!usedBefore[i] && !before.get(i).named()) {
                positionalBefore.put(before.get(i).id(), i);
            }
        }
        for (int j = 0; j < after.size(); j++) {
            Integer i = pairOfAfter[j] < 0 && !after.get(j).named() ? positionalBefore.get(after.get(j).id()) : null;
            if (i != null && !usedBefore[i]) {
                pair(pairOfAfter, usedBefore, i, j);
            }
        }
        return new Pairing(before, after, beforeMatches, afterMatches, pairOfAfter, usedBefore,
                longestCommonOrder(pairOfAfter));
    }

    /** What decides a rule's effect: its action and its conditions as written. */
    private record Effect(Action action, Match match) {}

    /** The before-rules of one effect, in order, with cursors past those already paired. */
    private static final class Candidates {
        private int[] all = new int[1];
        private int allCount;
        private int allNext;
        private int[] unnamed = new int[1];
        private int unnamedCount;
        private int unnamedNext;

        void add(int i, boolean named) {
            if (allCount == all.length) {
                all = Arrays.copyOf(all, 2 * allCount);
            }
            all[allCount++] = i;
            if (!named) {
                if (unnamedCount == unnamed.length) {
                    unnamed = Arrays.copyOf(unnamed, 2 * unnamedCount);
                }
                unnamed[unnamedCount++] = i;
            }
        }

        /** The first unused rule (an unnamed one when {@code unnamedOnly}), or -1. */
        int first(boolean[] used, boolean unnamedOnly) {
            if (unnamedOnly) {
                while (unnamedNext < unnamedCount && used[unnamed[unnamedNext]]) {
                    unnamedNext++;
                }
                return unnamedNext < unnamedCount ? unnamed[unnamedNext] : -1;
            }
            while (allNext < allCount && used[all[allNext]]) {
                allNext++;
            }
            return allNext < allCount ? all[allNext] : -1;
        }
    }

    /** The pairs of two versions' rules and which of them kept their place. */
    static final class Pairing {
        private final List<Rule> before;
        private final List<Rule> after;
        private final List<Match> beforeMatches;
        private final List<Match> afterMatches;
        private final int[] pairOfAfter;
        private final boolean[] usedBefore;
        private final boolean[] inOrder;

        private Pairing(List<Rule> before, List<Rule> after, List<Match> beforeMatches, List<Match> afterMatches,
                int[] pairOfAfter, boolean[] usedBefore, boolean[] inOrder) {
            this.before = before;
            this.after = after;
            this.beforeMatches = beforeMatches;
            this.afterMatches = afterMatches;
            this.pairOfAfter = pairOfAfter;
            this.usedBefore = usedBefore;
            this.inOrder = inOrder;
        }

        /** The before-rule paired with after-rule {@code j}, or -1 for an added rule. */
        int pairOf(int j) {
            return pairOfAfter[j];
        }

        /**
         * Whether after-rule {@code j} is its pair unchanged in effect (same action, same
         * conditions) and on the longest common order: the kept rules are the same rules in the
         * same relative order in both versions.
         */
        boolean kept(int j) {
            int i = pairOfAfter[j];
            return i >= 0 && inOrder[j] && sameEffect(before.get(i), beforeMatches.get(i), after.get(j), afterMatches.get(j));
        }

        /** The textual changes: removed rules, then added, modified and moved ones in after order. */
        List<Change> changes() {
            List<Change> out = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                if (!usedBefore[i]) {
                    out.add(new Change(Kind.REMOVED, before.get(i), null, List.of()));
                }
            }
            for (int j = 0; j < after.size(); j++) {
                Rule a = after.get(j);
                if (pairOfAfter[j] < 0) {
                    out.add(new Change(Kind.ADDED, null, a, List.of()));
                    continue;
                }
                Rule b = before.get(pairOfAfter[j]);
                List<String> fields = changedFields(b, beforeMatches.get(pairOfAfter[j]), a, afterMatches.get(j));
                if (!inOrder[j]) {
                    List<String> withPosition = new ArrayList<>(fields);
                    withPosition.add("position");
                    out.add(new Change(fields.isEmpty() ? Kind.MOVED : Kind.MODIFIED, b, a, withPosition));
                } else if (!fields.isEmpty()) {
                    out.add(new Change(Kind.MODIFIED, b, a, fields));
                }
            }
            return out;
        }
    }

    /** {@link Rule#sameEffectAs}, with the rules' placeless matches at hand. */
    private static boolean sameEffect(Rule before, Match beforeMatch, Rule after, Match afterMatch) {
        return before.action() == after.action() && beforeMatch.equals(afterMatch);
    }

    private static void pair(int[] pairOfAfter, boolean[] usedBefore, int i, int j) {
        pairOfAfter[j] = i;
        usedBefore[i] = true;
    }

    /** Marks the paired after-rules that lie on a longest run of increasing before-positions. */
    private static boolean[] longestCommonOrder(int[] pairOfAfter) {
        int n = pairOfAfter.length;
        int[] tailIndex = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int j = 0; j < n; j++) {
            if (pairOfAfter[j] < 0) {
                continue;
            }
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairOfAfter[tailIndex[mid]] < pairOfAfter[j]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[j] = lo > 0 ? tailIndex[lo - 1] : -1;
            tailIndex[lo] = j;
            if (lo == length) {
                length++;
            }
        }
        boolean[] on = new boolean[n];
        for (int j = length > 0 ? tailIndex[length - 1] : -1; j >= 0; j = previous[j]) {
            on[j] = true;
        }
        return on;
    }

    /** The fields that differ; matches are placeless, so unmodelled constructs are compared by their text. */
    private static List<String> changedFields(Rule before, Match beforeMatch, Rule after, Match afterMatch) {
        List<String> out = new ArrayList<>();
        if (!before.id().equals(after.id()) && (before.named() || after.named())) {
            out.add("name");
        }
        if (before.action() != after.action()) {
            out.add("action");
        }
        for (Map.Entry<String, Function<Match, Object>> f : FIELDS.entrySet()) {
            if (!Objects.equals(f.getValue().apply(beforeMatch), f.getValue().apply(afterMatch))) {
                out.add(f.getKey());
            }
        }
        if (!before.comment().equals(after.comment())) {
            out.add("comment");
        }
        return out;
    }

    private static Map<String, Function<Match, Object>> fields() {
        Map<String, Function<Match, Object>> m = new java.util.LinkedHashMap<>();
        m.put("family", Match::families);
        m.put("from", Match::sources);
        m.put("to", Match::destinations);
        m.put("protocol", Match::protocols);
        m.put("source-ports", Match::sourcePorts);
        m.put("ports", Match::destinationPorts);
        m.put("icmp-type", Match::icmp);
        m.put("state", Match::states);
        m.put("in-interface", Match::inInterface);
        m.put("out-interface", Match::outInterface);
        m.put("unmodelled", Match::unmodelled);
        m.put("except", Match::except);
        return m;
    }
}
