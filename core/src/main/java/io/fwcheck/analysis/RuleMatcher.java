package io.fwcheck.analysis;

import io.fwcheck.analysis.RuleChange.Kind;
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
        for (int j = 0; j < after.size(); j++) {
            for (int i = 0; i < before.size() && pairOfAfter[j] < 0; i++) {
                if (!usedBefore[i] && sameEffect(before.get(i), beforeMatches.get(i), after.get(j), afterMatches.get(j))
                        && !(before.get(i).named() && after.get(j).named())) {
                    pair(pairOfAfter, usedBefore, i, j);
                }
            }
        }
        for (int j = 0; j < after.size(); j++) {
            for (int i = 0; i < before.size() && pairOfAfter[j] < 0; i++) {
                if (!usedBefore[i] && sameEffect(before.get(i), beforeMatches.get(i), after.get(j), afterMatches.get(j))) {
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

        boolean[] inOrder = longestCommonOrder(pairOfAfter);
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
