package io.fwcheck.testing;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.engine.RuleMap;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readable views of flow sets against brute force: witnesses are canonical members chosen by
 * the documented preferences, and box lists cover their set exactly and disjointly (checked on
 * flows drawn from box corners, from the boxes of the complement, and at random).
 */
class SetViewsDifferentialTest {

    private static final int ALL_BOXES = 200;
    private static final int SAMPLED_BOXES = 40;

    static LongStream seeds() {
        return DifferentialCase.seeds(100);
    }

    /** The sets of one case worth looking at, each with its brute-force membership. */
    private static Map<String, View> views(DifferentialCase c, FlowSpace space) {
        Ruleset ruleset = c.ruleset;
        RuleMap map = space.compile(ruleset);
        CompiledRuleset compiled = CompiledRuleset.compile(space, ruleset);
        int n = ruleset.rules().size();
        Map<String, View> out = new LinkedHashMap<>();
        out.put("acceptedModelled", new View(map.acceptedModelled(),
                f -> BruteForce.actionOf(ruleset, ruleset.firstMatch(f)).accepts()));
        out.put("not acceptedModelled", new View(map.acceptedModelled().complement(),
                f -> !BruteForce.actionOf(ruleset, ruleset.firstMatch(f)).accepts()));
        out.put("certainlyAccepted", new View(compiled.certainlyAccepted(), null));
        out.put("possiblyAccepted minus certainlyAccepted",
                new View(compiled.possiblyAccepted().minus(compiled.certainlyAccepted()), null));
        for (int i = 0; i < n; i += Math.max(1, n / 6)) {
            int index = i;
            out.put("match(" + i + ")", new View(map.match(i), f -> ruleset.rules().get(index).match().matchesModelled(f)));
            out.put("decidedBy(" + i + ")", new View(map.decidedBy(i), f -> ruleset.firstMatch(f) == index));
            int other = (i * 7 + 3) % n;
            out.put("match(" + i + ") minus match(" + other + ")", new View(map.match(i).minus(map.match(other)),
                    f -> ruleset.rules().get(index).match().matchesModelled(f)
                            && !ruleset.rules().get(other).match().matchesModelled(f)));
        }
        out.put("decidedBy(default)", new View(map.decidedBy(n), f -> ruleset.firstMatch(f) == n));
        return out;
    }

