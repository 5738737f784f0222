package io.fwcheck.format.cisco;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading IOS and ASA access lists: entries, ids, objects, selection, detection and errors with line and column. */
class CiscoReaderTest {

    private static Ruleset ios(String text) {
        return RulesetLoader.load(text, "r.ios", LoadOptions.defaults().withFormat(RulesetFormat.CISCO_IOS));
    }

    private static Ruleset ios(String text, String list) {
        return RulesetLoader.load(text, "r.ios", LoadOptions.defaults().withFormat(RulesetFormat.CISCO_IOS).withRuleset(list));
    }

    private static Ruleset asa(String text, String list) {
        return RulesetLoader.load(text, "fw.asa", LoadOptions.defaults().withFormat(RulesetFormat.CISCO_ASA).withRuleset(list));
    }

    private static TraceResult trace(Ruleset r, Flow f) {
        return Tracer.of(r).trace(f);
    }

    private static Optional<Action> verdict(Ruleset r, Flow f) {
        return trace(r, f).action();
    }

    @Test
    void named_list_entries_are_ordered_by_sequence_number_and_named_by_it() {
        Ruleset r = ios("""
                hostname r1
                ip access-list extended WEB
                 20 permit tcp any host 10.0.0.5 eq www
                 10 deny tcp host 192.0.2.1 any
                 permit udp any any eq domain
                 remark last
                 deny ip any any
                interface Gi0/1
                 ip access-group WEB in
                """);

        assertThat(r.name()).isEqualTo("WEB");
        assertThat(r.rules()).extracting(Rule::id)
                .containsExactly("ipv6-not-in-acl", "WEB#10", "WEB#20", "WEB#30", "WEB#40");
        assertThat(r.rules().get(1).location().toString()).isEqualTo("r.ios:4:2");
        assertThat(r.rules().get(1).named()).isTrue();
        assertThat(r.rules().get(3).named()).isFalse();
        assertThat(r.rules().get(4).comment()).isEqualTo("last");
        assertThat(verdict(r, Flow.tcp("192.0.2.1", 40000, "10.0.0.5", 80))).contains(Action.DROP);
        assertThat(verdict(r, Flow.tcp("192.0.2.2", 40000, "10.0.0.5", 80))).contains(Action.ACCEPT);
        assertThat(trace(r, Flow.tcp("192.0.2.2", 40000, "10.0.0.6", 80)).rule().map(Rule::id)).contains("WEB#40");
    }

    @Test
    void numbered_lists_standard_lists_and_the_implicit_deny() {
        String config = """
                access-list 10 permit 192.0.2.1
                access-list 10 permit 10.1.0.0 0.0.255.255
                access-list 101 permit tcp any any eq 22
                access-list 199 deny ip any any
                access-list 700 permit 0000.1111.2222 0000.0000.0000
                """;
        List<RulesetEntry> lists = RulesetLoader.list(config, "r.ios", LoadOptions.defaults());
        Ruleset standard = ios(config, "10");
        Ruleset extended = ios(config, "101");

        assertThat(lists).extracting(RulesetEntry::name).containsExactly("10", "101", "199");
        assertThat(lists).extracting(RulesetEntry::kind).startsWith("IOS standard access list", "IOS extended access list");
        assertThat(verdict(standard, Flow.udp("10.1.200.3", 1, "8.8.8.8", 53))).contains(Action.ACCEPT);
        assertThat(verdict(standard, Flow.udp("192.0.2.2", 1, "8.8.8.8", 53))).contains(Action.DROP);
        assertThat(verdict(extended, Flow.tcp("192.0.2.2", 1, "8.8.8.8", 22))).contains(Action.ACCEPT);
        assertThat(trace(extended, Flow.tcp("192.0.2.2", 1, "8.8.8.8", 23)).rule()).isEmpty();
    }

