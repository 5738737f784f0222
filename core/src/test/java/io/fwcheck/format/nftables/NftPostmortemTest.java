package io.fwcheck.format.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The postmortem sample in nftables form ({@code rulesets/postmortem/*.nft.json}, exported from
 * {@code *.nft} with {@code nft -j list ruleset}) is the same ruleset as its YAML form: the same
 * check verdicts against the policy, and no packet decided differently, the ICMPv6 neighbour
 * discovery and multicast listener messages that conntrack never tracks included (a state
 * condition never matches them, in every format).
 */
class NftPostmortemTest {

    private static final Path DIR = NftSamples.root().resolve("rulesets/postmortem");

    private static Map<String, Verdict> verdicts(CheckResult result) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        for (RequirementResult r : result.results()) {
            out.put(r.requirement().id(), r.verdict());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "proposed"})
    void the_nftables_ruleset_checks_like_the_yaml_one(String name) {
        Policy policy = YamlPolicyReader.read(DIR.resolve("policy.yaml"));
        Ruleset yaml = YamlRulesetReader.read(DIR.resolve(name + ".yaml"));
        Ruleset nft = NftablesReader.read(DIR.resolve(name + ".nft.json"), "input");

        CheckResult fromYaml = Checker.check(yaml, policy);
        CheckResult fromNft = Checker.check(nft, policy);

        assertThat(nft.isCertain()).isTrue();
        assertThat(verdicts(fromNft)).isEqualTo(verdicts(fromYaml));
        assertThat(fromNft.verdict()).isEqualTo(name.equals("current") ? Verdict.PASS : Verdict.FAIL);
        DiffResult diff = Differ.diff(yaml, nft);
        assertThat(diff.equivalent()).as("newly accepted %s, newly blocked %s", diff.newlyAccepted(),
                diff.newlyBlocked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proposed"})
    void the_failing_requirement_is_blamed_on_the_blocking_rule_with_its_comment(String name) {
        Policy policy = YamlPolicyReader.read(DIR.resolve("policy.yaml"));
        Ruleset nft = NftablesReader.read(DIR.resolve(name + ".nft.json"), "input");

        RequirementResult appToDb = Checker.check(nft, policy).results().get(0);

        assertThat(appToDb.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(appToDb.violation().boxes()).extracting(Object::toString)
                .containsExactly("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(appToDb.decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("filter/input#6");
            assertThat(d.location().file()).endsWith("proposed.nft.json");
        });
        assertThat(nft.rules()).filteredOn(r -> r.id().equals("filter/input#6")).singleElement()
                .satisfies(r -> assertThat(r.comment()).startsWith("block-scanner: CHG-4711"));
    }
}
