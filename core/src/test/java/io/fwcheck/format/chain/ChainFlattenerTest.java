package io.fwcheck.format.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.InputException;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChainFlattenerTest {

    private static final SourceLocation AT = new SourceLocation("fw.rules", 1, 1);

    private static ChainRule rule(String id, Match match, Target target) {
        return new ChainRule(id, false, match, target, "", AT);
    }

    private static Match tcp(int port) {
        return Match.builder().protocol(Protocol.TCP).destinationPorts(IntRanges.of(port)).build();
    }

    private static Match from(String cidr) {
        String[] p = cidr.split("/");
        return Match.builder().sources(AddressSet.of(AddressRange.cidr(Address.parse(p[0]), Integer.parseInt(p[1])))).build();
    }

    @Test
    void return_sends_packets_back_to_the_caller_and_skips_the_rest_of_the_chain() {
        Map<String, Chain> chains = new LinkedHashMap<>();
        chains.put("INPUT", new Chain("INPUT", List.of(
                rule("INPUT#1", Match.any(), new Target.Jump("app-in")),
                rule("INPUT#2", tcp(22), new Target.Verdict(Action.ACCEPT)))));
        chains.put("app-in", new Chain("app-in", List.of(
                rule("app-in#1", from("10.0.0.0/8"), new Target.Return()),
                rule("app-in#2", Match.builder().protocol(Protocol.TCP).build(), new Target.Verdict(Action.DROP)))));
        List<BaseChain> bases = List.of(new BaseChain("INPUT", Action.DROP, Match.any(), AT));

        Ruleset flat = ChainFlattener.flatten("fw", chains, bases, AT);

        assertThat(flat.rules()).extracting(r -> r.id()).containsExactly("INPUT#1>app-in#2", "INPUT#2");
        Flow inside = Flow.tcp("10.1.1.1", 40000, "192.0.2.1", 22);
        Flow outside = Flow.tcp("192.0.2.9", 40000, "192.0.2.1", 22);
        assertThat(verdict(flat, inside)).isEqualTo(Action.ACCEPT);
        assertThat(verdict(flat, outside)).isEqualTo(Action.DROP);
        assertThat(ChainEvaluator.evaluate(chains, bases, inside)).hasToString("INPUT#1 → app-in#1 RETURN → INPUT#2 ACCEPT");
    }

    @Test
    void a_loop_of_jumps_is_an_input_error_naming_the_loop() {
        Map<String, Chain> chains = new LinkedHashMap<>();
        chains.put("INPUT", new Chain("INPUT", List.of(rule("INPUT#1", Match.any(), new Target.Jump("a")))));
        chains.put("a", new Chain("a", List.of(rule("a#1", Match.any(), new Target.Jump("INPUT")))));

        assertThatThrownBy(() -> ChainFlattener.flatten("fw", chains,
                List.of(new BaseChain("INPUT", Action.ACCEPT, Match.any(), AT)), AT))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("INPUT -> a -> INPUT");
    }

    private static Action verdict(Ruleset r, Flow f) {
        int i = r.firstMatch(f);
        return i == r.rules().size() ? r.defaultAction() : r.rules().get(i).action();
    }

    /** Random chain programs: flattening must give netfilter's verdict for every flow. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void flattened_verdicts_equal_direct_chain_evaluation(long seed) {
        assertThat(unknownAfterComparing(seed, false)).as("seed %d: flows of UNKNOWN verdict", seed).isZero();
    }

    /**
     * Random chain programs whose base chains may have a policy the input does not tell: a flow
     * that reaches such a policy is UNKNOWN, flattened as evaluated, and every other flow keeps
     * netfilter's verdict.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void a_policy_the_input_does_not_tell_makes_the_flows_that_reach_it_unknown(long seed) {
        unknownAfterComparing(seed, true);
    }

    /**
     * Flattens a random chain program (base chains entered from the hook only, never jumped to from
     * each other) and compares, for random flows, its traces and accepted sets with the chains
     * evaluated directly; returns how many flows were UNKNOWN.
     */
    private static int unknownAfterComparing(long seed, boolean unknownPolicies) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Chain> chains = randomChains(random);
        List<BaseChain> bases = randomBases(random, chains.size(), unknownPolicies);
        Ruleset flat = ChainFlattener.flatten("fw", chains, bases, AT);
        CompiledRuleset compiled = CompiledRuleset.compile(flat);
        Tracer tracer = Tracer.of(flat);
        int unknown = 0;
        for (int k = 0; k < 2500; k++) {
            Flow flow = randomFlow(random);
            Optional<Action> expected = ChainEvaluator.evaluate(chains, bases, flow).action();
            TraceResult t = tracer.trace(flow);
            assertThat(t.action()).as("seed %d flow %s", seed, flow).isEqualTo(expected);
            if (expected.isPresent()) {
                assertThat(compiled.certainlyAccepted().contains(flow)).as("seed %d flow %s", seed, flow)
                        .isEqualTo(expected.get().accepts());
                assertThat(compiled.possiblyAccepted().contains(flow)).as("seed %d flow %s", seed, flow)
                        .isEqualTo(expected.get().accepts());
            } else {
                unknown++;
                assertThat(compiled.certainlyAccepted().contains(flow)).as("seed %d flow %s", seed, flow).isFalse();
            }
        }
        return unknown;
    }

    private static Map<String, Chain> randomChains(SplittableRandom random) {
        int chainCount = 2 + random.nextInt(5);
        Map<String, Chain> chains = new LinkedHashMap<>();
        for (int c = chainCount - 1; c >= 0; c--) {
            String name = "c" + c;
            List<ChainRule> rules = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int i = 0; i < n; i++) {
                rules.add(rule(name + "#" + (i + 1), randomMatch(random), randomTarget(random, c, chainCount)));
            }
            chains.put(name, new Chain(name, rules));
        }
        return chains;
    }

    /** One to three base chains; with {@code unknown}, the first one's policy is unknown, the others' at random. */
    private static List<BaseChain> randomBases(SplittableRandom random, int chainCount, boolean unknown) {
        List<BaseChain> bases = new ArrayList<>();
        int baseCount = 1 + random.nextInt(3);
        for (int b = 0; b < baseCount && b < chainCount; b++) {
            Match scope = random.nextInt(3) == 0
                    ? Match.builder().families(EnumSet.of(IpFamily.IPV4)).build() : Match.any();
            if (unknown && (b == 0 || random.nextBoolean())) {
                bases.add(new BaseChain("c" + b, Action.DROP, scope, AT,
                        Optional.of(new Unmodelled("the policy of c" + b, AT))));
            } else {
                bases.add(new BaseChain("c" + b, random.nextBoolean() ? Action.ACCEPT : Action.DROP, scope, AT));
            }
        }
        return bases;
    }

    /** A random target for a rule of chain {@code c<chain>}: jumps and gotos only to later chains. */
    static Target randomTarget(SplittableRandom random, int chain, int chainCount) {
        int pick = random.nextInt(10);
        boolean canJump = chain + 1 < chainCount;
        if (pick < 2 && canJump) {
            return new Target.Jump("c" + (chain + 1 + random.nextInt(chainCount - chain - 1)));
        }
        if (pick == 2 && canJump) {
            return new Target.Goto("c" + (chain + 1 + random.nextInt(chainCount - chain - 1)));
        }
        if (pick == 3) {
            return new Target.Return();
        }
        if (pick == 4) {
            return new Target.Continue("LOG");
        }
        return new Target.Verdict(Action.values()[random.nextInt(3)]);
    }

    static Match randomMatch(SplittableRandom random) {
        Match.Builder b = Match.builder();
        if (random.nextInt(3) == 0) {
            b.sources(AddressSet.of(AddressRange.cidr(Address.ipv4(random.nextInt(4) << 30 & 0xFFFFFFFFL), 2)));
        }
        if (random.nextInt(3) == 0) {
            b.protocol(random.nextBoolean() ? Protocol.TCP : Protocol.UDP);
            if (random.nextBoolean()) {
                int lo = random.nextInt(4) * 16;
                b.destinationPorts(IntRanges.range(lo, lo + random.nextInt(20)));
            }
        }
        if (random.nextInt(4) == 0) {
            b.states(random.nextBoolean() ? EnumSet.of(ConnState.NEW) : EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED));
        }
        if (random.nextInt(4) == 0) {
            b.inInterface(new InterfaceMatch(List.of(random.nextBoolean() ? "eth+" : "eth1"), random.nextBoolean()));
        }
        if (random.nextInt(6) == 0) {
            b.families(EnumSet.of(IpFamily.IPV6));
        }
        return b.build();
    }

    static Flow randomFlow(SplittableRandom random) {
        boolean v6 = random.nextInt(4) == 0;
        Address src = v6 ? Address.ipv6(random.nextLong(), random.nextLong()) : Address.ipv4(random.nextLong() & 0xFFFFFFFFL);
        Address dst = v6 ? Address.ipv6(0x20010db8L << 32, 1) : Address.ipv4(0xC0000201L);
        int protocol = random.nextBoolean() ? Protocol.TCP : Protocol.UDP;
        String[] ifaces = {"eth0", "eth1", "lo", "wlan0"};
        return new Flow(v6 ? IpFamily.IPV6 : IpFamily.IPV4, src, dst, protocol, 40000, random.nextInt(80), 0, 0,
                ConnState.values()[random.nextInt(4)], ifaces[random.nextInt(4)], "");
    }
}
