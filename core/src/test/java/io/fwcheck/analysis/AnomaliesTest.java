package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Anomaly.Kind;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.iptables.IptablesReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomaliesTest {

    private static List<Anomaly> anomalies(String rules) {
        return Anomalies.of(CompiledRuleset.compile(YamlRulesetReader.read("name: r\ndefault: drop\nrules:\n" + rules, "r.yaml")));
    }

    private static List<String> ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList();
    }

    @Test
    void a_rule_covered_by_two_earlier_rules_together_is_shadowed_and_flagged_when_their_action_differs() {
        List<Anomaly> found = anomalies("""
                  - {name: low-half, action: accept, from: 10.0.0.0/9, protocol: tcp, ports: 22}
                  - {name: high-half, action: accept, from: 10.128.0.0/9, protocol: tcp, ports: 22}
                  - {name: block-ssh, action: drop, from: 10.0.0.0/8, protocol: tcp, ports: 22}
                """);

        assertThat(found).filteredOn(a -> a.kind() == Kind.SHADOWED).singleElement().satisfies(a -> {
            assertThat(a.rule().id()).isEqualTo("block-ssh");
            assertThat(ids(a.related())).containsExactly("low-half", "high-half");
            assertThat(a.actionDiffers()).isTrue();
        });
    }

    @Test
    void a_shadowed_rule_with_the_same_action_is_dead_weight() {
        List<Anomaly> found = anomalies("""
                  - {name: web, action: accept, protocol: tcp, ports: [80, 443]}
                  - {name: http, action: accept, from: 192.0.2.0/24, protocol: tcp, ports: 80}
                """);

        assertThat(found).filteredOn(a -> a.kind() == Kind.SHADOWED).singleElement().satisfies(a -> {
            assertThat(a.rule().id()).isEqualTo("http");
            assertThat(a.actionDiffers()).isFalse();
        });
    }

    @Test
    void a_rule_whose_packets_later_rules_decide_alike_is_redundant() {
        List<Anomaly> found = anomalies("""
                  - {name: web-internal, action: accept, from: 10.0.0.0/8, protocol: tcp, ports: 80}
                  - {name: web, action: accept, protocol: tcp, ports: 80}
                  - {name: drop-telnet, action: drop, protocol: tcp, ports: 23}
                """);

        assertThat(found).filteredOn(a -> a.kind() == Kind.REDUNDANT)
                .extracting(a -> a.rule().id(), a -> ids(a.related()))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web-internal", List.of("web")),
                        org.assertj.core.groups.Tuple.tuple("drop-telnet", List.of()));
    }

    @Test
    void a_rule_that_matches_nothing_has_an_empty_match() {
        List<Anomaly> found = anomalies("""
                  - {name: impossible, action: accept, family: ipv6, from: 10.0.0.0/8}
                  - {name: ok, action: accept, protocol: tcp, ports: 22}
                """);

        assertThat(found).extracting(Anomaly::kind, a -> a.rule().id())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EMPTY_MATCH, "impossible"));
    }

    @Test
    void an_earlier_rule_with_the_other_action_taking_part_of_the_match_is_a_conflicting_overlap() {
        List<Anomaly> found = anomalies("""
                  - {name: allow-office, action: accept, from: 192.0.2.0/24, protocol: tcp, ports: 22}
                  - {name: block-ssh, action: drop, protocol: tcp, ports: 22}
                  - {name: allow-web, action: accept, protocol: tcp, ports: 443}
                """);

        assertThat(found).filteredOn(a -> a.kind() == Kind.CONFLICTING_OVERLAP).singleElement().satisfies(a -> {
            assertThat(a.rule().id()).isEqualTo("block-ssh");
            assertThat(ids(a.related())).containsExactly("allow-office");
            assertThat(a.flows().boxes()).extracting(Object::toString)
                    .containsExactly("tcp 192.0.2.0/24 -> any dport 22");
        });
    }

    @Test
    void the_postmortem_rules_have_no_anomaly_but_the_proposed_change_overlaps_established_traffic_and_the_app_rule() {
        CompiledRuleset current = CompiledRuleset.compile(
                YamlRulesetReader.read(java.nio.file.Path.of("..", "rulesets", "postmortem", "current.yaml")));
        CompiledRuleset proposed = CompiledRuleset.compile(
                YamlRulesetReader.read(java.nio.file.Path.of("..", "rulesets", "postmortem", "proposed.yaml")));

        assertThat(Anomalies.of(current)).isEmpty();
        assertThat(Anomalies.of(proposed)).extracting(Anomaly::kind, a -> a.rule().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.CONFLICTING_OVERLAP, "block-scanner"),
                        org.assertj.core.groups.Tuple.tuple(Kind.CONFLICTING_OVERLAP, "allow-app-postgres"));
    }

    @Test
    void a_rule_the_model_adds_gets_no_anomaly_of_its_own() {
        Ruleset written = YamlRulesetReader.read("""
                name: r
                default: drop
                rules:
                  - {name: block, action: drop, from: 10.0.0.0/8}
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                  - {name: base-policy, action: accept, protocol: tcp}
                  - {name: never, action: drop, protocol: tcp, ports: 22}
                """, "r.yaml");
        List<String> found = Anomalies.of(CompiledRuleset.compile(written)).stream()
                .map(a -> a.kind() + " " + a.rule().id()).toList();
        assertThat(found).contains("CONFLICTING_OVERLAP base-policy", "SHADOWED never");

        // the same rules, the third standing in for a base chain's policy
        List<Rule> rules = new ArrayList<>(written.rules());
        rules.set(2, rules.get(2).asStandIn());
        Ruleset flattened = new Ruleset("r", rules, written.defaultAction(), written.source());
        List<Anomaly> anomalies = Anomalies.of(CompiledRuleset.compile(flattened));
        assertThat(anomalies).noneMatch(a -> a.rule().id().equals("base-policy"));
        // it still takes over what the rules before it leave
        assertThat(anomalies.stream().map(a -> a.kind() + " " + a.rule().id() + " by " + ids(a.related())))
                .containsExactly("CONFLICTING_OVERLAP ssh by [block]", "REDUNDANT ssh by [base-policy]",
                        "SHADOWED never by [block, ssh]");
    }

    @Test
    void a_chain_rule_entered_from_two_rules_is_dead_only_when_both_copies_are_and_then_reported_once() {
        // services is entered for udp and for tcp: each of its rules has a copy on each path
        Ruleset ruleset = IptablesReader.read("""
                *filter
                :INPUT DROP [0:0]
                :services - [0:0]
                -A INPUT -p tcp --dport 23 -j DROP
                -A INPUT -p udp -j services
                -A INPUT -p tcp -j services
                -A services -p tcp --dport 22 -j ACCEPT
                -A services -p udp --dport 53 -j ACCEPT
                -A services -p tcp --dport 23 -j ACCEPT
                -A services -p tcp --dport 22 -j DROP
                -A services -p icmp -j ACCEPT
                COMMIT
                """, "host.rules", LoadOptions.defaults());
        List<String> ids = ruleset.rules().stream().map(Rule::id).toList();
        assertThat(ids).contains("INPUT#2>services#1", "INPUT#3>services#1", "INPUT#3>services#3");
        // a rule written once counts once, and the other family's guard not at all
        assertThat(ruleset.rules()).hasSize(12);
        assertThat(ruleset.writtenRules()).isEqualTo(6);

        List<String> found = Anomalies.of(CompiledRuleset.compile(ruleset)).stream()
                .filter(a -> a.kind() == Kind.SHADOWED || a.kind() == Kind.EMPTY_MATCH)
                .map(a -> a.kind() + " " + a.rule().id()).toList();
        // services#1 (tcp) and services#2 (udp) match nothing on one path each but decide packets on
        // the other; services#3 is shadowed by INPUT#1 and empty on the udp path; services#4 is
        // empty on the udp path and shadowed by services#1 on the tcp path; services#5 (icmp) matches
        // nothing on either
        assertThat(found).containsExactly("EMPTY_MATCH INPUT#2>services#5", "SHADOWED INPUT#3>services#3",
                "SHADOWED INPUT#3>services#4");
    }
}
