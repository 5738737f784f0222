package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled postmortem sample: the change that caused the outage fails the gate, the rules before it pass. */
class PostmortemCheckTest {

    private static final Path DIR = Path.of("..", "rulesets", "postmortem");

    private static CheckResult check(String ruleset) {
        Ruleset rules = YamlRulesetReader.read(DIR.resolve(ruleset));
        Policy policy = YamlPolicyReader.read(DIR.resolve("policy.yaml"));
        return Checker.check(rules, policy);
    }

    @Test
    void rules_before_the_change_meet_every_requirement() {
        CheckResult result = check("current.yaml");

        assertThat(result.results()).allSatisfy(r -> assertThat(r.verdict()).as(r.requirement().id()).isEqualTo(Verdict.PASS));
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void proposed_change_fails_app_to_db_for_exactly_the_blocked_half_of_the_app_servers() {
        CheckResult result = check("proposed.yaml");

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.results()).filteredOn(r -> r.verdict() == Verdict.FAIL)
                .extracting(r -> r.requirement().id()).containsExactly("app-to-db");
        RequirementResult appToDb = result.results().get(0);
        assertThat(appToDb.violation().total()).isEqualTo(1);
        assertThat(appToDb.violation().boxes()).extracting(Object::toString)
                .containsExactly("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(appToDb.violation().witness()).contains(Flow.tcp("10.0.1.128", 49152, "10.0.2.10", 5432));
        assertThat(appToDb.decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("block-scanner");
            assertThat(d.location().file()).endsWith("proposed.yaml");
            assertThat(d.location().line()).isPositive();
        });
    }
}
