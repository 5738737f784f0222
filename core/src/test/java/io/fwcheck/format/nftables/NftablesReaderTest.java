package io.fwcheck.format.nftables;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NftablesReaderTest {

    private static final String FILE = "fw.json";

    /** A listing with table inet t and its base chain input (policy drop), then the given objects. */
    private static String doc(String... objects) {
        String head = "{\"nftables\": [{\"metainfo\": {\"json_schema_version\": 1}}, "
                + "{\"table\": {\"family\": \"inet\", \"name\": \"t\", \"handle\": 1}}, "
                + "{\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"input\", \"handle\": 1, "
                + "\"type\": \"filter\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}";
        return head + Arrays.stream(objects).map(o -> ", " + o).collect(Collectors.joining()) + "]}";
    }

    /** A rule of t/input with a handle and the given expressions. */
    private static String rule(int handle, String... exprs) {
        return "{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"input\", \"handle\": " + handle
                + ", \"expr\": [" + String.join(", ", exprs) + "]}}";
    }

    private static String match(String left, String op, String right) {
        return "{\"match\": {\"op\": \"" + op + "\", \"left\": " + left + ", \"right\": " + right + "}}";
    }

    private static String payload(String protocol, String field) {
        return "{\"payload\": {\"protocol\": \"" + protocol + "\", \"field\": \"" + field + "\"}}";
    }

    private static final String ACCEPT = "{\"accept\": null}";

    /** {@code file:line:column} of the first occurrence of {@code token} in a one-line text. */
    private static String at(String text, String token) {
        int i = text.indexOf(token);
        assertThat(i).as("token %s in %s", token, text).isNotNegative();
        return FILE + ":1:" + (i + 1);
    }

    private static String verdict(Ruleset ruleset, Flow flow) {
        return Tracer.of(ruleset).trace(flow).verdict();
    }

    private static List<ChainRule> rules(NftablesProgram program, String chain) {
        return program.chains().get(chain).rules();
    }

    // ---- the ruleset

    @Test
    void rule_ids_are_table_chain_and_handle_and_stable() {
        String text = NftSamples.read(NftSamples.resource("families.json"));
        NftablesProgram p = NftablesReader.readChains(text, "families.json", "input");

        assertThat(rules(p, "ip:filter/input")).extracting(ChainRule::id).containsExactly("ip:filter/input#2");
        assertThat(rules(p, "ip6:filter/input")).extracting(ChainRule::id).containsExactly("ip6:filter/input#2");
        Ruleset r = p.flatten();
        assertThat(r.name()).isEqualTo("nftables-input");
        // an IPv4 packet the ip table accepts meets no later base chain: the ip6 table is for IPv6 only
        assertThat(r.rules()).extracting(Rule::id).contains("ip:filter/input#2", "ip6:filter/input#2");
        assertThat(r.rules()).allMatch(Rule::named);
    }

    @Test
    void rules_without_handles_are_numbered_by_position_and_marked_unnamed() {
        NftablesProgram p = NftablesReader.readChains(NftSamples.read(NftSamples.resource("handwritten.json")),
                "handwritten.json", "input");

        List<ChainRule> input = rules(p, "hw/input");
        assertThat(input).extracting(ChainRule::id).startsWith("hw/input#1.may-accept", "hw/input#1.may-drop",
                "hw/input#1", "hw/input#2");
        // the statement with an unknown effect may accept or drop: the drop stands in for it
        assertThat(input).filteredOn(ChainRule::standIn).extracting(ChainRule::id).contains("hw/input#1.may-drop")
                .doesNotContain("hw/input#1.may-accept", "hw/input#1");
        assertThat(input).noneMatch(ChainRule::named);
        ChainRule ssh = input.stream().filter(c -> c.id().equals("hw/input#2")).findFirst().orElseThrow();
        assertThat(ssh.comment()).isEqualTo("ssh and a range");
        assertThat(ssh.match().destinationPorts()).contains(IntRanges.of(22).union(IntRanges.range(100, 200)));
        assertThat(ssh.location()).isEqualTo(new SourceLocation("handwritten.json", 15, 5));
    }

    @Test
    void a_rule_is_located_at_its_object_and_an_unmodelled_condition_at_its_expression() {
        String text = doc(rule(5, match(payload("tcp", "dport"), "==", "22"),
                match("{\"meta\": {\"key\": \"skuid\"}}", "==", "1000"), ACCEPT));

        NftablesProgram p = NftablesReader.readChains(text, FILE, "input");

        ChainRule r = rules(p, "t/input").get(0);
        assertThat(r.id()).isEqualTo("t/input#5");
        assertThat(r.location().toString()).isEqualTo(at(text, "{\"rule\""));
        assertThat(r.match().uncertainties()).containsExactly(
                new Unmodelled("meta skuid == 1000", new SourceLocation(FILE, 1, Integer.parseInt(
                        at(text, "{\"match\": {\"op\": \"==\", \"left\": {\"meta\"").split(":")[2]))));
        assertThat(r.match().protocols()).isEqualTo(IntRanges.of(Protocol.TCP));
    }

    @Test
    void the_default_policy_is_located_at_the_policy_of_the_last_base_chain() {
        Ruleset r = NftablesReader.read(doc(), FILE);

        assertThat(r.defaultAction()).isEqualTo(Action.DROP);
        assertThat(r.source().toString()).isEqualTo(at(doc(), "\"drop\""));
    }

    @Test
    void without_a_base_chain_on_the_hook_every_packet_is_accepted() {
        String text = "{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"nat\", \"handle\": 1}}, "
                + "{\"chain\": {\"family\": \"ip\", \"table\": \"nat\", \"name\": \"post\", \"type\": \"nat\", "
                + "\"hook\": \"postrouting\", \"prio\": 100, \"policy\": \"accept\"}}]}";

        Ruleset r = NftablesReader.read(text, FILE, "output");

        assertThat(r.rules()).isEmpty();
        assertThat(r.defaultAction()).isEqualTo(Action.ACCEPT);
        assertThat(r.source()).isEqualTo(new SourceLocation(FILE, 0, 0));
    }

    @Test
    void base_chains_run_by_priority_and_equal_priorities_in_the_order_listed() {
        String text = "{\"nftables\": ["
                + "{\"table\": {\"family\": \"inet\", \"name\": \"a\"}}, "
                + "{\"chain\": {\"family\": \"inet\", \"table\": \"a\", \"name\": \"late\", \"type\": \"filter\", "
                + "\"hook\": \"input\", \"prio\": \"security\"}}, "
                + "{\"chain\": {\"family\": \"inet\", \"table\": \"a\", \"name\": \"second\", \"type\": \"filter\", "
                + "\"hook\": \"input\", \"prio\": \"filter - 10\"}}, "
                + "{\"chain\": {\"family\": \"inet\", \"table\": \"a\", \"name\": \"first\", \"type\": \"filter\", "
                + "\"hook\": \"input\", \"prio\": -10}}, "
                + "{\"chain\": {\"family\": \"inet\", \"table\": \"a\", \"name\": \"raw\", \"type\": \"filter\", "
                + "\"hook\": \"input\", \"prio\": \"raw\"}}]}";

        NftablesProgram p = NftablesReader.readChains(text, FILE, "input");

        assertThat(p.bases()).extracting(BaseChain::chain).containsExactly("a/raw", "a/second", "a/first", "a/late");
        assertThat(p.bases()).extracting(BaseChain::policy).containsOnly(Action.ACCEPT);
    }

    @Test
    void the_hook_chooses_the_base_chains_and_load_options_name_it() {
        String text = NftSamples.read(NftSamples.resource("hooks.json"));

        assertThat(NftablesReader.readChains(text, FILE, "forward").bases()).extracting(BaseChain::chain)
                .containsExactly("t/forwarding");
        assertThat(NftablesReader.readChains(text, FILE, "output").bases()).extracting(BaseChain::chain)
                .containsExactly("t/routed", "t/outbound");
        Ruleset forward = NftablesReader.read(text, FILE, LoadOptions.defaults().withHook(LoadOptions.Hook.FORWARD));
        assertThat(forward.name()).isEqualTo("nftables-forward");
        assertThatThrownBy(() -> NftablesReader.read(text, FILE, "prerouting"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input, forward, output");
    }

    @Test
    void tables_of_other_families_and_dormant_tables_do_not_filter() {
        NftablesProgram p = NftablesReader.readChains(NftSamples.read(NftSamples.resource("handwritten.json")),
                "handwritten.json", "input");

        assertThat(p.chains()).doesNotContainKeys("br/input");
        assertThat(p.bases()).extracting(BaseChain::chain).containsExactly("hw/input", "garbled/input#entry");
        // the queue and the flow offload of hw/input may change packets (or their way), and garbled's
        // flags do not say whether it is dormant
        assertThat(rules(p, "garbled/input#entry")).extracting(ChainRule::id).containsExactly(
                "garbled/input#entry.may-accept", "garbled/input#entry.may-drop", "garbled/input#entry.may-accept.2",
                "garbled/input#entry.may-drop.2", "garbled/input#entry.may-accept.3", "garbled/input#entry");
        ChainRule mayBeDormant = rules(p, "garbled/input#entry").get(4);
        assertThat(mayBeDormant.target()).isEqualTo(new Target.Verdict(Action.ACCEPT));
        assertThat(mayBeDormant.match().uncertainties().get(0).construct())
                .contains("flags \"Lester Gooch #5\"", "may be dormant");
    }

    // ---- constructs

    @Test
    void th_dport_matches_the_ports_of_port_protocols_and_is_unknown_for_others() {
        NftablesProgram p = NftablesReader.readChains(doc(rule(3, match(payload("th", "dport"), "==", "5353"),
                ACCEPT)), FILE, "input");

        List<ChainRule> r = rules(p, "t/input");
        assertThat(r).extracting(ChainRule::id).containsExactly("t/input#3", "t/input#3.2");
        assertThat(r.get(0).match().protocols()).isEqualTo(Protocol.WITH_PORTS);
        assertThat(r.get(0).match().isCertain()).isTrue();
        assertThat(r.get(1).match().protocols()).isEqualTo(Protocol.WITH_PORTS.complement(255));
        assertThat(r.get(1).match().uncertainties()).extracting(Unmodelled::construct).containsExactly("th dport == 5353");
    }

    @Test
    void an_icmp_type_in_an_inet_table_is_unknown_for_ipv6_packets_of_protocol_1() {
        Ruleset r = NftablesReader.read(doc(rule(3, match(payload("icmp", "type"), "==", "\"echo-request\""),
                ACCEPT)), FILE);
        Address v6a = Address.parse("2001:db8::1");
        Address v6b = Address.parse("2001:db8::2");

        assertThat(verdict(r, Flow.icmp("10.0.0.1", "10.0.0.2", 8, 0))).isEqualTo("accept");
        assertThat(verdict(r, Flow.icmp("10.0.0.1", "10.0.0.2", 0, 0))).isEqualTo("drop");
        assertThat(verdict(r, new Flow(IpFamily.IPV6, v6a, v6b, Protocol.ICMP, 0, 0, 0, 0, ConnState.NEW, "", "")))
                .isEqualTo("unknown");
        assertThat(verdict(r, Flow.icmp("2001:db8::1", "2001:db8::2", 128, 0))).isEqualTo("drop");
    }

    @Test
    void an_icmp_type_in_an_ip_table_is_exact() {
        String text = "{\"nftables\": [{\"table\": {\"family\": \"ip\", \"name\": \"t\"}}, "
                + "{\"chain\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"input\", \"type\": \"filter\", "
                + "\"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}}, "
                + "{\"rule\": {\"family\": \"ip\", \"table\": \"t\", \"chain\": \"input\", \"expr\": ["
                + match(payload("icmp", "type"), "==", "8") + ", " + ACCEPT + "]}}]}";

        Ruleset r = NftablesReader.read(text, FILE);

        assertThat(r.isCertain()).isTrue();
        assertThat(verdict(r, Flow.icmp("10.0.0.1", "10.0.0.2", 8, 3))).isEqualTo("accept");
    }

    @Test
    void ct_state_with_several_bits_compared_for_equality_never_matches() {
        Ruleset r = NftablesReader.read(doc(rule(3, match("{\"ct\": {\"key\": \"state\"}}", "==",
                "[\"established\", \"related\"]"), ACCEPT)), FILE);
        Flow established = Flow.tcp("10.0.0.1", 1, "10.0.0.2", 2).withState(ConnState.ESTABLISHED);

        assertThat(verdict(r, established)).isEqualTo("drop");
        assertThat(r.rules()).singleElement().satisfies(rule -> assertThat(rule.match().families()).isEmpty());
    }

    @Test
    void an_interface_wildcard_is_a_prefix_and_an_escaped_star_a_character() {
        Ruleset r = NftablesReader.read(doc(
                rule(3, match("{\"meta\": {\"key\": \"iifname\"}}", "==", "\"eth*\""), ACCEPT),
                rule(4, match("{\"meta\": {\"key\": \"iifname\"}}", "==", "\"ppp\\\\*\""), ACCEPT)), FILE);
        Flow flow = Flow.udp("10.0.0.1", 1, "10.0.0.2", 2);

        assertThat(verdict(r, flow.withInterfaces("eth0", ""))).isEqualTo("accept");
        assertThat(verdict(r, flow.withInterfaces("ppp*", ""))).isEqualTo("accept");
        assertThat(verdict(r, flow.withInterfaces("ppp0", ""))).isEqualTo("drop");
    }

    @Test
    void an_interface_by_index_and_oifname_in_the_input_hook_are_unknown() {
        NftablesProgram p = NftablesReader.readChains(doc(
                rule(3, match("{\"meta\": {\"key\": \"iif\"}}", "==", "\"lo\""), ACCEPT),
                rule(4, match("{\"meta\": {\"key\": \"oifname\"}}", "==", "\"eth0\""), ACCEPT)), FILE, "input");

        assertThat(rules(p, "t/input")).flatExtracting(c -> c.match().uncertainties())
                .extracting(Unmodelled::construct).containsExactly("meta iif == lo", "meta oifname == eth0");
    }

    @Test
    void a_set_filled_at_run_time_is_unknown_and_an_empty_set_matches_nothing() {
        String sets = "{\"set\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"empty\", \"type\": \"ipv4_addr\"}}, "
                + "{\"set\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"dyn\", \"type\": \"ipv4_addr\", "
                + "\"flags\": [\"dynamic\"]}}";
        Ruleset r = NftablesReader.read(doc(sets,
                rule(3, match(payload("ip", "saddr"), "==", "\"@empty\""), ACCEPT),
                rule(4, match(payload("ip", "saddr"), "==", "\"@dyn\""), ACCEPT)), FILE);

        assertThat(r.rules()).hasSize(2);
        assertThat(r.rules().get(0).match().families()).as("matches nothing").isEmpty();
        assertThat(r.rules().get(1).match().uncertainties()).extracting(Unmodelled::construct)
                .containsExactly("ip saddr == @dyn");
        assertThat(r.rules().get(1).match().families()).isEqualTo(Set.of(IpFamily.IPV4));
    }

    @Test
    void a_statement_with_an_unknown_effect_may_accept_or_drop() {
        NftablesProgram p = NftablesReader.readChains(doc(rule(3, match(payload("tcp", "dport"), "==", "5"),
                "{\"queue\": {\"num\": 1}}")), FILE, "input");

        List<ChainRule> r = rules(p, "t/input");
        assertThat(r).extracting(ChainRule::id).containsExactly("t/input#3.may-accept", "t/input#3.may-drop", "t/input#3");
        assertThat(r.get(0).match().uncertainties()).extracting(Unmodelled::construct)
                .containsExactly("queue num 1 (its effect is not modelled)");
        assertThat(r.get(2).target()).isInstanceOf(Target.Continue.class);
    }

    @Test
    void a_rule_without_a_verdict_has_no_uncertainty_to_report() {
        NftablesProgram p = NftablesReader.readChains(doc(rule(3, "{\"limit\": {\"rate\": 10, \"per\": \"second\"}}",
                "{\"log\": {\"prefix\": \"x\"}}")), FILE, "input");

        ChainRule r = rules(p, "t/input").get(0);
        assertThat(r.target()).isEqualTo(new Target.Continue("log prefix \"x\""));
        assertThat(r.match().isCertain()).isTrue();
    }

    @Test
    void a_jump_loop_is_an_input_error_naming_the_loop() {
        String text = doc("{\"chain\": {\"family\": \"inet\", \"table\": \"t\", \"name\": \"a\"}}",
                rule(3, "{\"jump\": {\"target\": \"a\"}}"),
                "{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"a\", \"handle\": 4, "
                        + "\"expr\": [{\"jump\": {\"target\": \"a\"}}]}}");

        assertThatThrownBy(() -> NftablesReader.read(text, FILE)).hasMessageContaining("t/input -> t/a -> t/a");
    }

    // ---- errors

    @Test
    void invalid_json_is_reported_where_it_breaks() {
        assertInputError(() -> NftablesReader.read("{\"nftables\": [}", FILE), FILE + ":1:15", "not valid JSON");
        assertInputError(() -> NftablesReader.read("", FILE), FILE + ":1:1", "empty file");
        assertInputError(() -> NftablesReader.read("{\"a\": 1, \"a\": 2}", FILE), FILE + ":1:10", "duplicate key 'a'");
        assertInputError(() -> NftablesReader.read("{\"nftables\": [{\"table\": {\"handle\": 1.5}}]}", FILE),
                FILE + ":1:36", "fractional number 1.5");
    }

    @Test
    void a_document_that_is_not_a_listing_is_refused() {
        assertInputError(() -> NftablesReader.read("[]", FILE), FILE + ":1:1", "the document is a list");
        assertInputError(() -> NftablesReader.read("{\"rules\": []}", FILE), FILE + ":1:1", "no 'nftables' key");
        String command = "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"inet\", \"name\": \"t\"}}}]}";
        assertInputError(() -> NftablesReader.read(command, FILE), at(command, "{\"add\""),
                "'add' is a command, not a listing at nftables[0]", "nft -j list ruleset");
        String unknown = "{\"nftables\": [{\"frobnicator\": {}}]}";
        assertInputError(() -> NftablesReader.read(unknown, FILE), at(unknown, "{\"frob"),
                "unknown object 'frobnicator' at nftables[0]");
        String version = "{\"nftables\": [{\"metainfo\": {\"json_schema_version\": 2}}]}";
        assertInputError(() -> NftablesReader.read(version, FILE), at(version, "2}"), "json_schema_version 2");
    }

    @Test
    void references_to_what_is_not_listed_are_errors() {
        String family = "{\"nftables\": [{\"table\": {\"family\": \"ipx\", \"name\": \"t\"}}]}";
        assertInputError(() -> NftablesReader.read(family, FILE), at(family, "\"ipx\""), "unknown family 'ipx'");
        String jump = doc(rule(3, "{\"jump\": {\"target\": \"nosuch\"}}"));
        assertInputError(() -> NftablesReader.read(jump, FILE), at(jump, "\"nosuch\""),
                "jump to chain 'nosuch', which is not in table inet t at nftables[3].rule.expr[0].jump.target");
        String chain = doc("{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"out\", \"expr\": []}}");
        assertInputError(() -> NftablesReader.read(chain, FILE), at(chain, "{\"family\": \"inet\", \"table\": \"t\", \"chain\": \"out\""),
                "rule of chain out");
        String set = doc(rule(3, match(payload("ip", "saddr"), "==", "\"@nosuch\""), ACCEPT));
        assertInputError(() -> NftablesReader.read(set, FILE), at(set, "\"@nosuch\""),
                "set '@nosuch' is not defined", "nftables[3].rule.expr[0].match.right");
    }

    @Test
    void values_that_do_not_fit_their_field_are_errors() {
        String v6 = doc(rule(3, match(payload("ip", "saddr"), "==", "\"2001:db8::1\""), ACCEPT));
        assertInputError(() -> NftablesReader.read(v6, FILE), at(v6, "\"2001"), "'2001:db8::1' is not an ipv4 address");
        String hostBits = doc(rule(3, match(payload("ip", "saddr"), "==",
                "{\"prefix\": {\"addr\": \"10.0.0.1\", \"len\": 8}}"), ACCEPT));
        assertInputError(() -> NftablesReader.read(hostBits, FILE), at(hostBits, "{\"prefix\""), "host bits set");
        String reversed = doc(rule(3, match(payload("tcp", "dport"), "==", "{\"range\": [90, 80]}"), ACCEPT));
        assertInputError(() -> NftablesReader.read(reversed, FILE), at(reversed, "{\"range\""), "reversed port range 90-80");
        String port = doc(rule(3, match(payload("tcp", "dport"), "==", "70000"), ACCEPT));
        assertInputError(() -> NftablesReader.read(port, FILE), at(port, "70000"), "port 70000 is out of range");
        String service = doc(rule(3, match(payload("tcp", "dport"), "==", "\"gopher2\""), ACCEPT));
        assertInputError(() -> NftablesReader.read(service, FILE), at(service, "\"gopher2\""), "unknown port 'gopher2'");
        String state = doc(rule(3, match("{\"ct\": {\"key\": \"state\"}}", "in", "\"fresh\""), ACCEPT));
        assertInputError(() -> NftablesReader.read(state, FILE), at(state, "\"fresh\""), "unknown connection state 'fresh'");
        String proto = doc(rule(3, match("{\"meta\": {\"key\": \"l4proto\"}}", "==", "\"tcpx\""), ACCEPT));
        assertInputError(() -> NftablesReader.read(proto, FILE), at(proto, "\"tcpx\""), "unknown protocol 'tcpx'");
    }

    @Test
    void malformed_rules_and_chains_are_errors() {
        String after = doc(rule(3, ACCEPT, "{\"counter\": null}"));
        assertInputError(() -> NftablesReader.read(after, FILE), at(after, "{\"counter\""),
                "'counter' after the rule's verdict at nftables[3].rule.expr[1]");
        String handles = doc(rule(3, ACCEPT), rule(3, ACCEPT));
        assertInputError(() -> NftablesReader.read(handles, FILE), FILE + ":1:" + (handles.lastIndexOf("3, \"expr\"") + 1),
                "handle 3 is used twice");
        String policy = doc().replace("\"drop\"", "\"reject\"");
        assertInputError(() -> NftablesReader.read(policy, FILE), at(policy, "\"reject\""), "unknown policy 'reject'");
        String prio = doc().replace("\"prio\": 0", "\"prio\": \"highest\"");
        assertInputError(() -> NftablesReader.read(prio, FILE), at(prio, "\"highest\""), "unknown priority 'highest'");
        String expr = doc("{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"input\", \"expr\": {}}}");
        assertInputError(() -> NftablesReader.read(expr, FILE), at(expr, "{}}"), "a rule's 'expr' is an object");
    }
}
