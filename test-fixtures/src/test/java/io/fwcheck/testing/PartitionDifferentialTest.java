package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.CompiledRuleset.Part;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CompiledRuleset#partition(FlowSet, int)} (which rules decide a set of flows, as a check's
 * blame and a diff's attribution use it) against brute force first match: a sampled flow of the
 * set is in the parts of the rules from {@code from} on that match it, up to and including the
 * first fully modelled one, or else in the default policy's part.
 *
 * <p>A partition takes the parts of the first rules one by one and splits the rest along a tree
 * of unions of the rules' matches when the set is large or that tree already exists (an anomaly
 * analysis builds it). Each case partitions the same sets with two compilations of the ruleset in
 * one flow space, one of them with the tree built, and requires identical parts; the count of
 * partitions that went past the rule-by-rule start keeps the tree's path from going untested.
 */
class PartitionDifferentialTest {

    private static final AtomicInteger SPLIT = new AtomicInteger();

    static LongStream seeds() {
        return DifferentialCase.seeds(150);
    }

    @BeforeAll
    static void reset() {
        SPLIT.set(0);
    }

    @AfterAll
    static void the_tree_path_was_taken() {
        assertThat(SPLIT.get()).as("partitions with more than 4 parts, split along the tree of unions").isGreaterThan(100);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void parts_agree_with_brute_force_first_match(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        FlowSpace space = new FlowSpace();
        CompiledRuleset plain = CompiledRuleset.compile(space, ruleset);
        CompiledRuleset indexed = CompiledRuleset.compile(space, ruleset);
        Anomalies.of(indexed, 1);
        Failures failures = new Failures(c);
        SplittableRandom random = new SplittableRandom(seed);
        List<Flow> samples = c.flows.flows(300);
        int n = ruleset.rules().size();

        List<FlowSet> sets = new ArrayList<>(List.of(space.all(), plain.certainlyAccepted(),
                plain.possiblyAccepted().complement()));
        for (int k = 0; k < 4; k++) {
            FlowSet some = space.none();
            for (int j = 0; j < 1 + random.nextInt(8); j++) {
                some = some.union(plain.match(random.nextInt(n)));
            }
            sets.add(random.nextBoolean() ? some : some.complement());
        }
        for (FlowSet set : sets) {
            int from = random.nextInt(4) == 0 ? random.nextInt(n) : 0;
            List<Part> parts = plain.partition(set, from);
            List<Part> split = indexed.partition(set, from);
            if (!parts.equals(split)) {
                failures.add("partition from rule " + from + " differs when split along the tree: "
                        + describe(parts) + " against " + describe(split));
            }
            if (split.size() > 4) {
                SPLIT.incrementAndGet();
            }
            for (Flow flow : samples) {
                List<Optional<Rule>> expected = deciders(ruleset, set, from, flow);
                List<Optional<Rule>> actual = split.stream().filter(p -> p.flows().contains(flow)).map(Part::rule).toList();
                failures.check(actual.equals(expected), () -> "parts holding the flow " + ids(actual)
                        + ", brute force " + ids(expected) + " (from rule " + from + ")", flow);
            }
            FlowSet union = space.none();
            for (Part p : split) {
                if (p.flows().isEmpty() || !p.flows().isSubsetOf(set)) {
                    failures.add("part of " + p.rule().map(Rule::id).orElse("the default") + " empty or outside the set");
                }
                union = union.union(p.flows());
            }
            if (!union.equals(set)) {
                failures.add("the parts do not make up the set (from rule " + from + ")");
            }
        }
        failures.assertNone();
    }

    /** The rules that may decide a flow of the set entering at rule {@code from}, by brute force. */
    private static List<Optional<Rule>> deciders(Ruleset ruleset, FlowSet set, int from, Flow flow) {
        List<Optional<Rule>> out = new ArrayList<>();
        if (!set.contains(flow)) {
            return out;
        }
        List<Rule> rules = ruleset.rules();
        for (int i = from; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (rule.match().matchesModelled(flow)) {
                out.add(Optional.of(rule));
                if (rule.match().isCertain()) {
                    return out;
                }
            }
        }
        out.add(Optional.empty());
        return out;
    }

    private static String ids(List<Optional<Rule>> rules) {
        return rules.stream().map(r -> r.map(Rule::id).orElse("default")).toList().toString();
    }

    private static String describe(List<Part> parts) {
        return parts.size() + " parts " + ids(parts.stream().map(Part::rule).toList());
    }
}
