package io.fwcheck.testing;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.RuleMap;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer of the compiled rule map against brute force on edge-biased flows: the deciding
 * rule, each rule's match set, the accepted set, and the partition of all flows by deciding rule.
 */
class RuleMapDifferentialTest {

    static LongStream seeds() {
        return DifferentialCase.seeds(200);
    }

    /** Every third seed: building one decidedBy set per rule is the costly part. */
    static LongStream someSeeds() {
        return DifferentialCase.seeds(200).filter(s -> s % 3 == 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rule_map_agrees_with_first_match_on_every_flow(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        FlowSpace space = new FlowSpace();
        RuleMap map = space.compile(ruleset);
        FlowSet accepted = map.acceptedModelled();
        Failures failures = new Failures(c);
        for (int i = 0; i < ruleset.rules().size(); i++) {
            if (!space.of(ruleset.rules().get(i).match()).equals(map.match(i))) {
                failures.add("FlowSpace.of(match of rule " + i + ") differs from RuleMap.match(" + i + ")");
            }
        }
        int n = ruleset.rules().size();
        for (Flow flow : c.flows.flows(2_000)) {
            int expected = ruleset.firstMatch(flow);
            failures.check(map.decide(flow) == expected, () -> "decide() = " + map.decide(flow) + ", first match " + expected, flow);
            for (int i = 0; i < n; i++) {
                boolean inSet = map.match(i).contains(flow);
                if (inSet != ruleset.rules().get(i).match().matchesModelled(flow)) {
                    failures.add("match set of rule " + i + " contains=" + inSet + " but matchesModelled disagrees", flow);
                }
            }
            boolean acceptedByRules = BruteForce.actionOf(ruleset, expected).accepts();
            failures.check(accepted.contains(flow) == acceptedByRules,
                    () -> "acceptedModelled().contains = " + accepted.contains(flow), flow);
            failures.check(space.all().contains(flow), () -> "all() misses a canonical flow", flow);
        }
        for (Flow flow : c.flows.flows(100)) {
            FlowSet single = space.of(flow);
            failures.check(single.contains(flow) && single.boxCount() == 1 && single.witness().equals(Optional.of(flow)),
                    () -> "of(flow) is not that one flow", flow);
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("someSeeds")
    void decided_by_partitions_all_flows_and_deciders_of_agree(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        FlowSpace space = new FlowSpace();
        RuleMap map = space.compile(ruleset);
        Failures failures = new Failures(c);
        int n = ruleset.rules().size();
        List<Flow> flows = c.flows.flows(300);
        int[] firstMatches = flows.stream().mapToInt(ruleset::firstMatch).toArray();

        FlowSet covered = space.none();
        Set<Integer> nonEmpty = new TreeSet<>();
        List<FlowSet> decidedBy = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            FlowSet decided = map.decidedBy(i);
            decidedBy.add(decided);
            if (covered.intersects(decided)) {
                failures.add("decidedBy(" + i + ") overlaps the flows of earlier rules");
            }
            covered = covered.union(decided);
            if (!decided.isEmpty()) {
                nonEmpty.add(i);
            }
            if (i < n && !decided.isSubsetOf(map.match(i))) {
                failures.add("decidedBy(" + i + ") holds flows rule " + i + " does not match");
            }
            for (int f = 0; f < flows.size(); f++) {
                if (decided.contains(flows.get(f)) != (firstMatches[f] == i)) {
                    failures.add("decidedBy(" + i + ").contains = " + !(firstMatches[f] == i), flows.get(f));
                }
            }
        }
        if (!covered.isAll()) {
            failures.add("the decidedBy sets do not cover every flow: missing " + space.all().minus(covered));
        }
        if (!map.decidersOf(space.all()).equals(nonEmpty)) {
            failures.add("decidersOf(all) = " + map.decidersOf(space.all()) + ", non-empty decidedBy: " + nonEmpty);
        }
        if (!map.decidersOf(space.none()).isEmpty()) {
            failures.add("decidersOf(none) = " + map.decidersOf(space.none()));
        }
        for (Flow flow : flows.subList(0, 50)) {
            Set<Integer> one = map.decidersOf(space.of(flow));
            failures.check(one.equals(Set.of(ruleset.firstMatch(flow))), () -> "decidersOf({flow}) = " + one, flow);
        }
        // deciders of a few rule match sets and of the accepted set, against decidedBy
        List<FlowSet> probes = new ArrayList<>(List.of(map.acceptedModelled(), map.acceptedModelled().complement()));
        for (int i = 0; i < n; i += Math.max(1, n / 8)) {
            probes.add(map.match(i));
        }
        for (FlowSet probe : probes) {
            Set<Integer> expected = new TreeSet<>();
            for (int i : nonEmpty) {
                if (decidedBy.get(i).intersects(probe)) {
                    expected.add(i);
                }
            }
            Set<Integer> actual = map.decidersOf(probe);
            if (!actual.equals(expected)) {
                failures.add("decidersOf(" + probe + ") = " + actual + ", decidedBy says " + expected);
            }
            FlowSet union = map.decidedByAny(actual);
            if (!probe.isSubsetOf(union)) {
                failures.add("decidedByAny(decidersOf(set)) does not cover the set " + probe);
            }
        }
        failures.assertNone();
    }
}
