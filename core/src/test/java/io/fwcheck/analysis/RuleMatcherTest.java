package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Action;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pairing of two versions' rules, against a direct reading of its rules on seeded lists full of
 * duplicates, name clashes and mixes of named and unnamed rules: by name first; then by content,
 * each after-rule in order taking the first unused before-rule of the same action and conditions
 * (first never pairing two named rules, then any); then by position-derived id.
 */
class RuleMatcherTest {

    @Test
    void pairs_as_the_rules_say_on_seeded_lists() {
        for (long seed = 0; seed < 400; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Rule> before = rules(random, 1 + random.nextInt(40));
            List<Rule> after = rules(random, 1 + random.nextInt(40));
            RuleMatcher.Pairing pairing = RuleMatcher.pair(before, after);
            int[] expected = reference(before, after);
            int[] actual = new int[after.size()];
            for (int j = 0; j < actual.length; j++) {
                actual[j] = pairing.pairOf(j);
            }
            assertThat(actual).as("seed %d", seed).containsExactly(expected);
        }
    }

    @Test
    void kept_rules_are_unchanged_in_effect_and_in_order() {
        Rule a = rule("a", true, Action.ACCEPT, 22);
        Rule b = rule("b", true, Action.DROP, 23);
        Rule c = rule("c", true, Action.ACCEPT, 24);
        Rule flippedB = rule("b", true, Action.ACCEPT, 23);
        RuleMatcher.Pairing pairing = RuleMatcher.pair(List.of(a, b, c), List.of(c, a, flippedB));
        // c moved before a: the longest common order keeps a (or c), b's action changed
        assertThat(pairing.kept(0) ^ pairing.kept(1)).isTrue();
        assertThat(pairing.kept(2)).isFalse();
        assertThat(pairing.changes()).extracting(RuleMatcher.Change::kind)
                .containsExactlyInAnyOrder(RuleChange.Kind.MOVED, RuleChange.Kind.MODIFIED);
    }

    private static List<Rule> rules(SplittableRandom random, int count) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean named = random.nextBoolean();
            String id = named ? "n" + random.nextInt(12) : "#" + (1 + random.nextInt(12));
            Action action = random.nextInt(3) == 0 ? Action.DROP : Action.ACCEPT;
            out.add(rule(id, named, action, 20 + random.nextInt(5)));
        }
        return out;
    }

    private static Rule rule(String id, boolean named, Action action, int port) {
        Match match = Match.builder().protocol(6).destinationPorts(IntRanges.of(port)).build();
        return new Rule(id, action, match, "", new SourceLocation("r.yaml", port, 1), named);
    }

    /** The pairing rules read literally, one candidate at a time. */
    private static int[] reference(List<Rule> before, List<Rule> after) {
        int[] pairOf = new int[after.size()];
        Arrays.fill(pairOf, -1);
        boolean[] used = new boolean[before.size()];
        Map<String, Integer> named = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).named()) {
                named.put(before.get(i).id(), i);
            }
        }
        for (int j = 0; j < after.size(); j++) {
            Integer i = after.get(j).named() ? named.get(after.get(j).id()) : null;
            if (i != null && !used[i]) {
                pairOf[j] = i;
                used[i] = true;
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < after.size(); j++) {
                for (int i = 0; i < before.size() && pairOf[j] < 0; i++) {
                    Rule b = before.get(i);
                    Rule a = after.get(j);
                    if (!used[i] && b.action() == a.action() && b.match().placeless().equals(a.match().placeless())
                            && (pass == 1 || !(b.named() && a.named()))) {
                        pairOf[j] = i;
                        used[i] = true;
                    }
                }
            }
        }
        Map<String, Integer> positional = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (!used[i] && !before.get(i).named()) {
                positional.put(before.get(i).id(), i);
            }
        }
        for (int j = 0; j < after.size(); j++) {
            Integer i = pairOf[j] < 0 && !after.get(j).named() ? positional.get(after.get(j).id()) : null;
            if (i != null && !used[i]) {
                pairOf[j] = i;
                used[i] = true;
            }
        }
        return pairOf;
    }
}
