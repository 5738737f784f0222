package io.fwcheck.format.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Unmodelled;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each iptables construct means once read: traced flows, ids, locations and unmodelled conditions. */
class IptablesReaderTest {

    static String dump(String... rules) {
        StringBuilder sb = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (String r : rules) {
            sb.append(r).append('\n');
        }
        return sb.append("COMMIT\n").toString();
    }

    static Ruleset read(String text) {
        return IptablesReader.read(text, "fw.rules", LoadOptions.defaults());
    }

    static TraceResult trace(Ruleset r, Flow f) {
        return Tracer.of(r).trace(f);
    }

    static Optional<Action> verdict(Ruleset r, Flow f) {
        return trace(r, f).action();
    }

    static Flow tcp(String src, int sport, String dst, int dport) {
        return Flow.tcp(src, sport, dst, dport).withInterfaces("eth0", "");
    }

    @Test
    void rules_keep_their_chain_position_line_and_comment() {
        Ruleset r = read(dump("-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"ssh from \\\"anywhere\\\"\" -j ACCEPT",
                "-A INPUT -s 10.0.0.0/8 -j ACCEPT"));

        Rule ssh = r.rules().stream().filter(x -> x.id().equals("INPUT#1")).findFirst().orElseThrow();
        assertThat(ssh.comment()).isEqualTo("ssh from \"anywhere\"");
        assertThat(ssh.location().toString()).isEqualTo("fw.rules:5:1");
        assertThat(ssh.named()).isFalse();
        assertThat(r.defaultAction()).isEqualTo(Action.DROP);
        assertThat(r.source().toString()).isEqualTo("fw.rules:2:1");
        assertThat(verdict(r, tcp("192.0.2.1", 40000, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.1", 40000, "10.0.2.10", 23))).contains(Action.DROP);
        assertThat(verdict(r, tcp("10.9.9.9", 40000, "10.0.2.10", 23))).contains(Action.ACCEPT);
    }

    @Test
    void negations_comma_lists_masks_and_port_ranges_are_exact() {
        Ruleset r = read(dump(
                "-A INPUT ! -s 10.0.0.0/255.0.0.0 -p tcp -m tcp --dport 1024: -j DROP",
                "-A INPUT -s 10.1.0.0/16,10.3.0.5 -p tcp -m tcp ! --sport :1023 -j ACCEPT",
                "-A INPUT -s 10.1.2.3/8 -p udp -m udp --dport 53 -j ACCEPT"));

        assertThat(verdict(r, tcp("192.0.2.1", 40000, "10.0.2.10", 1024))).contains(Action.DROP);
        assertThat(verdict(r, tcp("10.1.7.7", 1024, "10.0.2.10", 80))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("10.1.7.7", 1023, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(verdict(r, tcp("10.3.0.5", 5000, "10.0.2.10", 80))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("10.3.0.6", 5000, "10.0.2.10", 80))).contains(Action.DROP);
        // iptables clears host bits under the mask: 10.1.2.3/8 is 10.0.0.0/8
        assertThat(verdict(r, Flow.udp("10.200.0.1", 5, "10.0.2.10", 53))).contains(Action.ACCEPT);
    }

    @Test
    void multiport_ports_matches_the_source_or_the_destination_port_and_its_negation_neither() {
        Ruleset r = read(dump("-A INPUT -p tcp -m multiport --ports 22,8000:8010 -j ACCEPT",
                "-A INPUT -p udp -m multiport ! --ports 53 -j ACCEPT"));

        assertThat(r.rules()).extracting(Rule::id).contains("INPUT#1", "INPUT#1.2", "INPUT#2");
        assertThat(verdict(r, tcp("192.0.2.1", 22, "10.0.2.10", 9))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.1", 9, "10.0.2.10", 8005))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.1", 8010, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.1", 9, "10.0.2.10", 8011))).contains(Action.DROP);
        assertThat(verdict(r, Flow.udp("192.0.2.1", 53, "10.0.2.10", 9))).contains(Action.DROP);
        assertThat(verdict(r, Flow.udp("192.0.2.1", 54, "10.0.2.10", 9))).contains(Action.ACCEPT);
    }

    @Test
    void jumps_gotos_returns_and_logging_follow_netfilter() {
        String text = dump(":app - [0:0]", ":deny - [0:0]",
                "-A INPUT -j LOG --log-prefix \"in: \"",
                "-A INPUT -s 10.0.0.0/8 -j app",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
                "-A INPUT -s 192.0.2.0/24 -g deny",
                "-A INPUT -j ACCEPT",
                "-A app -s 10.0.9.0/24 -j RETURN",
                "-A app -p tcp -m tcp --dport 5432 -j ACCEPT",
                "-A app -j DROP",
                "-A deny -p udp -j REJECT --reject-with icmp-port-unreachable");
        ChainProgram program = IptablesReader.readChains(text, "fw.rules", LoadOptions.defaults());
        Ruleset r = program.flatten();

        Flow fromBastion = tcp("10.0.9.5", 40000, "10.0.2.10", 22);
        assertThat(verdict(r, fromBastion)).contains(Action.ACCEPT);
        assertThat(program.evaluate(fromBastion)).hasToString("INPUT#1 LOG → INPUT#2 → app#1 RETURN → INPUT#3 ACCEPT");
        assertThat(verdict(r, tcp("10.0.1.5", 40000, "10.0.2.10", 22))).contains(Action.DROP);
        assertThat(verdict(r, tcp("10.0.1.5", 40000, "10.0.2.10", 5432))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.udp("192.0.2.9", 5, "10.0.2.10", 53))).contains(Action.REJECT);
        // the goto chain ends: back to INPUT's caller, the policy
        assertThat(verdict(r, tcp("192.0.2.9", 40000, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(verdict(r, tcp("198.51.100.1", 40000, "10.0.2.10", 80))).contains(Action.ACCEPT);
    }

    @Test
    void chains_created_with_the_new_chain_command_read_as_declared_ones() {
        String declared = dump(":app - [0:0]", "-A app -p tcp -m tcp --dport 5432 -j ACCEPT", "-A INPUT -s 10.0.0.0/8 -j app",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
        // as iptables-restore input from generators: each chain created just before its rules
        String created = dump("-N app", "-A app -p tcp -m tcp --dport 5432 -j ACCEPT", "-A INPUT -s 10.0.0.0/8 -j app",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
        Ruleset a = read(declared);
        Ruleset b = read(created);

        assertThat(b.rules()).extracting(Rule::id).isEqualTo(a.rules().stream().map(Rule::id).toList());
        assertThat(b.rules()).extracting(Rule::match).isEqualTo(a.rules().stream().map(Rule::match).toList());
        for (Flow f : List.of(tcp("10.0.1.5", 40000, "10.0.2.10", 5432), tcp("192.0.2.5", 40000, "10.0.2.10", 5432),
                tcp("192.0.2.5", 40000, "10.0.2.10", 22))) {
            assertThat(verdict(b, f)).as("%s", f).isEqualTo(verdict(a, f));
        }
        assertThat(verdict(b, tcp("10.0.1.5", 40000, "10.0.2.10", 5432))).contains(Action.ACCEPT);
        assertThat(read(dump("--new-chain app", "-A INPUT -j app")).rules()).isNotEmpty();
    }

    @Test
    void built_in_chains_appended_to_without_a_declaration_keep_a_policy_the_file_does_not_tell() {
        // iptables-restore input written by hand: the kernel's policy of INPUT stays as it was
        String text = "*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 192.0.2.0/24 -j DROP\nCOMMIT\n";
        Ruleset r = read(text);

        assertThat(verdict(r, tcp("198.51.100.1", 40000, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.1", 40000, "10.0.2.10", 80))).contains(Action.DROP);
        TraceResult end = trace(r, tcp("198.51.100.1", 40000, "10.0.2.10", 80));
        assertThat(end.isUnknown()).isTrue();
        Unmodelled u = end.unknownCauses().get(0).construct();
        assertThat(u.construct()).startsWith("the policy of chain INPUT, which the file does not declare");
        assertThat(u.location().toString()).isEqualTo("fw.rules:2:4");
        assertThat(trace(r, Flow.tcp("2001:db8::1", 40000, "2001:db8::2", 22)).isUnknown()).isTrue();

        // a rule that decides everything leaves nothing to the policy
        Ruleset closed = read("*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j DROP\nCOMMIT\n");
        assertThat(verdict(closed, tcp("198.51.100.1", 40000, "10.0.2.10", 80))).contains(Action.DROP);

        // what a goto chain does not decide goes to the policy, past the rest of INPUT
        Ruleset viaGoto = read("*filter\n:admin - [0:0]\n-A INPUT -s 203.0.113.0/24 -g admin\n-A INPUT -j DROP\n"
                + "-A admin -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n");
        assertThat(verdict(viaGoto, tcp("203.0.113.1", 40000, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(trace(viaGoto, tcp("203.0.113.1", 40000, "10.0.2.10", 80)).isUnknown()).isTrue();
        assertThat(verdict(viaGoto, tcp("198.51.100.1", 40000, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(IptablesReader.readChains(text, "fw.rules", LoadOptions.defaults())
                .evaluate(tcp("198.51.100.1", 40000, "10.0.2.10", 80)).action()).isEmpty();

        // declared after its rules, the chain has the declared policy
        Ruleset late = read("*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n:INPUT DROP [0:0]\nCOMMIT\n");
        assertThat(verdict(late, tcp("198.51.100.1", 40000, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(verdict(late, tcp("198.51.100.1", 40000, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(late.source().toString()).isEqualTo("fw.rules:3:1");

        // a user chain still needs its declaration, and a built-in chain one declaration
        assertThatThrownBy(() -> read("*filter\n-A app -j ACCEPT\n-A INPUT -j app\nCOMMIT\n"))
                .hasMessageContaining("rule for chain 'app', which is not declared in table filter before it");
        assertThatThrownBy(() -> read("*filter\n-A INPUT -j ACCEPT\n:INPUT DROP [0:0]\n:INPUT ACCEPT [0:0]\nCOMMIT\n"))
                .hasMessageContaining("chain 'INPUT' is declared twice");
        assertThatThrownBy(() -> read("*filter\n-A INPUT -j ACCEPT\n:INPUT - [0:0]\nCOMMIT\n"))
                .hasMessageContaining("fw.rules:3:8").hasMessageContaining("'-' is not a policy of built-in chain INPUT");
    }

    @Test
    void states_interfaces_and_icmp_types_by_name_and_number() {
        Ruleset r = read(dump(
                "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A INPUT -i eth+ -p icmp -m icmp --icmp-type port-unreachable -j ACCEPT",
                "-A INPUT ! -i lo -p icmp -m icmp --icmp-type 8 -j ACCEPT",
                "-A INPUT -m state ! --state NEW -p udp -j ACCEPT"));

        Flow ping = Flow.icmp("192.0.2.1", "10.0.2.10", 8, 0);
        assertThat(verdict(r, ping.withInterfaces("lo", ""))).contains(Action.DROP);
        assertThat(verdict(r, ping.withInterfaces("eth0", ""))).contains(Action.ACCEPT);
        Flow unreachable = Flow.icmp("192.0.2.1", "10.0.2.10", 3, 3).withInterfaces("eth1", "");
        assertThat(verdict(r, unreachable)).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("192.0.2.1", "10.0.2.10", 3, 1).withInterfaces("wlan0", ""))).contains(Action.DROP);
        assertThat(verdict(r, tcp("192.0.2.1", 1, "10.0.2.10", 2).withState(ConnState.ESTABLISHED))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.udp("192.0.2.1", 1, "10.0.2.10", 2).withState(ConnState.INVALID))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.udp("192.0.2.1", 1, "10.0.2.10", 2))).contains(Action.DROP);
    }

    @Test
    void unmodelled_modules_make_verdicts_unknown_and_name_the_construct_and_its_column() {
        Ruleset r = read(dump("-A INPUT -p tcp -m tcp --dport 22 -m recent --update --seconds 60 --name ssh -j DROP",
                "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"));

        TraceResult t = trace(r, tcp("192.0.2.1", 40000, "10.0.2.10", 22));
        assertThat(t.isUnknown()).isTrue();
        Unmodelled u = t.unknownCauses().get(0).construct();
        assertThat(u.construct()).isEqualTo("-m recent --update --seconds 60 --name ssh");
        assertThat(u.location().toString()).isEqualTo("fw.rules:5:35");
        assertThat(verdict(r, tcp("192.0.2.1", 40000, "10.0.2.10", 23))).contains(Action.DROP);
    }

    @Test
    void tcp_flags_limit_set_without_contents_and_queues_are_unmodelled() {
        for (String rule : List.of("-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT",
                "-A INPUT -p tcp -m tcp --syn -j ACCEPT", "-A INPUT -m limit --limit 5/min -j ACCEPT",
                "-A INPUT -m set --match-set blocked src -j ACCEPT", "-A INPUT -p tcp -j NFQUEUE --queue-num 1",
                "-A INPUT -f -j ACCEPT", "-A INPUT -m mac --mac-source 00:11:22:33:44:55 -j ACCEPT",
                "-A INPUT -m conntrack --ctstate DNAT -j ACCEPT", "-A INPUT -s host.example.com -j ACCEPT",
                "-A INPUT -s 10.0.0.0/255.0.255.0 -j ACCEPT", "-A INPUT -p tcp -j TARPIT")) {
            Ruleset r = read(dump(rule));
            assertThat(trace(r, tcp("10.0.0.1", 40000, "10.0.2.10", 22)).isUnknown()).as(rule).isTrue();
        }
    }

    @Test
    void an_ipv4_dump_leaves_ipv6_packets_unknown_and_an_ipv6_dump_ipv4_packets() {
        Ruleset v4 = read(dump("-A INPUT -j ACCEPT"));
        TraceResult t = trace(v4, Flow.tcp("2001:db8::1", 40000, "2001:db8::2", 22));
        assertThat(t.isUnknown()).isTrue();
        assertThat(t.unknownCauses().get(0).construct().construct()).startsWith("IPv6 packets");

        String v6text = "# Generated by ip6tables-save v1.8.9\n" + dump("-A INPUT -s 2001:db8::/32 -p ipv6-icmp -m icmp6"
                + " --icmpv6-type echo-request -j ACCEPT");
        Ruleset v6 = read(v6text);
        assertThat(IptablesReader.detectFamily(v6text, "x")).isEqualTo(IpFamily.IPV6);
        assertThat(verdict(v6, Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0))).contains(Action.ACCEPT);
        assertThat(verdict(v6, Flow.icmp("2001:db9::1", "2001:db8::2", 128, 0))).contains(Action.DROP);
        assertThat(trace(v6, Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0)).isUnknown()).isTrue();
    }

    @Test
    void the_family_comes_from_the_rules_when_no_header_says_it() {
        assertThat(IptablesReader.detectFamily(dump("-A INPUT -s 2001:db8::/32 -j ACCEPT"), "x")).isEqualTo(IpFamily.IPV6);
        assertThat(IptablesReader.detectFamily(dump("-A INPUT -s 10.0.0.0/8 -j ACCEPT"), "x")).isEqualTo(IpFamily.IPV4);
        assertThat(IptablesReader.detectFamily(dump("-A INPUT -j ACCEPT"), "x")).isEqualTo(IpFamily.IPV4);
        Ruleset forced = IptablesReader.read(dump("-A INPUT -j ACCEPT"), "x", LoadOptions.defaults().withFamily(IpFamily.IPV6));
        assertThat(verdict(forced, Flow.tcp("2001:db8::1", 1, "2001:db8::2", 2))).contains(Action.ACCEPT);
    }

    @Test
    void ipv6_state_matches_do_not_apply_to_neighbour_discovery_which_conntrack_leaves_untracked() {
        Ruleset r = IptablesReader.read(dump(
                "-A INPUT -p ipv6-icmp -m state --state NEW -j ACCEPT",
                "-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 136 -m conntrack ! --ctstate ESTABLISHED -j ACCEPT"),
                "x", LoadOptions.defaults().withFamily(IpFamily.IPV6));

        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0))).contains(Action.ACCEPT);
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 135, 0))).contains(Action.DROP);
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 136, 0).withState(ConnState.ESTABLISHED)))
                .contains(Action.ACCEPT);
    }

    @Test
    void other_tables_that_drop_or_rewrite_packets_before_filter_make_those_packets_unknown() {
        String text = "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -d 10.0.2.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.3.3:8080\n"
                + "-A POSTROUTING -o eth1 -j MASQUERADE\nCOMMIT\n"
                + "*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":POSTROUTING ACCEPT [0:0]\n-A PREROUTING -s 192.0.2.0/24 -j DROP\n-A PREROUTING -j MARK --set-mark 1\nCOMMIT\n"
                + dump("-A INPUT -j ACCEPT");
        Ruleset r = read(text);

        assertThat(verdict(r, tcp("10.0.0.1", 1, "10.0.2.10", 22))).contains(Action.ACCEPT);
        TraceResult dnat = trace(r, tcp("10.0.0.1", 1, "10.0.2.10", 80));
        assertThat(dnat.isUnknown()).isTrue();
        assertThat(dnat.unknownCauses().get(0).construct().construct())
                .startsWith("-j DNAT --to-destination 10.0.3.3:8080 in table nat, chain PREROUTING (before filter INPUT)");
        assertThat(dnat.unknownCauses().get(0).construct().location().toString()).isEqualTo("fw.rules:6:56");
        assertThat(trace(r, tcp("192.0.2.1", 1, "10.0.2.10", 22)).isUnknown()).isTrue();
        // for FORWARD the mangle drop still matters, the MASQUERADE after it does not
        Ruleset fwd = IptablesReader.read(text, "fw.rules", LoadOptions.defaults().withHook(Hook.FORWARD));
        assertThat(fwd.rules()).extracting(Rule::id).doesNotContain("nat:POSTROUTING#1");
    }

    @Test
    void ipsets_from_an_ipset_save_file_are_exact() throws Exception {
        java.nio.file.Path sets = java.nio.file.Files.createTempFile("sets", ".ipset");
        java.nio.file.Files.writeString(sets, "create blocked hash:net family inet hashsize 1024 maxelem 65536\n"
                + "add blocked 192.0.2.0/24\nadd blocked 192.0.2.128/25 nomatch\nadd blocked 192.0.2.192/26\n"
                + "create web hash:ip,port family inet\nadd web 10.0.2.10,tcp:80\nadd web 10.0.2.10,tcp:443\n"
                + "add web 10.0.2.11,udp:53\ncreate ttl hash:ip family inet timeout 300\n");
        String text = dump("-A INPUT -m set --match-set blocked src -j DROP",
                "-A INPUT -m set --match-set web dst,dst -j ACCEPT",
                "-A INPUT -m set --match-set ttl src -j ACCEPT");
        Ruleset r = IptablesReader.read(text, "x", LoadOptions.defaults().withIpsetFile(sets));

        assertThat(verdict(r, tcp("192.0.2.1", 1, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(verdict(r, tcp("192.0.2.130", 1, "10.0.2.10", 80))).contains(Action.ACCEPT);
        assertThat(verdict(r, tcp("192.0.2.200", 1, "10.0.2.10", 80))).contains(Action.DROP);
        assertThat(verdict(r, tcp("198.51.100.1", 1, "10.0.2.10", 443))).contains(Action.ACCEPT);
        assertThat(trace(r, tcp("198.51.100.1", 1, "10.0.2.10", 22)).isUnknown()).isTrue();
        assertThat(verdict(r, Flow.udp("198.51.100.1", 1, "10.0.2.11", 53))).contains(Action.ACCEPT);
        assertThat(trace(r, Flow.udp("198.51.100.1", 1, "10.0.2.11", 53)).rule().map(Rule::id)).isPresent();
        java.nio.file.Files.delete(sets);
    }

    @Test
    void forward_and_output_hooks_read_their_own_chains() {
        String text = dump("-A INPUT -j ACCEPT", "-A FORWARD -o eth1 -j DROP", "-A OUTPUT -p udp -j REJECT");
        Ruleset fwd = IptablesReader.read(text, "x", LoadOptions.defaults().withHook(Hook.FORWARD));
        Ruleset out = IptablesReader.read(text, "x", LoadOptions.defaults().withHook(Hook.OUTPUT));

        assertThat(fwd.name()).isEqualTo("iptables filter FORWARD");
        assertThat(verdict(fwd, Flow.tcp("10.0.0.1", 1, "10.0.0.2", 2).withInterfaces("eth0", "eth1"))).contains(Action.DROP);
        assertThat(verdict(fwd, Flow.tcp("10.0.0.1", 1, "10.0.0.2", 2).withInterfaces("eth0", "eth2"))).contains(Action.ACCEPT);
        assertThat(verdict(out, Flow.udp("10.0.0.1", 1, "10.0.0.2", 2))).contains(Action.REJECT);
        assertThat(verdict(out, Flow.tcp("10.0.0.1", 1, "10.0.0.2", 2))).contains(Action.ACCEPT);
    }

    @Test
    void reversed_ranges_that_the_kernel_loads_match_nothing() {
        Ruleset r = read(dump("-A INPUT -p udp -m udp --dport 60000:29 -j ACCEPT",
                "-A INPUT -m iprange --src-range 10.0.0.9-10.0.0.1 -j ACCEPT"));
        assertThat(verdict(r, Flow.udp("10.0.0.5", 1, "10.0.2.10", 100))).contains(Action.DROP);
    }

    @Test
    void counters_before_rules_as_iptables_save_c_writes_them_are_read() {
        Ruleset r = read(dump("[12:3456] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT"));
        assertThat(verdict(r, tcp("10.0.0.1", 1, "10.0.2.10", 22))).contains(Action.ACCEPT);
        assertThat(Protocol.name(r.rules().get(r.rules().size() - 1).match().protocols().lo(0))).isEqualTo("tcp");
        assertThat(Address.parse("10.0.2.10")).isNotNull();
    }
}
