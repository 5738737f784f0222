package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a valid native ruleset file reads as. */
class YamlRulesetReaderTest {

    private static Ruleset read(String yaml) {
        return YamlRulesetReader.read(yaml, "r.yaml");
    }

    private static AddressSet set(String... items) {
        AddressSet set = AddressSet.empty();
        for (String item : items) {
            set = set.union(AddressSet.of(AddressSpecs.parse(item)));
        }
        return set;
    }

    private static Rule rule(Ruleset ruleset, String id) {
        return ruleset.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a_minimal_ruleset_is_a_name_a_default_and_rules() {
        Ruleset ruleset = read("""
                name: empty
                default: accept
                rules: []
                """);

        assertThat(ruleset.name()).isEqualTo("empty");
        assertThat(ruleset.defaultAction()).isEqualTo(Action.ACCEPT);
        assertThat(ruleset.rules()).isEmpty();
        assertThat(ruleset.source()).isEqualTo(new SourceLocation("r.yaml", 2, 1));
    }

    @Test
    void a_rule_without_conditions_matches_every_packet() {
        Ruleset ruleset = read("""
                name: all
                default: drop
                rules:
                  - action: ACCEPT
                """);

        Rule only = ruleset.rules().get(0);
        assertThat(only.id()).isEqualTo("rule-1");
        assertThat(only.action()).isEqualTo(Action.ACCEPT);
        assertThat(only.match()).isEqualTo(Match.any());
        assertThat(only.comment()).isEmpty();
        assertThat(only.location()).isEqualTo(new SourceLocation("r.yaml", 4, 5));
    }

    @Test
    void every_key_of_the_format_reads_into_the_match() {
        Ruleset ruleset = YamlRulesetReader.read(Samples.resource("ruleset-every-key.yaml"));

        assertThat(ruleset.name()).isEqualTo("every-key");
        assertThat(ruleset.defaultAction()).isEqualTo(Action.REJECT);
        assertThat(ruleset.rules()).extracting(Rule::id).containsExactly("established", "rule-2", "loopback",
                "not-from-outside", "app-postgres", "dns", "web", "ssh", "ping", "ping6", "gre", "everything-else");

        assertThat(rule(ruleset, "rule-2").match().states()).isEqualTo(Set.of(ConnState.INVALID));
        assertThat(rule(ruleset, "rule-2").comment()).isEqualTo("unnamed, so called rule-2");

        Match outside = rule(ruleset, "not-from-outside").match();
        assertThat(outside.inInterface()).contains(new InterfaceMatch(List.of("eth+"), true));
        assertThat(outside.outInterface()).contains(InterfaceMatch.of("eth0", "eth1"));

        Match app = rule(ruleset, "app-postgres").match();
        assertThat(app.families()).isEqualTo(Set.of(IpFamily.IPV4));
        assertThat(app.sources()).isEqualTo(set("10.0.1.0/24", "2001:db8:1::/64"));
        assertThat(app.destinations()).isEqualTo(set("10.0.2.10"));
        assertThat(app.protocols()).isEqualTo(IntRanges.of(Protocol.TCP));
        assertThat(app.destinationPorts()).contains(IntRanges.of(5432));

        Match dns = rule(ruleset, "dns").match();
        assertThat(dns.protocols()).isEqualTo(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP)));
        assertThat(dns.destinationPorts()).contains(IntRanges.of(53));

        Match web = rule(ruleset, "web").match();
        assertThat(web.sources()).isEqualTo(set("10.0.9.0/25").complement());
        assertThat(web.sources().contains(Address.parse("10.0.9.200"))).isTrue();
        assertThat(web.sources().contains(Address.parse("2001:db8::1"))).isTrue();
        assertThat(web.destinations()).isEqualTo(set("10.0.2.10", "2001:db8:2::10"));
        assertThat(web.destinationPorts()).contains(IntRanges.ofPairs(List.of(
                new int[] {80, 80}, new int[] {443, 443}, new int[] {8000, 8080}, new int[] {9000, 9001})));
        assertThat(web.sourcePorts()).contains(IntRanges.range(1024, 65535));

        Match ssh = rule(ruleset, "ssh").match();
        assertThat(ssh.sources()).isEqualTo(set("10.0.9.0/25"));
        assertThat(ssh.protocols()).isEqualTo(IntRanges.of(Protocol.TCP));

        Match ping = rule(ruleset, "ping").match();
        assertThat(ping.icmp()).contains(IntRanges.range(8 << 8, 8 << 8 | 255)
                .union(IntRanges.of(3 << 8 | 4))
                .union(IntRanges.range(11 << 8, 11 << 8 | 255)));
        assertThat(rule(ruleset, "ping6").match().families()).isEqualTo(Set.of(IpFamily.IPV6));
        assertThat(rule(ruleset, "ping6").match().icmp()).contains(IntRanges.range(128 << 8, 128 << 8 | 255));
        assertThat(rule(ruleset, "gre").match().protocols()).isEqualTo(IntRanges.of(Protocol.GRE));
        assertThat(rule(ruleset, "everything-else").match()).isEqualTo(Match.any());
    }

    @Test
    void states_families_and_actions_are_case_insensitive() {
        Ruleset ruleset = read("""
                name: cases
                default: DROP
                rules:
                  - {action: Accept, state: [NEW, Established], family: IPv6}
                """);

        Match match = ruleset.rules().get(0).match();
        assertThat(match.states()).isEqualTo(EnumSet.of(ConnState.NEW, ConnState.ESTABLISHED));
        assertThat(match.families()).isEqualTo(Set.of(IpFamily.IPV6));
        assertThat(ruleset.defaultAction()).isEqualTo(Action.DROP);
    }

    @Test
    void negation_complements_a_group_or_an_item() {
        Ruleset ruleset = read("""
                name: neg
                default: drop
                groups:
                  lan: [10.0.0.0/8]
                rules:
                  - {name: a, action: drop, from: "!lan"}
                  - {name: b, action: drop, to: ["!10.0.0.1"]}
                """);

        assertThat(rule(ruleset, "a").match().sources()).isEqualTo(set("10.0.0.0/8").complement());
        assertThat(rule(ruleset, "b").match().destinations()).isEqualTo(set("10.0.0.1").complement());
    }

    @Test
    void values_keep_their_text_whatever_yaml_1_1_would_make_of_them() {
        Ruleset ruleset = read("""
                name: no
                default: drop
                rules:
                  - name: 0755
                    action: accept
                    comment: 22:45
                    protocol: tcp
                    ports: 1024-2048
                """);

        assertThat(ruleset.name()).isEqualTo("no");
        assertThat(ruleset.rules().get(0).id()).isEqualTo("0755");
        assertThat(ruleset.rules().get(0).comment()).isEqualTo("22:45");
    }
}
