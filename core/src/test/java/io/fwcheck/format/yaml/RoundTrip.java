package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.Differ;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;

/**
 * Writes a ruleset as native YAML, reads it back and asserts that nothing but places changed: the
 * same name, default, rule ids, actions, comments, stand-ins, suppressions and matches ({@link Match#equals}, with each
 * unknown construct's location set aside, since it is then a place in the YAML text), and the same
 * packets decided the same way.
 */
final class RoundTrip {

    private RoundTrip() {}

    /** The ruleset read back from its YAML text, after the assertions. */
    static Ruleset assertRoundTrip(Ruleset original) {
        String yaml = YamlRulesetWriter.write(original);
        Ruleset back = YamlRulesetReader.read(yaml, "converted.yaml");
        assertThat(back.name()).isEqualTo(original.name());
        assertThat(back.defaultAction()).isEqualTo(original.defaultAction());
        assertThat(back.rules()).hasSameSizeAs(original.rules());
        for (int i = 0; i < original.rules().size(); i++) {
            Rule was = original.rules().get(i);
            Rule now = back.rules().get(i);
            assertThat(now.id()).isEqualTo(was.id());
            assertThat(now.action()).as(was.id()).isEqualTo(was.action());
            assertThat(now.comment()).as(was.id()).isEqualTo(was.comment());
            assertThat(now.standIn()).as(was.id()).isEqualTo(was.standIn());
            assertThat(now.suppressions().stream().map(x -> x.id() + ": " + x.reason()).toList()).as(was.id())
                    .isEqualTo(was.suppressions().stream().map(x -> x.id() + ": " + x.reason()).toList());
            assertThat(placeless(now.match())).as("match of %s written as\n%s", was.id(), yaml)
                    .isEqualTo(placeless(was.match()));
            assertThat(now.location().file()).isEqualTo("converted.yaml");
        }
        assertSameDecisions(original, back);
        return back;
    }

    /** Both rulesets accept, certainly and possibly, the same flows; each rule matches the same flows. */
    static void assertSameDecisions(Ruleset original, Ruleset back) {
        FlowSpace space = new FlowSpace();
        CompiledRuleset was = CompiledRuleset.compile(space, original);
        CompiledRuleset now = CompiledRuleset.compile(space, back);
        assertThat(now.certainlyAccepted()).isEqualTo(was.certainlyAccepted());
        assertThat(now.possiblyAccepted()).isEqualTo(was.possiblyAccepted());
        for (int i = 0; i < original.rules().size(); i++) {
            assertThat(now.match(i)).as(original.rules().get(i).id()).isEqualTo(was.match(i));
        }
        if (original.isCertain()) {
            assertThat(Differ.diff(original, back).equivalent()).isTrue();
        }
    }

    /** The match with every unknown construct's location, here and in exceptions, set aside. */
    static Match placeless(Match m) {
        return m.placeless();
    }
}
