package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingTest {

    private static final Path DIR = Path.of("..", "rulesets", "postmortem");
    private static final String RULESET = "rulesets/postmortem/proposed.yaml";
    private static final String POLICY = "rulesets/postmortem/policy.yaml";

    private static String sample(String name) throws IOException {
        return Files.readString(DIR.resolve(name));
    }

    private static Policy policy() throws IOException {
        return YamlPolicyReader.read(sample("policy.yaml"), POLICY);
    }

    @Test
    void a_failed_requirement_is_found_at_the_deciding_rule_with_the_requirement_as_related_place() throws IOException {
        CheckResult result = Checker.check(YamlRulesetReader.read(sample("proposed.yaml"), RULESET), policy());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.REQUIREMENT_VIOLATED);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.rule()).isEqualTo("block-scanner");
            assertThat(f.ruleset()).isEqualTo("db01-input");
            assertThat(f.requirement()).contains("app-to-db");
            assertThat(f.location()).isEqualTo(new SourceLocation(RULESET, 35, 5));
            assertThat(f.message()).startsWith("requirement app-to-db (app-servers must reach db on postgres) fails: ")
                    .contains("blocked by block-scanner (" + RULESET + ":35:5)")
                    .doesNotContain("\n");
            assertThat(f.witness()).hasValueSatisfying(
                    w -> assertThat(w).hasToString("tcp 10.0.1.128:49152 -> 10.0.2.10:5432"));
            assertThat(f.flows().boxes()).extracting(Object::toString)
                    .containsExactly("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
            assertThat(f.related()).extracting(Finding.Related::location)
                    .containsExactly(new SourceLocation(POLICY, 28, 5));
            assertThat(f.fingerprint()).matches("[0-9a-f]{32}");
        });
    }

    @Test
    void a_passing_check_has_no_findings() throws IOException {
        assertThat(Checker.check(YamlRulesetReader.read(sample("current.yaml"), RULESET), policy()).findings()).isEmpty();
    }

    @Test
    void when_the_default_policy_decides_the_finding_is_at_the_rulesets_default_action() throws IOException {
        // without its app rule, the current ruleset drops app-to-db by default
        String text = sample("current.yaml").replace("""
                  - name: allow-app-postgres
                    action: accept
                    from: app-servers
                    service: postgres
                    comment: app servers to the primary database
                """, "");
        Ruleset ruleset = YamlRulesetReader.read(text, RULESET);

        Finding f = Checker.check(ruleset, policy()).findings().get(0);

        assertThat(f.rule()).isEqualTo(Finding.DEFAULT_POLICY);
        assertThat(f.location()).isEqualTo(ruleset.source());
        assertThat(f.location().line()).isEqualTo(4);
    }

    @Test
    void fingerprints_do_not_change_when_rules_move_down_the_file() throws IOException {
        String proposed = sample("proposed.yaml");
        String shifted = proposed.replace("rules:\n", "# reviewed by the network team\n\nrules:\n\n");
        Ruleset before = YamlRulesetReader.read(proposed, RULESET);
        Ruleset after = YamlRulesetReader.read(shifted, RULESET);
        assertThat(after.rules().get(3).location().line()).isEqualTo(before.rules().get(3).location().line() + 3);

        List<Finding> was = Checker.check(before, policy()).findings();
        List<Finding> now = Checker.check(after, policy()).findings();

        assertThat(now).extracting(Finding::fingerprint).isEqualTo(was.stream().map(Finding::fingerprint).toList());
        assertThat(now.get(0).location()).isNotEqualTo(was.get(0).location());
        List<Finding> diffWas = Differ.diff(YamlRulesetReader.read(sample("current.yaml"), "current.yaml"), before,
                DiffOptions.defaults().withPolicy(policy())).findings();
        List<Finding> diffNow = Differ.diff(YamlRulesetReader.read(sample("current.yaml"), "current.yaml"), after,
                DiffOptions.defaults().withPolicy(policy())).findings();
        assertThat(diffNow).extracting(Finding::fingerprint)
                .isEqualTo(diffWas.stream().map(Finding::fingerprint).toList());
    }

    @Test
    void fingerprints_tell_apart_types_requirements_rules_and_rulesets() {
        String base = Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "app-to-db", "block-scanner", "db01");

        assertThat(Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "app-to-db", "block-scanner", "db01"))
                .isEqualTo(base);
        assertThat(List.of(
                Finding.fingerprint(FindingType.REQUIREMENT_REGRESSION, "app-to-db", "block-scanner", "db01"),
                Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "bastion-ssh", "block-scanner", "db01"),
                Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "app-to-db", "default policy", "db01"),
                Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "app-to-db", "block-scanner", "db02"),
                Finding.fingerprint(FindingType.REQUIREMENT_VIOLATED, "app-to-dbblock-scanner", "", "db01")))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void an_unknown_requirement_is_at_most_a_warning_located_at_the_unmodelled_construct() throws IOException {
        Ruleset current = YamlRulesetReader.read(sample("current.yaml"), RULESET);
        List<Rule> rules = new ArrayList<>(current.rules());
        SourceLocation construct = new SourceLocation(RULESET, 30, 20);
        rules.add(1, new Rule("rate-limit", Action.DROP, Match.builder().protocol(Protocol.TCP)
                .unmodelled(new Unmodelled("-m recent --rcheck", construct)).build(), "", new SourceLocation(RULESET, 30, 5)));
        Ruleset uncertain = new Ruleset(current.name(), rules, current.defaultAction(), current.source());

        List<Finding> findings = Checker.check(uncertain, policy()).findings();

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.type()).isEqualTo(FindingType.REQUIREMENT_UNKNOWN);
            assertThat(f.severity()).isIn(Severity.WARNING, Severity.INFO);
            assertThat(f.location()).isEqualTo(construct);
            assertThat(f.rule()).isEqualTo("rate-limit");
            assertThat(f.message()).contains("is unknown").contains("rule rate-limit uses -m recent --rcheck");
        });
    }

    @Test
    void a_diff_finds_the_regression_at_the_added_rule_and_the_blocked_group() throws IOException {
        DiffResult diff = Differ.diff(YamlRulesetReader.read(sample("current.yaml"), "rulesets/postmortem/current.yaml"),
                YamlRulesetReader.read(sample("proposed.yaml"), RULESET), DiffOptions.defaults().withPolicy(policy()));

        assertThat(diff.findings()).extracting(Finding::type)
                .containsExactly(FindingType.REQUIREMENT_REGRESSION, FindingType.CHANGE_BLOCKS_FLOWS);
        Finding regression = diff.findings().get(0);
        assertThat(regression.location()).isEqualTo(new SourceLocation(RULESET, 35, 5));
        assertThat(regression.message()).contains("regressed (PASS before, FAIL after)");
        Finding blocked = diff.findings().get(1);
        assertThat(blocked.severity()).isEqualTo(Severity.INFO);
        assertThat(blocked.rule()).isEqualTo("block-scanner");
        assertThat(blocked.message()).startsWith("the change newly refuses tcp 10.0.1.128/25 -> any dport 5432");
        assertThat(blocked.related()).singleElement().satisfies(r -> {
            assertThat(r.location()).isEqualTo(new SourceLocation("rulesets/postmortem/current.yaml", 33, 5));
            assertThat(r.message()).contains("before the change").contains("allow-app-postgres");
        });
    }

    @Test
    void reverting_the_change_finds_the_requirement_fixed_as_a_note() throws IOException {
        DiffResult diff = Differ.diff(YamlRulesetReader.read(sample("proposed.yaml"), RULESET),
                YamlRulesetReader.read(sample("current.yaml"), "current.yaml"), DiffOptions.defaults().withPolicy(policy()));

        assertThat(diff.findings()).extracting(Finding::type)
                .containsExactly(FindingType.REQUIREMENT_FIXED, FindingType.CHANGE_OPENS_FLOWS);
        Finding fixed = diff.findings().get(0);
        assertThat(fixed.severity()).isEqualTo(Severity.INFO);
        assertThat(fixed.rule()).isEqualTo("block-scanner");
        assertThat(fixed.location().file()).isEqualTo("current.yaml");
    }

    @Test
    void a_watched_range_newly_exposed_is_an_error_at_the_accepting_rule() throws IOException {
        String current = sample("current.yaml");
        Ruleset opened = YamlRulesetReader.read(current + """

                  - name: allow-web
                    action: accept
                    protocol: tcp
                    ports: 443
                """, "opened.yaml");
        AddressSet everyone = AddressSet.all();

        DiffResult diff = Differ.diff(YamlRulesetReader.read(current, "current.yaml"), opened,
                DiffOptions.defaults().watching(List.of(everyone)));

        Finding exposure = diff.findings().get(0);
        assertThat(exposure.type()).isEqualTo(FindingType.NEW_EXPOSURE);
        assertThat(exposure.severity()).isEqualTo(Severity.ERROR);
        assertThat(exposure.rule()).isEqualTo("allow-web");
        assertThat(exposure.requirement()).isEqualTo(Optional.empty());
        assertThat(exposure.message()).startsWith("the change newly accepts connections from 0.0.0.0/0, ::/0: tcp ")
                .endsWith("accepted by allow-web");
    }

    @Test
    void a_finding_message_is_one_line() {
        Finding f = new Finding(FindingType.CHANGE_OPENS_FLOWS, Severity.INFO, "two\nlines\r\nhere",
                SourceLocation.UNKNOWN, "r", "rs", Optional.empty(),
                new FlowSummary(List.of(), 0, Optional.empty()), List.of(), "ab");

        assertThat(f.message()).isEqualTo("two lines here");
        assertThatThrownBy(() -> new Finding(FindingType.CHANGE_OPENS_FLOWS, Severity.INFO, "m",
                SourceLocation.UNKNOWN, "r", "rs", Optional.empty(), new FlowSummary(List.of(), 0, Optional.empty()),
                List.of(), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
