package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command reads every ruleset format: iptables-save and ip6tables-save output, nftables JSON
 * and the native YAML, detected from the content or named with {@code --input-format}; {@code --chain}
 * picks the hook, {@code --ipset} and {@code --family} help read iptables dumps.
 */
class InputFormatsTest {

    static final String CURRENT_RULES = "../rulesets/postmortem/current.rules";
    static final String PROPOSED_RULES = "../rulesets/postmortem/proposed.rules";
    static final String CURRENT6_RULES = "../rulesets/postmortem/current6.rules";
    static final String CURRENT_NFT = "../rulesets/postmortem/current.nft.json";

    @TempDir
    Path dir;

    @Test
    void check_reads_the_proposed_change_as_iptables_save_output_and_fails_the_gate() {
        CliRun run = CliRun.of("check", PROPOSED_RULES, "--policy", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("fwcheck check: " + PROPOSED_RULES + " against " + CliRun.POLICY + "\n")
                .contains("blocked by INPUT#4 (" + PROPOSED_RULES + ":12:1)")
                .contains("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
    }

    @Test
    void an_ipv4_dump_leaves_the_ipv6_requirements_unknown() {
        CliRun run = CliRun.of("check", CURRENT_RULES, "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.out()).contains("UNKNOWN  app-to-db ")
                .contains("uncertain: tcp 2001:db8:1::/64 -> 2001:db8:2::10 dport 5432 state new")
                .contains("because rule ipv6-not-in-dump uses IPv6 packets (iptables-save has the IPv4 rules only;")
                .endsWith("0 failed, 1 passed, 3 unknown\n");
    }

    @Test
    void nftables_json_is_read_too() {
        CliRun run = CliRun.of("check", CURRENT_NFT, "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).endsWith("0 failed, 4 passed, 0 unknown\n");
    }

    @Test
    void trace_names_the_iptables_rule_and_its_line() {
        CliRun run = CliRun.of("trace", PROPOSED_RULES, "tcp 10.0.1.200 -> 10.0.2.10:5432",
                "tcp 10.0.1.5:40000 -> 10.0.2.10:5432", "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.out().lines().toList()).hasSize(3);
        assertThat(run.out().lines().toList().get(0))
                .startsWith("drop    tcp 10.0.1.200:49152 -> 10.0.2.10:5432  by INPUT#4 (" + PROPOSED_RULES + ":12:1)");
        assertThat(run.out().lines().toList().get(1))
                .startsWith("accept  tcp 10.0.1.5:40000 -> 10.0.2.10:5432  by INPUT#5 (" + PROPOSED_RULES + ":13:1)");
        assertThat(run.out().lines().toList().get(2)).startsWith("unknown ").contains("ipv6-not-in-dump");
    }

    @Test
    void chain_forward_analyses_the_routed_packets() {
        CliRun input = CliRun.of("trace", CURRENT_RULES, "tcp 10.0.1.5 -> 10.0.2.10:5432");
        CliRun forward = CliRun.of("trace", CURRENT_RULES, "--chain", "FORWARD", "tcp 10.0.1.5 -> 10.0.2.10:5432");
        CliRun lower = CliRun.of("trace", CURRENT_RULES, "--chain", "forward", "tcp 10.0.1.5 -> 10.0.2.10:5432");

        assertThat(input.out()).startsWith("accept  ").contains("by INPUT#4 (");
        assertThat(forward.exit()).isEqualTo(ExitCodes.OK);
        assertThat(forward.out()).startsWith("drop    ").contains("by the default policy (" + CURRENT_RULES + ":6:1)");
        assertThat(lower.out()).isEqualTo(forward.out());
    }

    @Test
    void an_unknown_chain_is_a_usage_error() {
        CliRun run = CliRun.of("trace", CURRENT_RULES, "--chain", "PREROUTING", "tcp 10.0.1.5 -> 10.0.2.10:5432");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unknown chain 'PREROUTING' (expected INPUT, FORWARD or OUTPUT)");
    }

    @Test
    void diff_compares_a_yaml_ruleset_with_iptables_save_output_of_the_same_rules() throws IOException {
        Path yaml = dir.resolve("current.yaml");
        assertThat(CliRun.of("convert", CURRENT_RULES, "--to", "yaml", "-o", yaml.toString()).exit()).isZero();

        CliRun converted = CliRun.of("diff", yaml.toString(), CURRENT_RULES);
        CliRun handWritten = CliRun.of("diff", CliRun.CURRENT, CURRENT_RULES);

        assertThat(converted.exit()).isEqualTo(ExitCodes.OK);
        assertThat(converted.err()).isEmpty();
        assertThat(converted.out()).contains("PASS  no policy to check\n", "Newly blocked: none\n", "Newly accepted: none\n");
        assertThat(handWritten.exit()).isEqualTo(ExitCodes.OK);
        assertThat(handWritten.out()).as("the IPv4 half of current.yaml is current.rules")
                .contains("Newly blocked: none\n", "Newly accepted: none\n")
                .contains("removed   allow-app-postgres (accept, " + CliRun.CURRENT + ":33:5): no effect on any packet\n")
                .contains("added     INPUT#4 (accept, " + CURRENT_RULES + ":11:1): no effect on any packet\n")
                .contains("Uncertain: 3 boxes whose verdict may change")
                .contains("  ipv6 tcp,udp,dccp,sctp,udplite any -> any\n");
    }

    @Test
    void the_yaml_and_nftables_postmortem_rulesets_differ_in_no_packet_neighbour_discovery_included() {
        for (String name : new String[] {"current", "proposed"}) {
            String yaml = "../rulesets/postmortem/" + name + ".yaml";
            String nft = "../rulesets/postmortem/" + name + ".nft.json";

            CliRun run = CliRun.of("diff", yaml, nft);

            assertThat(run.exit()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("PASS  no policy to check; no packet's verdict changes\n",
                    "Newly blocked: none\n", "Newly accepted: none\n").doesNotContain("Uncertain");
        }
    }

    @Test
    void ip6_reads_the_ip6tables_save_dump_with_the_iptables_save_output() {
        CliRun check = CliRun.of("check", CURRENT_RULES, "--ip6", "../rulesets/postmortem/current6.rules", "-p",
                CliRun.POLICY);
        CliRun trace = CliRun.of("trace", PROPOSED_RULES, "--ip6", "../rulesets/postmortem/proposed6.rules",
                "tcp 10.0.1.200 -> 10.0.2.10:5432", "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432");
        CliRun diff = CliRun.of("diff", CURRENT_RULES, PROPOSED_RULES, "--ip6", "../rulesets/postmortem/current6.rules");
        CliRun yaml = CliRun.of("check", CliRun.CURRENT, "--ip6", "../rulesets/postmortem/current6.rules", "-p",
                CliRun.POLICY);

        assertThat(check.exit()).isEqualTo(ExitCodes.OK);
        assertThat(check.out()).startsWith("fwcheck check: " + CURRENT_RULES + " + ../rulesets/postmortem/current6.rules against ")
                .endsWith("0 failed, 4 passed, 0 unknown\n");
        assertThat(trace.exit()).isEqualTo(ExitCodes.OK);
        assertThat(trace.out().lines().toList().get(0)).startsWith("drop    ").contains("by INPUT#4 (" + PROPOSED_RULES);
        assertThat(trace.out().lines().toList().get(1)).startsWith("accept  ").endsWith("path ip6:INPUT#3 ACCEPT");
        assertThat(diff.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(diff.err()).startsWith("--ip6 is for check, trace and convert");
        assertThat(yaml.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(yaml.err()).contains("goes with iptables-save output, and this is yaml");
    }

    @Test
    void json_of_a_check_with_ip6_names_both_dumps() throws IOException {
        CliRun check = CliRun.of("check", CURRENT_RULES, "--ip6", "../rulesets/postmortem/current6.rules", "-p",
                CliRun.POLICY, "--format", "json");
        CliRun plain = CliRun.of("check", CURRENT_RULES, "-p", CliRun.POLICY, "--format", "json");

        JsonNode ruleset = new ObjectMapper().readTree(check.out()).get("ruleset");
        assertThat(ruleset.get("files")).extracting(JsonNode::asText)
                .containsExactly(CURRENT_RULES, "../rulesets/postmortem/current6.rules");
        assertThat(ruleset.get("file").asText()).isIn(CURRENT_RULES, "../rulesets/postmortem/current6.rules");
        JsonNode single = new ObjectMapper().readTree(plain.out()).get("ruleset");
        assertThat(single.get("files")).extracting(JsonNode::asText).containsExactly(CURRENT_RULES);
        assertThat(single.get("file").asText()).isEqualTo(CURRENT_RULES);
    }

    @Test
    void diff_across_formats_finds_the_postmortem_regression() {
        CliRun run = CliRun.of("diff", CliRun.CURRENT, PROPOSED_RULES, "--policy", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .startsWith("fwcheck diff: " + CliRun.CURRENT + " -> " + PROPOSED_RULES + " against " + CliRun.POLICY
                        + "\nFAIL  1 requirement regressed: app-to-db\n")
                .contains("allow-app-postgres (accept, " + CliRun.CURRENT + ":33:5) -> INPUT#4 (drop, " + PROPOSED_RULES
                        + ":12:1)");
    }

    @Test
    void forcing_the_wrong_format_is_an_input_error_saying_what_the_file_looks_like() {
        CliRun asNft = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--input-format", "nftables");
        CliRun asYaml = CliRun.of("trace", CURRENT_RULES, "--input-format", "yaml", "tcp 10.0.1.5 -> 10.0.2.10:22");
        CliRun asIptables = CliRun.of("diff", CliRun.CURRENT, CURRENT_NFT, "--input-format", "iptables");

        assertThat(asNft.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(asNft.out()).isEmpty();
        assertThat(asNft.err()).startsWith(CliRun.CURRENT + ":").hasLineCount(1)
                .contains("; the file looks like a YAML ruleset, not nftables: use --input-format yaml,"
                        + " or leave the option out to detect it");
        assertThat(asYaml.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(asYaml.err()).startsWith(CURRENT_RULES + ":").hasLineCount(1)
                .contains("the file looks like iptables-save output, not yaml: use --input-format iptables");
        assertThat(asIptables.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(asIptables.err()).startsWith(CliRun.CURRENT + ":").hasLineCount(1)
                .contains("the file looks like a YAML ruleset, not iptables");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "YAML", "yml"})
    void the_right_format_may_be_named_in_any_case(String format) {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--input-format", format);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void an_unknown_format_lists_the_formats() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--input-format", "pf");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("unknown input format 'pf' (expected yaml, iptables, nftables, cisco-ios, cisco-asa, aws, terraform, gcp or azure)");
    }

    @Test
    void a_missing_or_unreadable_file_of_another_kind_is_named_as_what_it_should_be() {
        String members = "no-such-members.yaml";
        CliRun baseline = CliRun.of("audit", "../rulesets/audit/db-01.yaml", "--baseline", "../rulesets");
        CliRun sgMembers = CliRun.of("check", "../rulesets/aws/security-groups.json", "--ruleset", "db01", "-p",
                CliRun.POLICY, "--members", members);
        CliRun ipset = CliRun.of("check", "../rulesets/postmortem/current.rules", "-p", CliRun.POLICY,
                "--ipset", "no-such-ipsets");

        assertThat(baseline.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(baseline.err()).isEqualTo("../rulesets: cannot read '../rulesets': it is a directory"
                + " (expected a baseline file)\n");
        assertThat(sgMembers.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(sgMembers.err()).isEqualTo(members + ": cannot read '" + members + "': no such file"
                + " (expected an existing members file)\n");
        assertThat(ipset.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ipset.err()).isEqualTo("no-such-ipsets: cannot read 'no-such-ipsets': no such file"
                + " (expected an existing ipset save file)\n");
    }

    @Test
    void a_missing_ruleset_file_is_an_input_error() {
        CliRun run = CliRun.of("trace", "no-such.rules", "--input-format", "iptables", "tcp 10.0.1.5 -> 10.0.2.10:22");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("no-such.rules: cannot read 'no-such.rules': no such file"
                + " (expected an existing ruleset file)\n");
    }

    @Test
    void ipset_resolves_the_sets_of_match_set_rules() throws IOException {
        Path rules = Files.writeString(dir.resolve("fw.rules"), """
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -m set --match-set blocklist src -j DROP
                COMMIT
                """);
        Path sets = Files.writeString(dir.resolve("ipsets.save"), """
                create blocklist hash:net family inet hashsize 1024 maxelem 65536
                add blocklist 192.0.2.0/24
                """);
        String flow = "tcp 192.0.2.7 -> 10.0.2.10:443";

        CliRun without = CliRun.of("trace", rules.toString(), flow);
        CliRun with = CliRun.of("trace", rules.toString(), "--ipset", sets.toString(), flow,
                "tcp 198.51.100.1 -> 10.0.2.10:443");

        assertThat(without.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(without.out()).startsWith("unknown ").contains("blocklist");
        assertThat(with.exit()).as(with.err()).isEqualTo(ExitCodes.OK);
        assertThat(with.out().lines().toList().get(0)).startsWith("drop    ").contains("by INPUT#1 (");
        assertThat(with.out().lines().toList().get(1)).startsWith("accept  ").contains("by the default policy");
    }

    @Test
    void family_says_which_family_a_dump_is() {
        CliRun run = CliRun.of("trace", CURRENT6_RULES, "--family", "IPv6",
                "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432");
        CliRun wrong = CliRun.of("trace", CURRENT6_RULES, "--family", "ipv5", "tcp 10.0.0.1 -> 10.0.0.2:22");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("accept  ").contains("by INPUT#3 (" + CURRENT6_RULES + ":");
        assertThat(wrong.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).contains("unknown family 'ipv5' (expected ipv4 or ipv6)");
    }

    @Test
    void every_command_lists_the_input_options_in_its_help() {
        for (String command : new String[] {"check", "diff", "trace", "convert"}) {
            CliRun run = CliRun.of(command, "--help");

            assertThat(run.out()).as(command).contains("--input-format=FORMAT", "yaml (fwcheck's own), iptables",
                    "--chain=INPUT|FORWARD|OUTPUT", "--ipset=FILE", "--family=ipv4|ipv6");
        }
    }
}
