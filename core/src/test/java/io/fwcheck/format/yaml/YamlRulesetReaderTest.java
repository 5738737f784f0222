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
import io.fwcheck.model.Unmodelled;
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
    void plain_values_are_read_as_written_whatever_yaml_would_type_them_as() {
        Ruleset ruleset = read("""
                name: 2026-11-24
                default: accept
                rules:
                  - name: yes
                    action: accept
                    comment: 0x1F
                  - name: 1e3
                    action: drop
                    comment: .inf
                  - name: "null"
                    action: accept
                    comment: 010
                """);

        assertThat(ruleset.name()).isEqualTo("2026-11-24");
        assertThat(ruleset.rules()).extracting(Rule::id).containsExactly("yes", "1e3", "null");
        assertThat(ruleset.rules()).extracting(Rule::comment).containsExactly("0x1F", ".inf", "010");
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
                "not-from-outside", "app-postgres", "dns", "web", "ssh", "ping", "ping6", "gre", "INPUT#3>app-in#2",
                "negations", "th-dport", "icmp-ranges", "both-icmp", "nothing", "no-ports", "no-icmp", "uncertain",
                "with-exceptions", "everything-else");

        assertThat(rule(ruleset, "rule-2").match().states()).isEqualTo(Set.of(ConnState.INVALID));
        assertThat(ruleset.rules()).filteredOn(Rule::standIn).extracting(Rule::id).containsExactly("uncertain");
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

    @Test
    void protocols_may_be_ranges_and_negated() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                rules:
                  - {name: range, action: accept, protocol: [0-5, gre]}
                  - {name: one-out, action: accept, protocol: "!tcp"}
                  - {name: some-out, action: accept, protocol: {not: [tcp, udp, 200-255]}}
                  - {name: no-protocol, action: accept, protocol: none}
                """);

        assertThat(rule(ruleset, "range").match().protocols()).isEqualTo(IntRanges.range(0, 5).union(IntRanges.of(47)));
        assertThat(rule(ruleset, "one-out").match().protocols()).isEqualTo(IntRanges.of(6).complement(255));
        assertThat(rule(ruleset, "some-out").match().protocols())
                .isEqualTo(IntRanges.of(6).union(IntRanges.of(17)).union(IntRanges.range(200, 255)).complement(255));
        assertThat(rule(ruleset, "no-protocol").match().protocols()).isEqualTo(IntRanges.empty());
    }

    @Test
    void ports_with_any_protocol_a_range_or_a_negation_match_the_protocols_with_ports() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                rules:
                  - {name: th-dport, action: accept, protocol: any, ports: 53}
                  - {name: not-udp, action: accept, protocol: "!udp", source-ports: "!0-1023"}
                  - {name: some-ports-out, action: accept, protocol: tcp, ports: {not: [22, "8000-8080"]}}
                  - {name: no-port, action: accept, protocol: tcp, ports: none}
                """);

        Match dns = rule(ruleset, "th-dport").match();
        assertThat(dns.protocols()).isEqualTo(Match.ALL_PROTOCOLS);
        assertThat(dns.destinationPorts()).contains(IntRanges.of(53));
        assertThat(rule(ruleset, "not-udp").match().sourcePorts()).contains(IntRanges.range(1024, 65535));
        assertThat(rule(ruleset, "some-ports-out").match().destinationPorts())
                .contains(IntRanges.of(22).union(IntRanges.range(8000, 8080)).complement(65535));
        assertThat(rule(ruleset, "no-port").match().destinationPorts()).contains(IntRanges.empty());
    }

    @Test
    void icmp_types_may_be_ranges_and_numbers_for_both_icmp_protocols() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                rules:
                  - {name: types, action: accept, protocol: icmp, icmp-type: [3-5, 3/4, 12/1-12/2]}
                  - {name: both, action: accept, protocol: [icmp, icmpv6], icmp-type: 8}
                  - {name: any, action: accept, protocol: any, icmp-type: "!0/0-127/255"}
                """);

        assertThat(rule(ruleset, "types").match().icmp())
                .contains(IntRanges.range(3 << 8, 5 << 8 | 255).union(IntRanges.range(12 << 8 | 1, 12 << 8 | 2)));
        assertThat(rule(ruleset, "both").match().icmp()).contains(IntRanges.range(8 << 8, 8 << 8 | 255));
        assertThat(rule(ruleset, "any").match().icmp()).contains(IntRanges.range(128 << 8, 0xFFFF));
        assertThat(rule(ruleset, "any").match().protocols()).isEqualTo(Match.ALL_PROTOCOLS);
    }

    @Test
    void addresses_and_interfaces_may_leave_out_several_and_none_matches_nothing() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                groups:
                  lan: 10.0.0.0/8
                rules:
                  - name: outside
                    action: drop
                    from: {not: [lan, "2001:db8::/32"]}
                    to: {not: 192.0.2.1}
                    in-interface: {not: [eth0, eth1]}
                    out-interface: {not: veth+}
                  - {name: nothing, action: drop, family: none, from: none, to: NONE, state: none}
                """);

        Match outside = rule(ruleset, "outside").match();
        assertThat(outside.sources()).isEqualTo(set("10.0.0.0/8", "2001:db8::/32").complement());
        assertThat(outside.destinations()).isEqualTo(set("192.0.2.1").complement());
        assertThat(outside.inInterface()).contains(new InterfaceMatch(List.of("eth0", "eth1"), true));
        assertThat(outside.outInterface()).contains(new InterfaceMatch(List.of("veth+"), true));
        Match nothing = rule(ruleset, "nothing").match();
        assertThat(nothing.families()).isEmpty();
        assertThat(nothing.sources()).isEqualTo(AddressSet.empty());
        assertThat(nothing.destinations()).isEqualTo(AddressSet.empty());
        assertThat(nothing.states()).isEmpty();
    }

    @Test
    void unknown_constructs_make_the_rule_uncertain_at_their_place() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                rules:
                  - name: recent
                    action: drop
                    protocol: tcp
                    unknown:
                      - "-m recent --rcheck --seconds 60"
                      - "-m set --match-set blocklist src"
                """);

        Match match = rule(ruleset, "recent").match();
        assertThat(match.isCertain()).isFalse();
        assertThat(match.unmodelled()).containsExactly(
                new Unmodelled("-m recent --rcheck --seconds 60", new SourceLocation("r.yaml", 8, 9)),
                new Unmodelled("-m set --match-set blocklist src", new SourceLocation("r.yaml", 9, 9)));
    }

    @Test
    void exceptions_leave_packets_out_of_a_rule() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                groups:
                  lan: 10.0.0.0/8
                services:
                  ssh: tcp/22
                rules:
                  - name: web-but-not-lan
                    action: accept
                    protocol: tcp
                    ports: [80, 443]
                    except:
                      - from: lan
                      - service: ssh
                        except:
                          - {}
                      - unknown: "-m recent --rcheck"
                """);

        Match match = rule(ruleset, "web-but-not-lan").match();
        assertThat(match.except()).hasSize(3);
        assertThat(match.except().get(0)).isEqualTo(Match.builder().sources(set("10.0.0.0/8")).build());
        assertThat(match.except().get(1)).isEqualTo(Match.builder().protocol(Protocol.TCP)
                .destinationPorts(IntRanges.of(22)).except(Match.any()).build());
        assertThat(match.except().get(2).unmodelled()).extracting(Unmodelled::construct).containsExactly("-m recent --rcheck");
        assertThat(match.matchesModelled(flow("tcp 10.1.2.3 -> 10.0.2.10:443"))).isFalse();
        assertThat(match.matchesModelled(flow("tcp 192.0.2.1 -> 10.0.2.10:443"))).isTrue();
        assertThat(match.isCertain()).as("the third exception may leave packets out").isFalse();
    }

    @Test
    void rule_names_may_be_ids_of_rules_inlined_from_chains() {
        Ruleset ruleset = read("""
                name: p
                default: drop
                rules:
                  - {name: "INPUT#3>app-in#2", action: accept}
                  - {name: "ip6:filter/input#4.may-drop", action: drop}
                """);

        assertThat(ruleset.rules()).extracting(Rule::id).containsExactly("INPUT#3>app-in#2", "ip6:filter/input#4.may-drop");
    }

    private static io.fwcheck.model.Flow flow(String text) {
        return io.fwcheck.format.FlowParser.parse(text);
    }
}
