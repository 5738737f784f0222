package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.iptables.SharedDumps;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A ruleset converted to YAML diffs to no rule change against its source: rules pair up by their
 * conditions as written, so a rule with constructs fwcheck does not model is not "modified" because
 * its constructs now sit at other places. Checked on the chains sample and a sample of the real dumps.
 */
class ConvertedDiffTest {

    /** Rulesets up to this many rules are diffed (diffing compiles both). */
    private static final int MAX_RULES = 1_500;

    private static void assertNoChange(Ruleset original, String where) {
        Ruleset back = YamlRulesetReader.read(YamlRulesetWriter.write(original), "converted.yaml");
        DiffResult diff = Differ.diff(original, back);
        assertThat(diff.ruleChanges()).as("%s: rule changes", where).isEmpty();
        // the unknown constructs of the two sides are not known to be the same condition: verdicts
        // that depend on them stay uncertain, but no verdict changes certainly
        assertThat(diff.newlyAccepted().isEmpty()).as("%s: newly accepted %s", where, diff.newlyAccepted()).isTrue();
        assertThat(diff.newlyBlocked().isEmpty()).as("%s: newly blocked %s", where, diff.newlyBlocked()).isTrue();
    }

    @Test
    void the_chains_sample_with_unknown_constructs_diffs_to_nothing_against_its_yaml() {
        Ruleset original = RulesetLoader.load(Path.of("..", "rulesets", "chains", "db01.rules"), LoadOptions.defaults());
        assertThat(original.isCertain()).isFalse();

        assertNoChange(original, "db01.rules");
    }

    @Test
    void a_sample_of_the_real_dumps_diffs_to_nothing_against_their_yaml() {
        Optional<Path> dir = SharedDumps.folder();
        assumeTrue(dir.isPresent(), "../shared/data/iptables is not present: no real dumps");
        List<Path> files = SharedDumps.files(dir.get());
        int diffed = 0;
        int uncertain = 0;
        for (int k = 0; k < files.size(); k += 3) {
            Path file = files.get(k);
            String text = RulesetLoader.readDump(file);
            if (RulesetFormat.detect(text).format().orElse(null) != RulesetFormat.IPTABLES) {
                continue;
            }
            Ruleset original;
            try {
                original = RulesetLoader.load(text, file.toString(), LoadOptions.defaults());
            } catch (InputException e) {
                continue; // the coverage test says which dumps import
            }
            if (original.rules().size() > MAX_RULES) {
                continue;
            }
            assertNoChange(original, SharedDumps.name(dir.get(), file));
            diffed++;
            uncertain += (int) original.rules().stream().map(Rule::match).filter(m -> !m.isCertain()).count();
        }
        System.out.println(diffed + " real dumps diffed against their YAML, " + uncertain + " rules with unknown constructs");
        assertThat(diffed).isPositive();
        assertThat(uncertain).as("rules with unknown constructs in the sample").isPositive();
    }
}
