package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    private static final String RULES = "../rulesets/postmortem/current.rules";

    @Test
    void lists_the_ruleset_of_a_single_ruleset_file_with_its_name_kind_and_size() {
        CliRun run = CliRun.of("list", CliRun.CURRENT);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(CliRun.CURRENT + ": yaml, 1 ruleset\n")
                .containsPattern("NAME +KIND +RULES +DEFINED AT\n")
                .containsPattern("db01-input +fwcheck ruleset +\\d+ +" + CliRun.CURRENT.replace(".", "\\.") + ":\\d+:\\d+\n");
    }

    @Test
    void the_hook_shows_in_the_kind_of_an_iptables_dump() {
        CliRun run = CliRun.of("list", RULES, "--chain", "FORWARD");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(": iptables, 1 ruleset").contains("iptables filter table, FORWARD hook");
    }

    @Test
    void json_lists_name_kind_rules_and_location() throws Exception {
        CliRun run = CliRun.of("list", RULES, "--format", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("format").asText()).isEqualTo("iptables");
        assertThat(doc.get("rulesets")).hasSize(1);
        JsonNode entry = doc.get("rulesets").get(0);
        assertThat(entry.get("rules").asInt()).isPositive();
        assertThat(entry.get("location").get("file").asText()).isEqualTo(RULES);
        assertThat(entry.get("location").get("line").asInt()).isPositive();
    }

    @Test
    void selecting_a_ruleset_that_is_not_in_the_file_is_bad_input_naming_what_is() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--ruleset", "db02-input");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(CliRun.CURRENT + ": no ruleset named 'db02-input' in the file")
                .contains("expected one of db01-input");
    }

    @Test
    void selecting_the_ruleset_a_file_holds_reads_it() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--ruleset", "db01-input");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void a_file_of_no_known_format_is_bad_input() {
        CliRun run = CliRun.of("list", "../README.md", "--input-format", "nftables");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("../README.md");
    }
}