    @Test
    void a_non_contiguous_wildcard_matches_exactly_its_addresses() {
        Ruleset r = ios("ip access-list extended ODD\n permit ip 10.0.0.1 0.0.255.0 any\n");

        assertThat(r.isCertain()).isFalse();
        assertThat(r.rules().get(1).match().isCertain()).isTrue();
        assertThat(r.rules().get(1).match().sources().ranges()).hasSize(256);
        assertThat(verdict(r, Flow.udp("10.0.77.1", 1, "1.1.1.1", 1))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.udp("10.0.77.2", 1, "1.1.1.1", 1))).contains(Action.DROP);
    }

    @Test
    void a_wildcard_of_more_than_4096_blocks_is_uncertain_over_its_cover() {
        Ruleset r = ios("ip access-list extended WIDE\n deny ip 10.0.0.0 0.255.255.0 any\n permit ip any any\n");
        Rule wide = r.rules().get(1);

        assertThat(wide.match().unmodelled()).singleElement().satisfies(u -> {
            assertThat(u.construct()).startsWith("wildcard 10.0.0.0 0.255.255.0 (65536 separate address blocks");
            assertThat(u.location().toString()).isEqualTo("r.ios:2:10");
        });
        assertThat(trace(r, Flow.udp("10.7.0.9", 1, "1.1.1.1", 1)).isUnknown()).isTrue();
        assertThat(verdict(r, Flow.udp("11.0.0.1", 1, "1.1.1.1", 1))).contains(Action.ACCEPT);
    }

    @Test
    void established_matches_established_packets_never_new_connections() {
        Ruleset r = ios("ip access-list extended RET\n permit tcp any 10.0.0.0 0.255.255.255 established\n");
        Flow syn = Flow.tcp("8.8.8.8", 443, "10.1.1.1", 40000);

        assertThat(verdict(r, syn)).contains(Action.DROP);
        assertThat(verdict(r, syn.withState(ConnState.ESTABLISHED))).contains(Action.ACCEPT);
        assertThat(trace(r, syn.withState(ConnState.RELATED)).isUnknown()).isTrue();
    }

    @Test
    void object_groups_ports_icmp_and_logging() {
        Ruleset r = ios("""
                object-group network SERVERS
                 host 10.0.0.5
                 10.0.1.0 255.255.255.0
                 range 10.0.2.1 10.0.2.3
                object-group service MAIL
                 tcp eq smtp
                 tcp source range 1 1023 eq 465
                 udp range 1000 1001
                ip access-list extended G
                 10 permit object-group MAIL any object-group SERVERS log
                 20 permit icmp any any port-unreachable
                 30 permit icmp any any 8
                 40 permit udp any any neq 53 1000
                 50 permit tcp any any gt 65000 log-input
                """, "G");

        assertThat(r.rules()).extracting(Rule::id).containsSequence("G#10", "G#10.2", "G#10.3", "G#20");
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "10.0.1.9", 25))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "10.0.2.3", 465))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 2000, "10.0.2.3", 465))).contains(Action.DROP);
        assertThat(verdict(r, Flow.udp("1.1.1.1", 5, "10.0.2.4", 1000))).contains(Action.DROP);
        assertThat(verdict(r, Flow.icmp("1.1.1.1", "2.2.2.2", 3, 3))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("1.1.1.1", "2.2.2.2", 3, 1))).contains(Action.DROP);
        assertThat(verdict(r, Flow.icmp("1.1.1.1", "2.2.2.2", 8, 0))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.udp("1.1.1.1", 5, "2.2.2.2", 1000))).contains(Action.DROP);
        assertThat(verdict(r, Flow.udp("1.1.1.1", 5, "2.2.2.2", 54))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "2.2.2.2", 65001))).contains(Action.ACCEPT);
        assertThat(r.isCertain()).as("only the other-family guard is uncertain").isFalse();
        assertThat(r.rules().stream().skip(1).allMatch(x -> x.match().isCertain())).isTrue();
    }

    @Test
    void unknown_syntax_in_an_entry_keeps_the_entry_uncertain_with_line_and_text() {
        Ruleset r = ios("""
                ip access-list extended U
                 10 permit tcp any any eq 22 dscp ef
                 20 permit tcp any any eq frobnicate
                 30 evaluate REFLECTED
                 40 permit ip any any
                """);

        assertThat(r.rules().get(1).match().unmodelled()).singleElement().satisfies(u -> {
            assertThat(u.construct()).isEqualTo("dscp ef");
            assertThat(u.location().toString()).isEqualTo("r.ios:2:30");
        });
        assertThat(r.rules().get(2).match().unmodelled().get(0).construct()).isEqualTo("eq frobnicate");
        assertThat(r.rules()).extracting(Rule::id).contains("U#30", "U#30.2");
        assertThat(r.rules().get(3).match().unmodelled().get(0).construct()).startsWith("evaluate REFLECTED (an entry");
        assertThat(trace(r, Flow.tcp("1.1.1.1", 5, "2.2.2.2", 22)).isUnknown()).isTrue();
        assertThat(trace(r, Flow.udp("1.1.1.1", 5, "2.2.2.2", 22)).isUnknown()).as("the evaluate entry").isTrue();
    }

    @Test
    void ipv6_lists_have_the_implicit_neighbour_discovery_permits() {
        Ruleset r = ios("ipv6 access-list V6\n sequence 10 permit tcp any 2001:db8::/32 eq 443\n sequence 20 deny ipv6 any any\n"
                + "ipv6 access-list V6B\n permit icmp any any echo-request\n", "V6B");

        assertThat(r.rules()).extracting(Rule::id)
                .containsExactly("ipv4-not-in-acl", "V6B#10", "V6B#implicit-nd-na", "V6B#implicit-nd-ns");
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 135, 0))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 129, 0))).contains(Action.DROP);
        assertThat(trace(r, Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0)).isUnknown()).isTrue();
    }

    @Test
    void asa_lists_objects_inactive_entries_and_access_groups() {
        String config = """
                ASA Version 9.16(4)
                hostname fw
                object network WEB
                 host 172.16.0.10
                object-group service PORTS tcp
                 port-object eq www
                 port-object range 8000 8001
                object-group protocol VPN
                 protocol-object esp
                access-list OUT remark web
                access-list OUT extended permit tcp any object WEB object-group PORTS
                access-list OUT extended permit tcp any any eq 22 inactive
                access-list OUT extended permit object-group VPN any4 host 203.0.113.2
                access-list OUT extended permit icmp6 any6 any6 echo
                access-group OUT in interface outside
                """;
        Ruleset r = asa(config, "outside");

        assertThat(r.name()).isEqualTo("OUT");
        assertThat(asa(config, "outside:in")).isEqualTo(r);
        assertThat(r.rules()).extracting(Rule::id)
                .containsExactly("asa-established", "asa-related-invalid", "OUT#2", "OUT#4", "OUT#5");
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "172.16.0.10", 8001))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "172.16.0.10", 22))).as("inactive").contains(Action.DROP);
        assertThat(verdict(r, Flow.tcp("1.1.1.1", 5, "172.16.0.10", 22).withState(ConnState.ESTABLISHED)))
                .contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0))).contains(Action.DROP);
        assertThat(RulesetLoader.list(config, "fw.asa", LoadOptions.defaults())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("ASA access list (access-group outside in)");
            assertThat(e.aliases()).containsExactly("outside:in", "outside");
        });
    }

    @Test
    void undefined_object_groups_make_the_entry_uncertain_naming_them() {
        Ruleset r = asa("ASA Version 9.9\naccess-list A extended permit object OS any object-group NOPE\n", "A");

        assertThat(r.rules().get(2).match().unmodelled()).extracting(u -> u.construct())
                .containsExactly("service object or group OS (not defined in the file)",
                        "network object or group NOPE (not defined in the file)");
    }

    @Test
    void detection_finds_ios_and_asa_and_leaves_yaml_and_iptables_alone() {
        assertThat(RulesetFormat.detect("ip access-list extended X\n permit ip any any\n").format())
                .contains(RulesetFormat.CISCO_IOS);
        assertThat(RulesetFormat.detect("!\naccess-list 101 permit tcp any any eq 22\n").format())
                .contains(RulesetFormat.CISCO_IOS);
        assertThat(RulesetFormat.detect("hostname r1\n!\ninterface Gi0/1\n shutdown\n").format())
                .contains(RulesetFormat.CISCO_IOS);
        assertThat(RulesetFormat.detect(": Saved\nASA Version 9.8(4)\nhostname fw\n").format())
                .contains(RulesetFormat.CISCO_ASA);
        assertThat(RulesetFormat.detect("access-list in extended permit ip 10.0.0.0 255.0.0.0 any\n").format())
                .contains(RulesetFormat.CISCO_ASA);
        assertThat(RulesetFormat.detect("access-list in extended permit ip 10.0.0.0 0.255.255.255 any\n").format())
                .contains(RulesetFormat.CISCO_IOS);
        assertThat(RulesetFormat.detect("version: 1\nname: x\n# ip access-list extended X\nrules: []\n").format())
                .contains(RulesetFormat.YAML);
        assertThat(RulesetFormat.detect("rules:\n  - name: a\nhostname: x\ninterface: y\n").format())
                .contains(RulesetFormat.YAML);
        assertThat(RulesetFormat.detect("*filter\n:INPUT DROP [0:0]\nCOMMIT\n").format()).contains(RulesetFormat.IPTABLES);
        assertThat(RulesetFormat.parse("ios")).isEqualTo(RulesetFormat.CISCO_IOS);
        assertThat(RulesetFormat.parse("ASA")).isEqualTo(RulesetFormat.CISCO_ASA);
    }

    @Test
    void several_lists_need_a_name_and_errors_list_them() {
        String config = "ip access-list extended A\n permit ip any any\nip access-list extended B\n deny ip any any\n";

        assertInputError(() -> ios(config), "r.ios", "the file holds 2 rulesets (A, B)", "--ruleset NAME");
        assertInputError(() -> ios(config, "C"), "r.ios", "no access list named 'C' in the file", "one of A, B");
        assertInputError(() -> ios("hostname r1\ninterface Gi0/1\n"), "r.ios", "the file holds no access list");
    }

    @Test
    void malformed_entries_are_errors_at_their_line_and_column() {
        assertInputError(() -> ios("ip access-list extended X\n permit tcp any host 10.0.0.300 eq 22\n"), "r.ios:2:22",
                "'10.0.0.300' is not an IP address: octet 300 is over 255");
        assertInputError(() -> ios("ip access-list extended X\n permit tcp any any eq 70000\n"), "r.ios:2:24",
                "port 70000 is out of range");
        assertInputError(() -> ios("ip access-list extended X\n permit tcp any any range 90 80\n"), "r.ios:2:27",
                "port range 90 80 is reversed", "range 80 90");
        assertInputError(() -> ios("ip access-list extended X\n permit ip 10.0.0.0 any\n"), "r.ios:2:21",
                "'any' is not an IP address", "a wildcard mask like 0.0.0.255 after 10.0.0.0");
        assertInputError(() -> ios("ip access-list extended X\n permit tcp any\n"), "r.ios:2:17", "the line ends early");
        assertInputError(() -> ios("ip access-list extended X\n 10 permit ip any any\n 10 deny ip any any\n"), "r.ios:3:2",
                "sequence number 10 of access list X is used twice (first at line 2)");
        assertInputError(() -> ios("ip access-list extended X\n permit ip host 2001:db8::1 any\n"), "r.ios:2:12",
                "an ipv6 address in an IOS extended access list");
        assertInputError(() -> ios("ip access-list extended X\n permit 300 any any\n"), "r.ios:2:9",
                "protocol number 300 is out of range");
        assertInputError(() -> ios("ip access-list extended X\n permit udp any any eq 53\n permit ip any any eq 80\n"),
                "r.ios:3:20", "port operator 'eq' after protocol", "ports only after tcp, udp or sctp");
        assertInputError(() -> asa("access-list A extended permit ip 10.0.0.1 255.255.255.0 any\n", "A"), "fw.asa:1:34",
                "address 10.0.0.1 has bits set outside netmask 255.255.255.0", "10.0.0.0 255.255.255.0");
        assertInputError(() -> asa("access-list A extended permit ip 10.0.0.0 255.0.255.0 any\n", "A"), "fw.asa:1:43",
                "netmask 255.0.255.0 is not contiguous");
    }
}
