package io.fwcheck.testing;

import io.fwcheck.analysis.Classification;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.format.FlowParser;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Classification} (what {@code allows}, {@code blocks} and {@code decidesWith} decide on)
 * against brute force: the flow sets are the modelled matches of another generated ruleset's rules
 * and flow sets written in the assertion syntax; flows drawn from every box of every part, and
 * flows of the ruleset's own edges, must be classified as evaluating the rules one by one does.
 */
class ClassificationDifferentialTest {

    private static final int CAP = 400;

    static LongStream seeds() {
        return DifferentialCase.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void every_part_holds_exactly_the_flows_brute_force_puts_there(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        Failures failures = new Failures(c);
        CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
        BoxSampler sampler = new BoxSampler(seed);
        List<Flow> edges = c.flows.flows(400);
        for (Match set : flowSets(seed)) {
            Classification k = Classification.of(compiled, compiled.space().of(set), CAP);
            for (Flow flow : edges) {
                if (!set.matchesModelled(flow)) {
                    continue;
                }
                boolean certainly = BruteForce.certainlyAccepted(ruleset, flow);
                boolean possibly = BruteForce.possiblyAccepted(ruleset, flow);
                FlowSummary expected = certainly ? k.accepted() : possibly ? k.uncertain() : k.denied();
                failures.check(expected.truncated() || in(expected, flow),
                        () -> "not in its part (certainly " + certainly + ", possibly " + possibly + ") of " + set, flow);
                if (ruleset.isCertain()) {
                    int first = ruleset.firstMatch(flow);
                    Optional<Rule> decider = first == ruleset.rules().size() ? Optional.empty() : Optional.of(ruleset.rules().get(first));
                    Optional<Decision> found = k.decidedBy().stream().filter(d -> d.rule().equals(decider)).findFirst();
                    failures.check(found.isPresent() && (found.get().flows().truncated() || in(found.get().flows(), flow)),
                            () -> "not decided by " + decider.map(Rule::id).orElse("the default policy") + " in " + set, flow);
                }
            }
            samplePart(failures, ruleset, sampler, k.accepted(), set, "accepted");
            samplePart(failures, ruleset, sampler, k.denied(), set, "denied");
            samplePart(failures, ruleset, sampler, k.uncertain(), set, "uncertain");
            Verdict all = k.allAccepted();
            Verdict none = k.noneAccepted();
            k.denied().witness().ifPresent(w -> failures.check(all == Verdict.FAIL && !BruteForce.possiblyAccepted(ruleset, w),
                    () -> "denied witness, allAccepted " + all, w));
            k.accepted().witness().ifPresent(w -> failures.check(none == Verdict.FAIL && BruteForce.certainlyAccepted(ruleset, w),
                    () -> "accepted witness, noneAccepted " + none, w));
            failures.check(k.flows().total() == 0 || all != Verdict.PASS || k.denied().isEmpty() && k.uncertain().isEmpty(),
                    () -> "allAccepted PASS with denied or uncertain flows in " + set, null);
        }
        failures.assertNone();
    }

    /** Flows from each box of a part: they are in the set and brute force agrees with the part. */
    private static void samplePart(Failures failures, Ruleset ruleset, BoxSampler sampler, FlowSummary part, Match set,
            String name) {
        for (FlowBox box : part.boxes()) {
            for (int i = 0; i < 3; i++) {
                Flow flow = sampler.inside(box, i == 0);
                if (flow == null) {
                    continue;
                }
                boolean certainly = BruteForce.certainlyAccepted(ruleset, flow);
                boolean possibly = BruteForce.possiblyAccepted(ruleset, flow);
                boolean ok = set.matchesModelled(flow) && switch (name) {
                    case "accepted" -> certainly;
                    case "denied" -> !possibly;
                    default -> possibly && !certainly;
                };
                failures.check(ok, () -> "drawn from the " + name + " part of " + set + " (certainly " + certainly
                        + ", possibly " + possibly + ")", flow);
            }
        }
    }

    private static boolean in(FlowSummary summary, Flow flow) {
        return summary.boxes().stream().anyMatch(b -> BoxSampler.contains(b, flow));
    }

    /** Modelled matches of another ruleset's rules, and sets written in the flow set syntax. */
    private static List<Match> flowSets(long seed) {
        List<Match> sets = new ArrayList<>();
        for (Rule r : RulesetGenerator.seeded(seed + 7).generate(12).rules()) {
            sets.add(r.match().toBuilder().build().isCertain() ? r.match() : certain(r.match()));
        }
        sets.add(FlowParser.parseSet("tcp any -> any"));
        sets.add(FlowParser.parseSet("udp 10.0.0.0/8 -> any:53 state any"));
        sets.add(FlowParser.parseSet("icmp any -> 10.0.0.0/8 type 8"));
        sets.add(FlowParser.parseSet("any any -> any in eth+"));
        return sets;
    }

    /** The match without its unmodelled conditions and exceptions (a flow set is fully modelled). */
    private static Match certain(Match m) {
        return new Match(m.families(), m.sources(), m.destinations(), m.protocols(), m.sourcePorts(), m.destinationPorts(),
                m.icmp(), m.states(), m.inInterface(), m.outInterface(), List.of(), List.of());
    }
}
