package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.RuleChange.Kind;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferTest {

    private static final Path DIR = Path.of("..", "rulesets", "postmortem");

    private static Ruleset yaml(String text) {
        return YamlRulesetReader.read(text, "r.yaml");
    }

    @Test
    void postmortem_change_newly_blocks_half_the_app_servers_and_regresses_app_to_db() {
        Ruleset current = YamlRulesetReader.read(DIR.resolve("current.yaml"));
        Ruleset proposed = YamlRulesetReader.read(DIR.resolve("proposed.yaml"));
        DiffOptions options = DiffOptions.defaults().withPolicy(YamlPolicyReader.read(DIR.resolve("policy.yaml")));

        DiffResult diff = Differ.diff(current, proposed, options);

        assertThat(diff.newlyAccepted().isEmpty()).isTrue();
        assertThat(diff.newlyBlocked().boxes()).extracting(Object::toString)
                .containsExactly("tcp 10.0.1.128/25 -> any dport 5432 state new,invalid");
        assertThat(diff.blockedGroups()).singleElement().satisfies(g -> {
            assertThat(g.before().name()).isEqualTo("allow-app-postgres");
            assertThat(g.after().name()).isEqualTo("block-scanner");
        });
        assertThat(diff.ruleChanges()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.ADDED);
            assertThat(c.ruleId()).isEqualTo("block-scanner");
            assertThat(c.hasEffect()).isTrue();
        });
        assertThat(diff.withStatus(RequirementChange.Status.REGRESSION))
                .extracting(r -> r.requirement().id()).containsExactly("app-to-db");
        assertThat(diff.gate(Severity.ERROR, false)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void reordering_rules_that_do_not_overlap_has_no_effect_on_any_packet() {
        Ruleset before = yaml("""
                name: r
                default: drop
                rules:
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                  - {name: web, action: accept, protocol: tcp, ports: [80, 443]}
                """);
        Ruleset after = yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, protocol: tcp, ports: [80, 443]}
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                """);

        DiffResult diff = Differ.diff(before, after);

        assertThat(diff.equivalent()).isTrue();
        assertThat(diff.ruleChanges()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.MOVED);
            assertThat(c.hasEffect()).isFalse();
        });
        assertThat(diff.gate(Severity.ERROR, false)).isEqualTo(Verdict.PASS);
    }

    @Test
    void a_modified_rule_names_the_changed_fields_and_the_opened_space() {
        Ruleset before = yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, from: 10.0.0.0/8, protocol: tcp, ports: 443}
                """);
        Ruleset after = yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, from: any, protocol: tcp, ports: 443}
                """);

        DiffResult diff = Differ.diff(before, after,
                DiffOptions.defaults().watching(List.of(AddressSet.all())));

        assertThat(diff.ruleChanges()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.MODIFIED);
            assertThat(c.fields()).containsExactly("from");
        });
        assertThat(diff.acceptedGroups()).singleElement().satisfies(g -> {
            assertThat(g.before().name()).isEqualTo("default policy");
            assertThat(g.after().name()).isEqualTo("web");
        });
        assertThat(diff.newlyAccepted().witness()).hasValueSatisfying(
                f -> assertThat(f.toString()).isEqualTo("tcp 0.0.0.0:49152 -> 0.0.0.0:443"));
        assertThat(diff.exposures()).singleElement().satisfies(e -> assertThat(e.exposed()).isTrue());
        assertThat(diff.gate(Severity.ERROR, false)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void unnamed_rules_shifted_by_an_insertion_are_not_reported_as_changed() {
        Ruleset before = yaml("""
                name: r
                default: drop
                rules:
                  - {action: accept, protocol: tcp, ports: 22}
                  - {action: accept, protocol: tcp, ports: 80}
                """);
        Ruleset after = yaml("""
                name: r
                default: drop
                rules:
                  - {action: drop, from: 192.0.2.0/24}
                  - {action: accept, protocol: tcp, ports: 22}
                  - {action: accept, protocol: tcp, ports: 80}
                """);

        DiffResult diff = Differ.diff(before, after);

        assertThat(diff.ruleChanges()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.ADDED);
            assertThat(c.ruleId()).isEqualTo("rule-1");
        });
        assertThat(diff.newlyBlocked().boxes()).extracting(Object::toString)
                .containsExactlyInAnyOrder("tcp 192.0.2.0/24 -> any dport 22,80");
    }
}
