package io.fwcheck.format.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ChainPath;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trace paths of seeded random chain programs, some of whose rules have unmodelled conditions,
 * against brute force: every way the unmodelled conditions could go is evaluated on chains where
 * each such rule either always matches (where its modelled part does) or never does. A path that
 * does not branch must end in the one verdict all those ways give, and a certain trace verdict of
 * the flattened ruleset must be that verdict too.
 */
class ChainPathTest {

    private static final SourceLocation AT = new SourceLocation("fw.rules", 1, 1);
    private static final Match NEVER = Match.builder().families(EnumSet.noneOf(IpFamily.class)).build();

    /** A generated rule: its modelled match, and whether it has an unmodelled condition as well. */
    private record Generated(String id, Match modelled, boolean uncertain, Target target) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25})
    void a_path_without_branch_ends_in_the_verdict_every_reading_of_the_unmodelled_conditions_gives(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int chainCount = 2 + random.nextInt(4);
        Map<String, List<Generated>> generated = new LinkedHashMap<>();
        List<Generated> uncertain = new ArrayList<>();
        for (int c = chainCount - 1; c >= 0; c--) {
            List<Generated> rules = new ArrayList<>();
            int n = 1 + random.nextInt(7);
            for (int i = 0; i < n; i++) {
                boolean unsure = uncertain.size() < 4 && random.nextInt(5) == 0;
                Match modelled = ChainFlattenerTest.randomMatch(random);
                if (unsure) {
                    // an unmodelled condition on some sources only, so that other flows pass it
                    modelled = modelled.and(Match.builder().sources(AddressSet.of(AddressRange.cidr(
                            Address.ipv4(random.nextInt(4) << 30 & 0xFFFFFFFFL), 2))).build());
                }
                Generated g = new Generated("c" + c + "#" + (i + 1), modelled, unsure, ChainFlattenerTest.randomTarget(random, c, chainCount));
                rules.add(g);
                if (unsure) {
                    uncertain.add(g);
                }
            }
            generated.put("c" + c, rules);
        }
        List<BaseChain> bases = new ArrayList<>();
        int baseCount = 1 + random.nextInt(2);
        for (int b = 0; b < baseCount && b < chainCount; b++) {
            bases.add(new BaseChain("c" + b, random.nextBoolean() ? Action.ACCEPT : Action.DROP, Match.any(), AT));
        }
        Map<String, Chain> chains = chains(generated, null, 0);
        Ruleset flat = ChainFlattener.flatten("fw", chains, bases, AT)
                .withChains(flow -> ChainEvaluator.evaluate(chains, bases, flow));
        Tracer tracer = Tracer.of(flat);
        // every reading of the unmodelled conditions: bit k set = the k-th uncertain rule matches
        List<Map<String, Chain>> readings = new ArrayList<>();
        for (int mask = 0; mask < 1 << uncertain.size(); mask++) {
            readings.add(chains(generated, uncertain, mask));
        }
        int certainPaths = 0;
        for (int k = 0; k < 2000; k++) {
            Flow flow = ChainFlattenerTest.randomFlow(random);
            Set<Action> possible = EnumSet.noneOf(Action.class);
            for (Map<String, Chain> reading : readings) {
                possible.add(ChainEvaluator.evaluate(reading, bases, flow).action().orElseThrow());
            }
            TraceResult traced = tracer.trace(flow);
            ChainPath path = traced.path().orElseThrow();
            String why = "seed " + seed + " flow " + flow + " path " + path + " possible " + possible;
            if (!path.mayBranch()) {
                certainPaths++;
                assertThat(possible).as(why).containsExactly(path.action().get());
                assertThat(path.steps().get(path.steps().size() - 1).kind()).as(why)
                        .isIn(ChainPath.Kind.VERDICT, ChainPath.Kind.POLICY);
            } else {
                assertThat(path.steps().get(path.steps().size() - 1).kind()).as(why).isEqualTo(ChainPath.Kind.BRANCH);
            }
            if (!traced.isUnknown()) {
                assertThat(possible).as(why).containsExactly(traced.action().get());
            }
            if (uncertain.isEmpty()) {
                assertThat(path.action()).as(why).isEqualTo(traced.action());
            }
        }
        assertThat(certainPaths).isPositive();
    }

    /**
     * The chains: uncertain rules carry an unmodelled condition, or, for a reading, match where
     * their modelled part does (bit set) or never (bit clear).
     */
    private static Map<String, Chain> chains(Map<String, List<Generated>> generated, List<Generated> uncertain, int mask) {
        Map<String, Chain> chains = new LinkedHashMap<>();
        for (Map.Entry<String, List<Generated>> e : generated.entrySet()) {
            List<ChainRule> rules = new ArrayList<>();
            for (Generated g : e.getValue()) {
                Match m = g.modelled();
                if (g.uncertain() && uncertain == null) {
                    m = m.toBuilder().unmodelled(new Unmodelled("-m recent --rcheck", AT)).build();
                } else if (g.uncertain() && (mask & 1 << uncertain.indexOf(g)) == 0) {
                    m = NEVER;
                }
                rules.add(new ChainRule(g.id(), false, m, g.target(), "", AT));
            }
            chains.put(e.getKey(), new Chain(e.getKey(), rules));
        }
        return chains;
    }
}