    private record View(FlowSet set, Predicate<Flow> bruteForce) {}

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void witnesses_are_canonical_members_picked_by_preference(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        FlowSpace space = new FlowSpace();
        Failures failures = new Failures(c);
        FlowSet v4 = space.of(Match.builder().families(EnumSet.of(IpFamily.IPV4)).build());
        for (Map.Entry<String, View> e : views(c, space).entrySet()) {
            FlowSet set = e.getValue().set();
            Optional<Flow> witness;
            try {
                witness = set.witness();
            } catch (RuntimeException ex) {
                failures.add("witness() of " + e.getKey() + " threw " + ex);
                continue;
            }
            if (set.isEmpty()) {
                failures.check(witness.isEmpty(), () -> "witness of the empty " + e.getKey(), witness.orElse(null));
                continue;
            }
            if (witness.isEmpty()) {
                failures.add("no witness for the non-empty " + e.getKey());
                continue;
            }
            Flow w = witness.get();
            failures.check(set.contains(w), () -> "witness of " + e.getKey() + " is not in it", w);
            failures.check(space.all().contains(w), () -> "witness of " + e.getKey() + " is not canonical", w);
            if (e.getValue().bruteForce() != null) {
                failures.check(e.getValue().bruteForce().test(w), () -> "brute force rejects the witness of " + e.getKey(), w);
            }
            if (set.intersects(v4)) {
                failures.check(w.family() == IpFamily.IPV4, () -> "witness of " + e.getKey() + " is IPv6 though it has IPv4 flows", w);
            }
            FlowSet sameFamily = set.intersect(space.of(Match.builder().families(EnumSet.of(w.family())).build()));
            if (sameFamily.intersects(space.of(Match.builder().protocol(Protocol.TCP).build()))) {
                failures.check(w.protocol() == Protocol.TCP, () -> "witness of " + e.getKey() + " is not TCP though it has TCP flows", w);
            }
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void boxes_cover_each_set_exactly_and_disjointly(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        FlowSpace space = new FlowSpace();
        Failures failures = new Failures(c);
        BoxSampler sampler = new BoxSampler(seed);
        List<Flow> random = c.flows.flows(80);
        for (Map.Entry<String, View> e : views(c, space).entrySet()) {
            String name = e.getKey();
            FlowSet set = e.getValue().set();
            long count = set.boxCount();
            List<FlowBox> boxes = set.boxes(ALL_BOXES);
            boolean complete = count <= ALL_BOXES;
            if (set.isEmpty() != (count == 0) || boxes.size() != Math.min(count, ALL_BOXES)) {
                failures.add(name + ": boxCount() = " + count + " but boxes(" + ALL_BOXES + ") has " + boxes.size());
                continue;
            }
            // flows inside boxes are in the set and in exactly one listed box
            for (int b = 0; b < boxes.size(); b += Math.max(1, boxes.size() / SAMPLED_BOXES)) {
                FlowBox box = boxes.get(b);
                for (int k = 0; k < 3; k++) {
                    Flow inside;
                    try {
                        inside = sampler.inside(box, k == 0);
                    } catch (IllegalArgumentException ex) {
                        failures.add(name + ": box '" + box + "' holds a non-canonical flow: " + ex.getMessage());
                        break;
                    }
                    if (inside == null) {
                        continue;
                    }
                    failures.check(set.contains(inside), () -> name + ": flow from box '" + box + "' is not in the set", inside);
                    if (e.getValue().bruteForce() != null) {
                        failures.check(e.getValue().bruteForce().test(inside),
                                () -> name + ": brute force rejects a flow from box '" + box + "'", inside);
                    }
                    long holders = boxes.stream().filter(x -> BoxSampler.contains(x, inside)).count();
                    failures.check(holders == 1, () -> name + ": flow lies in " + holders + " boxes", inside);
                }
            }
            if (!complete) {
                continue;
            }
            // flows of the complement's boxes and random flows: in the set exactly when in a box
            List<Flow> probes = new ArrayList<>(random);
            List<FlowBox> outside = set.complement().boxes(30);
            for (FlowBox box : outside) {
                try {
                    Flow f = sampler.inside(box, true);
                    if (f != null) {
                        probes.add(f);
                    }
                } catch (IllegalArgumentException ex) {
                    failures.add(name + ": complement box '" + box + "' holds a non-canonical flow: " + ex.getMessage());
                }
            }
            for (Flow f : probes) {
                boolean inBox = boxes.stream().anyMatch(box -> BoxSampler.contains(box, f));
                if (set.contains(f) != inBox) {
                    failures.add(name + ": contains=" + set.contains(f) + " but in a box=" + inBox, f);
                }
                if (e.getValue().bruteForce() != null) {
                    failures.check(set.contains(f) == e.getValue().bruteForce().test(f),
                            () -> name + ": contains=" + set.contains(f) + " disagrees with brute force", f);
                }
            }
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Disabled("engine: a wildcard minus a name prints as quoted byte ranges;"
            + " see KnownEngineIssuesTest.a_wildcard_minus_one_name_reads_as_patterns")
    void box_text_spells_interfaces_as_names_and_patterns(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Failures failures = new Failures(c);
        for (Map.Entry<String, View> e : views(c, new FlowSpace()).entrySet()) {
            for (FlowBox box : e.getValue().set().boxes(ALL_BOXES)) {
                for (String p : concat(box.inInterfaces(), box.outInterfaces())) {
                    if (p.contains("\"..\"") || p.contains("\\x")) {
                        failures.add(e.getKey() + ": interface pattern '" + p + "' in box '" + box + "'");
                    }
                }
            }
        }
        failures.assertNone();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
