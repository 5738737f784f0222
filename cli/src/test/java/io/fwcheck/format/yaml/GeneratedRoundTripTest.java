package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.Differ;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import io.fwcheck.testing.RulesetGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded generated rulesets ({@link RulesetGenerator}) written by {@link YamlRulesetWriter} read back
 * with {@link YamlRulesetReader} to the same rules: ids, actions, comments, {@link Match#equals} (each
 * unknown construct's location set aside: it is then a place in the YAML text) and the same decision
 * for every flow. Some rules are combined the way chain flattening combines them ({@link Match#and},
 * exceptions), which makes empty conditions, exceptions within exceptions and interface conditions
 * that become exceptions. This test is here rather than in core because it uses the test fixtures.
 */
class GeneratedRoundTripTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void a_generated_ruleset_reads_back_equal_from_its_yaml(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Ruleset generated = RulesetGenerator.seeded(seed)
                .withIpv6Share(random.nextDouble())
                .withUnmodelledRate(seed % 3 == 0 ? 0 : 0.15)
                .generate(20 + random.nextInt(180));
        Ruleset original = flattenedLike(generated, random);

        String yaml = YamlRulesetWriter.write(original);
        Ruleset back = YamlRulesetReader.read(yaml, "generated.yaml");

        assertThat(back.name()).isEqualTo(original.name());
        assertThat(back.defaultAction()).isEqualTo(original.defaultAction());
        assertThat(back.rules()).hasSameSizeAs(original.rules());
        for (int i = 0; i < original.rules().size(); i++) {
            Rule was = original.rules().get(i);
            Rule now = back.rules().get(i);
            assertThat(now.id()).isEqualTo(was.id());
            assertThat(now.action()).isEqualTo(was.action());
            assertThat(now.comment()).isEqualTo(was.comment());
            assertThat(placeless(now.match())).as("seed %d, rule %s written as\n%s", seed, was.id(), yaml)
                    .isEqualTo(placeless(was.match()));
        }
        FlowSpace space = new FlowSpace();
        CompiledRuleset before = CompiledRuleset.compile(space, original);
        CompiledRuleset after = CompiledRuleset.compile(space, back);
        assertThat(after.certainlyAccepted()).isEqualTo(before.certainlyAccepted());
        assertThat(after.possiblyAccepted()).isEqualTo(before.possiblyAccepted());
        if (original.isCertain()) {
            assertThat(Differ.diff(original, back).equivalent()).as("seed %d", seed).isTrue();
        }
    }

    /**
     * The generated ruleset with some rules as chain flattening makes them: ids joined along jumps,
     * a jump rule's match combined with the rule's ({@link Match#and}), the matches of earlier
     * RETURN rules as exceptions, and a comment.
     */
    private static Ruleset flattenedLike(Ruleset generated, SplittableRandom random) {
        List<Rule> rules = new ArrayList<>();
        List<Rule> in = generated.rules();
        for (int i = 0; i < in.size(); i++) {
            Rule r = in.get(i);
            Match match = r.match();
            String id = r.id();
            String comment = r.comment();
            int k = random.nextInt(10);
            if (k == 0) {
                Match jump = in.get(random.nextInt(in.size())).match();
                match = jump.and(match);
                id = "INPUT#" + (i + 1) + ">chain-" + random.nextInt(5) + "#" + (1 + random.nextInt(9));
            } else if (k == 1) {
                Match.Builder b = match.toBuilder();
                for (int e = random.nextInt(4); e >= 0; e--) {
                    b.except(in.get(random.nextInt(in.size())).match());
                }
                match = b.build();
                id = "FORWARD#" + (i + 1) + ">app-in#" + (1 + random.nextInt(9));
            } else if (k == 2) {
                Match inner = Match.builder().except(in.get(random.nextInt(in.size())).match())
                        .unmodelled(new Unmodelled("-m recent --rcheck --name \"scan ners\"",
                                new SourceLocation("g.rules", i, 3))).build();
                match = match.toBuilder().except(inner).build();
                comment = "nested: \"exceptions\" #" + i;
            }
            rules.add(new Rule(id, r.action(), match, comment, r.location(), k > 1 || r.named()));
        }
        return new Ruleset(generated.name(), rules, generated.defaultAction() == null ? Action.DROP
                : generated.defaultAction(), generated.source());
    }

    private static Match placeless(Match m) {
        return new Match(m.families(), m.sources(), m.destinations(), m.protocols(), m.sourcePorts(),
                m.destinationPorts(), m.icmp(), m.states(), m.inInterface(), m.outInterface(),
                m.unmodelled().stream().map(u -> new Unmodelled(u.construct(), SourceLocation.UNKNOWN)).toList(),
                m.except().stream().map(GeneratedRoundTripTest::placeless).toList());
    }
}
