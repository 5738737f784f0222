package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fwcheck convert}: any ruleset, in the native YAML format, as fwcheck understood it. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    /** Asserts that two rulesets have the same rules, places aside. */
    private static void assertSameRules(Ruleset back, Ruleset original) {
        assertThat(back.name()).isEqualTo(original.name());
        assertThat(back.defaultAction()).isEqualTo(original.defaultAction());
        assertThat(back.rules()).extracting(Rule::id).containsExactlyElementsOf(ids(original));
        for (int i = 0; i < original.rules().size(); i++) {
            Rule was = original.rules().get(i);
            Rule now = back.rules().get(i);
            assertThat(now.action()).isEqualTo(was.action());
            assertThat(now.comment()).isEqualTo(was.comment());
            assertThat(placeless(now.match())).as(was.id()).isEqualTo(placeless(was.match()));
        }
    }

    private static List<String> ids(Ruleset r) {
        return r.rules().stream().map(Rule::id).toList();
    }

    private static Match placeless(Match m) {
        return new Match(m.families(), m.sources(), m.destinations(), m.protocols(), m.sourcePorts(),
                m.destinationPorts(), m.icmp(), m.states(), m.inInterface(), m.outInterface(),
                m.unmodelled().stream().map(u -> new Unmodelled(u.construct(), SourceLocation.UNKNOWN)).toList(),
                m.except().stream().map(ConvertCommandTest::placeless).toList());
    }

    @Test
    void yaml_converts_to_yaml_that_reads_back_to_the_same_rules() {
        CliRun run = CliRun.of("convert", CliRun.PROPOSED, "--to", "yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("# fwcheck ruleset, written from " + CliRun.PROPOSED + "\nversion: 1\n"
                        + "name: db01-input\ndefault: drop\nrules:\n")
                .contains("  # " + CliRun.PROPOSED + ":35\n  - name: block-scanner\n    action: drop\n");
        assertSameRules(YamlRulesetReader.read(run.out(), "out.yaml"), YamlRulesetReader.read(Path.of(CliRun.PROPOSED)));
    }

    @Test
    void iptables_save_output_converts_to_yaml_with_its_rule_ids_and_lines() throws IOException {
        Path out = dir.resolve("sub/proposed.yaml");

        CliRun run = CliRun.of("convert", InputFormatsTest.PROPOSED_RULES, "--to", "yaml", "--output", out.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        String yaml = Files.readString(out);
        assertThat(yaml).contains("""
                  # ../rulesets/postmortem/proposed.rules:12
                  - name: "INPUT#4"
                    action: drop
                    comment: "CHG-4711: block the port scans seen from 10.0.1.128/25 (meant for the DMZ, 10.0.8.128/25)"
                    family: ipv4
                    from: 10.0.1.128/25
                    protocol: tcp
                    ports: 5432
                """)
                .contains("""
                  - name: ipv6-not-in-dump
                    action: accept
                    stand-in: true
                    family: ipv6
                    unknown:
                      - "IPv6 packets (iptables-save has the IPv4 rules only; ip6tables-save has those for IPv6)"
                """);
        Ruleset original = RulesetLoader.load(Path.of(InputFormatsTest.PROPOSED_RULES), LoadOptions.defaults());
        assertSameRules(YamlRulesetReader.read(out), original);
    }

    @Test
    void a_dump_with_unknown_constructs_diffs_to_nothing_against_its_converted_yaml() throws IOException {
        for (String source : new String[] {"../rulesets/chains/db01.rules", "../rulesets/chains/db01.nft.json",
                InputFormatsTest.PROPOSED_RULES}) {
            Path out = dir.resolve("converted.yaml");
            assertThat(CliRun.of("convert", source, "--to", "yaml", "-o", out.toString()).exit()).isZero();

            CliRun diff = CliRun.of("diff", source, out.toString());

            assertThat(diff.exit()).as(source).isEqualTo(ExitCodes.OK);
            assertThat(diff.out()).as(source).contains("Newly blocked: none\n", "Newly accepted: none\n",
                    "Rule changes: none\n").doesNotContain("modified");
        }
    }

    @Test
    void the_converted_yaml_is_checked_like_the_original() throws IOException {
        Path out = dir.resolve("proposed.yaml");
        CliRun.of("convert", InputFormatsTest.PROPOSED_RULES, "--to", "yaml", "-o", out.toString());

        CliRun original = CliRun.of("check", InputFormatsTest.PROPOSED_RULES, "-p", CliRun.POLICY);
        CliRun converted = CliRun.of("check", out.toString(), "-p", CliRun.POLICY);

        assertThat(converted.exit()).isEqualTo(original.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(converted.out()).contains("blocked by INPUT#4 (" + out + ":")
                .endsWith("1 failed, 1 passed, 2 unknown\n");
        assertThat(original.out()).endsWith("1 failed, 1 passed, 2 unknown\n");
    }

    @Test
    void nftables_json_and_other_hooks_convert_too() {
        CliRun input = CliRun.of("convert", InputFormatsTest.CURRENT_NFT, "--to", "yaml");
        CliRun forward = CliRun.of("convert", InputFormatsTest.CURRENT_RULES, "--to", "YAML", "--chain", "FORWARD");

        assertThat(input.exit()).isEqualTo(ExitCodes.OK);
        assertThat(input.out()).contains("  - name: \"filter/input#6\"\n    action: accept\n");
        assertThat(forward.exit()).isEqualTo(ExitCodes.OK);
        assertThat(forward.out()).contains("name: \"iptables filter FORWARD\"\ndefault: drop\n");
    }

    @Test
    void bad_input_exits_2_with_the_place() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "name: x\ndefault: drop\nrules:\n  - action: acept\n");

        CliRun run = CliRun.of("convert", bad.toString(), "--to", "yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(bad + ":4:13: 'acept' is not a valid action; did you mean 'accept'?"
                + " (expected accept, drop or reject)\n");
    }

    @Test
    void a_missing_file_or_target_format_is_an_error() {
        assertThat(CliRun.of("convert", "no-such.rules", "--to", "yaml").exit()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun noTarget = CliRun.of("convert", CliRun.CURRENT);
        assertThat(noTarget.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noTarget.err()).contains("Missing required option: '--to=FORMAT'");
        CliRun json = CliRun.of("convert", CliRun.CURRENT, "--to", "json");
        assertThat(json.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(json.err()).contains("Invalid value for option '--to'");
    }

    @Test
    void a_name_the_native_format_cannot_spell_is_an_input_error() throws IOException {
        Path nft = Files.writeString(dir.resolve("odd.json"), """
                {"nftables": [
                  {"table": {"family": "inet", "name": "t", "handle": 1}},
                  {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter",
                             "hook": "input", "prio": 0, "policy": "drop"}},
                  {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": [
                    {"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth 0"}},
                    {"accept": null}]}}
                ]}
                """);

        CliRun run = CliRun.of("convert", nft.toString(), "--to", "yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("cannot write " + nft + " in the native format: the interface name 'eth 0'")
                .hasLineCount(1);
    }
}
