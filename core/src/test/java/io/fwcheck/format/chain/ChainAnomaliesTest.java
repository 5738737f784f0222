package io.fwcheck.format.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Anomalies of random chain programs, whose chains are entered from several rules: a rule written
 * once has a copy on each path into its chain, and what is claimed of it must hold of the written
 * rule, checked against the chains evaluated directly on random flows. A rule reported shadowed or
 * empty decides no flow on any path; a rule reported redundant can be deleted from its chain
 * without changing any flow's verdict; a conflicting overlap names rules with the other action that
 * decide a flow some copy matches; each is reported once.
 */
class ChainAnomaliesTest {

    private static final SourceLocation AT = new SourceLocation("fw.rules", 1, 1);
    private static final int SEEDS = 60;
    private static final int FLOWS = 1500;

    @Test
    void what_is_claimed_of_a_rule_with_copies_holds_of_the_written_rule() {
        int[] claims = new int[Anomaly.Kind.values().length];
        int onCopies = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, Chain> chains = chains(random);
            List<BaseChain> bases = List.of(new BaseChain("c0", random.nextBoolean() ? Action.ACCEPT : Action.DROP,
                    Match.any(), AT));
            Ruleset flat = ChainFlattener.flatten("fw", chains, bases, AT);
            CompiledRuleset compiled = CompiledRuleset.compile(flat);
            List<Anomaly> anomalies = Anomalies.of(compiled);
            // looking for one kind finds what looking for every kind finds of it
            for (Anomaly.Kind kind : Anomaly.Kind.values()) {
                assertThat(Anomalies.of(compiled, FlowSummary.DEFAULT_CAP, EnumSet.of(kind)))
                        .as("seed %d, %s alone", seed, kind)
                        .isEqualTo(anomalies.stream().filter(a -> a.kind() == kind).toList());
            }
            List<Flow> flows = IntStream.range(0, FLOWS).mapToObj(k -> ChainFlattenerTest.randomFlow(random)).toList();
            Set<String> reported = new HashSet<>();
            for (Anomaly a : anomalies) {
                SourceLocation written = a.rule().location();
                String what = "seed " + seed + ": " + a.kind() + " " + a.rule().id();
                assertThat(reported.add(a.kind() + " " + written)).as(what + " reported once").isTrue();
                long copies = flat.rules().stream().filter(r -> r.location().equals(written)).count();
                onCopies += copies > 1 ? 1 : 0;
                claims[a.kind().ordinal()]++;
                switch (a.kind()) {
                    case SHADOWED, EMPTY_MATCH -> {
                        for (Flow f : flows) {
                            int first = flat.firstMatch(f);
                            assertThat(first < flat.rules().size() && flat.rules().get(first).location().equals(written))
                                    .as(what + " decides %s", f).isFalse();
                        }
                    }
                    case REDUNDANT -> {
                        Map<String, Chain> without = without(chains, written);
                        for (Flow f : flows) {
                            Optional<Action> before = ChainEvaluator.evaluate(chains, bases, f).action();
                            Optional<Action> after = ChainEvaluator.evaluate(without, bases, f).action();
                            assertThat(after.map(Action::accepts)).as(what + ": deleting it changes %s", f)
                                    .isEqualTo(before.map(Action::accepts));
                        }
                    }
                    case CONFLICTING_OVERLAP -> {
                        // the rules named act otherwise, and the witness is matched by a copy but
                        // decided by one of them
                        assertThat(a.related()).as(what).allMatch(r -> r.action().accepts() != a.rule().action().accepts());
                        Flow f = a.flows().witness().orElseThrow();
                        assertThat(flat.rules()).as(what + ": a copy matches %s", f)
                                .anyMatch(r -> r.location().equals(written) && r.match().matchesModelled(f));
                        assertThat(a.related()).as(what + ": decides %s", f).contains(flat.rules().get(flat.firstMatch(f)));
                    }
                }
            }
        }
        // the programs give every kind of claim, some of them on rules with several copies
        assertThat(claims[Anomaly.Kind.SHADOWED.ordinal()]).isPositive();
        assertThat(claims[Anomaly.Kind.REDUNDANT.ordinal()]).isPositive();
        assertThat(claims[Anomaly.Kind.EMPTY_MATCH.ordinal()]).isPositive();
        assertThat(onCopies).isPositive();
    }

    /** Two to six chains, c0 the base; rules jump only to later chains, each rule at a line of its own. */
    private static Map<String, Chain> chains(SplittableRandom random) {
        int chainCount = 2 + random.nextInt(5);
        Map<String, Chain> chains = new LinkedHashMap<>();
        int line = 10;
        for (int c = 0; c < chainCount; c++) {
            String name = "c" + c;
            List<ChainRule> rules = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                rules.add(new ChainRule(name + "#" + (i + 1), false, ChainFlattenerTest.randomMatch(random),
                        ChainFlattenerTest.randomTarget(random, c, chainCount), "", new SourceLocation("fw.rules", line++, 1)));
            }
            chains.put(name, new Chain(name, rules));
        }
        return chains;
    }

    /** The program with the rule written at {@code place} deleted. */
    private static Map<String, Chain> without(Map<String, Chain> chains, SourceLocation place) {
        Map<String, Chain> out = new LinkedHashMap<>();
        chains.forEach((name, chain) -> out.put(name, new Chain(name,
                chain.rules().stream().filter(r -> !r.location().equals(place)).toList())));
        return out;
    }
}
