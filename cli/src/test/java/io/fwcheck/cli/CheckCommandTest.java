package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void the_postmortem_change_fails_the_gate_naming_requirement_rule_and_addresses() {
        CliRun run = CliRun.of("check", CliRun.PROPOSED, "--policy", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out())
                .startsWith("fwcheck check: " + CliRun.PROPOSED + " against " + CliRun.POLICY + "\n")
                .contains("FAIL  app-to-db ")
                .contains("blocked by block-scanner (" + CliRun.PROPOSED + ":")
                .contains("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432")
                .contains("e.g.     tcp 10.0.1.128:49152 -> 10.0.2.10:5432")
                .contains("PASS  no-internet-to-db ")
                .endsWith("1 failed, 3 passed, 0 unknown\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_ruleset_before_the_change_passes() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).endsWith("0 failed, 4 passed, 0 unknown\n").doesNotContain("FAIL");
    }

    @Test
    void json_output_parses_and_validates_against_the_published_schema() throws IOException {
        CliRun run = CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "--format", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.at("/tool/version").asText()).isNotBlank();
        assertThat(doc.at("/requirements/0/id").asText()).isEqualTo("app-to-db");
        assertThat(doc.at("/requirements/0/decidedBy/0/rule").asText()).isEqualTo("block-scanner");
        assertThat(doc.at("/requirements/0/violation/boxes/0/sources/0").asText()).isEqualTo("10.0.1.128/25");
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/check-result.schema.json"))));
        assertThat(schema.validate(doc)).isEmpty();
    }

    @Test
    void output_goes_to_the_file_given() throws IOException {
        Path report = dir.resolve("report.json");

        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-f", "json", "-o", report.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEmpty();
        assertThat(JSON.readTree(Files.readString(report)).get("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void an_unwritable_output_file_is_bad_input() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-o", file.resolve("report.txt").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("cannot write '").contains("is not a directory").hasLineCount(1);
    }

    @Test
    void the_output_files_parent_directories_are_created() throws IOException {
        Path report = dir.resolve("build/reports/check.txt");

        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-o", report.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(report)).endsWith("0 failed, 4 passed, 0 unknown\n");
    }

    @Test
    void a_bad_ruleset_exits_2_with_file_line_and_column_and_no_stack_trace() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                version: 1
                name: broken
                default: drop
                rules:
                  - name: allow-app
                    action: accept
                    from: 10.0.0.300
                """);

        CliRun run = CliRun.of("check", bad.toString(), "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(bad + ":7:11: ").contains("10.0.0.300").hasLineCount(1)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_missing_policy_file_exits_2() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", "no-such-policy.yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no-such-policy.yaml").contains("no such file").hasLineCount(1);
    }

    @Test
    void fail_on_decides_which_severities_fail_the_gate() throws IOException {
        // an extra rule opens db to the internal network on http: only the warning-level allow-list breaks
        String current = Files.readString(Path.of(CliRun.CURRENT));
        Path opened = dir.resolve("opened.yaml");
        Files.writeString(opened, current + """

                  - name: allow-http
                    action: accept
                    from: internal
                    protocol: tcp
                    ports: 80
                """);

        CliRun byDefault = CliRun.of("check", opened.toString(), "-p", CliRun.POLICY);
        CliRun onWarning = CliRun.of("check", opened.toString(), "-p", CliRun.POLICY, "--fail-on", "warning");

        assertThat(byDefault.out()).contains("FAIL  db-allowlist ").contains("[warning]");
        assertThat(byDefault.exit()).isEqualTo(ExitCodes.OK);
        assertThat(onWarning.exit()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void max_boxes_caps_the_listed_boxes_and_says_how_many_more() throws IOException {
        CliRun run = CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "--max-boxes", "0");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("blocked: 1 box (list them with --max-boxes)");
        assertThat(CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "--max-boxes", "-1").exit())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void unknown_verdicts_exit_3_when_nothing_fails() {
        Ruleset current = YamlRulesetReader.read(Path.of(CliRun.CURRENT));
        List<Rule> rules = new ArrayList<>(current.rules());
        rules.add(1, new Rule("rate-limit", io.fwcheck.model.Action.DROP, Match.builder().protocol(Protocol.TCP)
                .unmodelled(new Unmodelled("-m recent --rcheck", new SourceLocation("x.rules", 3, 1))).build(),
                "", new SourceLocation("x.rules", 3, 1)));
        Ruleset uncertain = new Ruleset(current.name(), rules, current.defaultAction(), current.source());

        CheckResult result = Checker.check(uncertain, YamlPolicyReader.read(Path.of(CliRun.POLICY)));

        assertThat(result.count(io.fwcheck.analysis.Verdict.UNKNOWN)).isPositive();
        assertThat(result.count(io.fwcheck.analysis.Verdict.FAIL)).isZero();
        assertThat(CheckCommand.exitCode(result, Severity.ERROR)).isEqualTo(ExitCodes.UNKNOWN);
        CheckResult failing = Checker.check(YamlRulesetReader.read(Path.of(CliRun.PROPOSED)),
                YamlPolicyReader.read(Path.of(CliRun.POLICY)));
        assertThat(CheckCommand.exitCode(failing, Severity.ERROR)).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void colour_only_when_asked_or_on_a_terminal_without_no_color() {
        assertThat(CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "--color", "always").out())
                .contains("\u001b[31mFAIL\u001b[0m");
        assertThat(CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "--color", "never").out())
                .doesNotContain("\u001b[");
        assertThat(CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY).out()).doesNotContain("\u001b[");

        ColorOption auto = new ColorOption();
        assertThat(auto.colour(env(Map.of(), true), true)).isTrue();
        assertThat(auto.colour(env(Map.of(), false), true)).isFalse();
        assertThat(auto.colour(env(Map.of("NO_COLOR", "1"), true), true)).isFalse();
        assertThat(auto.colour(env(Map.of("NO_COLOR", ""), true), true)).isTrue();
        assertThat(auto.colour(env(Map.of(), true), false)).as("to a file").isFalse();
    }

    private static Environment env(Map<String, String> variables, boolean terminal) {
        return new Environment(variables, Path.of(""), terminal);
    }
}
