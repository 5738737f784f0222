package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fwcheck.analysis.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String current() throws IOException {
        return Files.readString(Path.of(CliRun.CURRENT));
    }

    @Test
    void the_postmortem_change_fails_the_gate_naming_the_regression_the_rule_and_the_blocked_space() {
        CliRun run = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--policy", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("fwcheck diff: " + CliRun.CURRENT + " -> " + CliRun.PROPOSED + " against " + CliRun.POLICY
                        + "\nFAIL  1 requirement regressed: app-to-db\n")
                .contains("  regression  app-to-db          PASS -> FAIL  app-servers must reach db on postgres\n")
                .contains("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new\n")
                .contains("decided by block-scanner (" + CliRun.PROPOSED + ":35:5) drop: ")
                .contains("Newly blocked: 1 box\n  allow-app-postgres (accept, " + CliRun.CURRENT + ":33:5) -> "
                        + "block-scanner (drop, " + CliRun.PROPOSED + ":35:5)\n"
                        + "      tcp 10.0.1.128/25 -> any dport 5432 state new,invalid\n")
                .contains("Newly accepted: none\n")
                .contains("  added     block-scanner (drop, " + CliRun.PROPOSED + ":35:5)\n"
                        + "            blocks 1 box: allow-app-postgres")
                .endsWith("1 regressed, 0 still failing, 0 fixed, 0 unknown, 3 passing;"
                        + " 1 box newly blocked, 0 boxes newly accepted, 1 rule change\n");
    }

    @Test
    void reverting_the_change_passes_and_reports_the_requirement_fixed() {
        CliRun run = CliRun.of("diff", CliRun.PROPOSED, CliRun.CURRENT, "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("PASS  no requirement regressed\n").contains("  fixed    app-to-db ")
                .contains("  removed   block-scanner (drop, " + CliRun.PROPOSED + ":35:5)\n            opens 1 box: ");
    }

    @Test
    void an_equivalent_reorder_passes_with_no_effect_on_any_packet() throws IOException {
        String ping = """
                  - name: allow-ping
                    action: accept
                    from: internal
                    protocol: icmp
                    icmp-type: echo-request

                """;
        String text = current();
        assertThat(text).contains(ping);
        Path reordered = write("reordered.yaml", text.replace(ping, "") + "\n" + ping);

        CliRun run = CliRun.of("diff", CliRun.CURRENT, reordered.toString(), "-p", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("PASS  no requirement regressed; no packet's verdict changes\n")
                .containsPattern("  moved     allow-ping6? \\(accept, " + reordered + ":[0-9]+:5\\), was at ")
                .contains(": no effect on any packet\n")
                .doesNotContain("regression");
    }

    @Test
    void fail_on_existing_also_fails_on_requirements_that_failed_before() throws IOException {
        Path commented = write("commented.yaml", Files.readString(Path.of(CliRun.PROPOSED))
                .replace("    icmp-type: echo-request\n", "    icmp-type: echo-request\n    comment: monitoring\n"));

        CliRun lenient = CliRun.of("diff", CliRun.PROPOSED, commented.toString(), "-p", CliRun.POLICY);
        CliRun strict = CliRun.of("diff", CliRun.PROPOSED, commented.toString(), "-p", CliRun.POLICY, "--fail-on-existing");

        assertThat(lenient.exit()).isEqualTo(ExitCodes.OK);
        assertThat(lenient.out()).contains("1 requirement still failing, as before: app-to-db")
                .contains("  still-failing  app-to-db ")
                .contains("changed: comment: no effect on any packet\n");
        assertThat(strict.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(strict.out()).contains("FAIL  1 requirement still failing: app-to-db\n");
    }

    @Test
    void fail_on_new_exposure_fails_only_when_the_change_opens_something_from_the_range() throws IOException {
        Path opened = write("opened.yaml", current() + """

                  - name: allow-partner-http
                    action: accept
                    from: 203.0.113.0/24
                    protocol: tcp
                    ports: 80
                """);

        CliRun watched = CliRun.of("diff", CliRun.CURRENT, opened.toString(), "--fail-on-new-exposure", "203.0.113.128/25");
        CliRun elsewhere = CliRun.of("diff", CliRun.CURRENT, opened.toString(),
                "--fail-on-new-exposure", "198.51.100.0/24,2001:db8:ffff::/48", "--fail-on-new-exposure", "192.0.2.7");
        CliRun everyone = CliRun.of("diff", CliRun.CURRENT, opened.toString(), "--fail-on-new-exposure=0.0.0.0/0,::/0");

        assertThat(watched.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(watched.out()).contains("FAIL  new exposure of 203.0.113.128/25\n")
                .contains("Exposure of 203.0.113.128/25: newly exposed, 1 box\n  tcp 203.0.113.128/25 -> any dport 80")
                .contains("  accepted by allow-partner-http (accept, " + opened + ":");
        assertThat(elsewhere.exit()).isEqualTo(ExitCodes.OK);
        assertThat(elsewhere.out()).contains("PASS  no policy to check; no watched range newly exposed\n")
                .contains("Exposure of 198.51.100.0/24, 2001:db8:ffff::/48: not newly exposed\n")
                .contains("Exposure of 192.0.2.7: not newly exposed\n");
        assertThat(everyone.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(everyone.out()).contains("FAIL  new exposure of 0.0.0.0/0, ::/0\n");
    }

    @Test
    void a_watched_range_that_is_not_an_address_is_a_usage_error_with_a_hint() {
        CliRun internet = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--fail-on-new-exposure", "internet");
        CliRun hostBits = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--fail-on-new-exposure", "10.0.1.5/24");

        assertThat(internet.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(internet.err()).contains("'internet' is not an IP address")
                .contains("for every source write 0.0.0.0/0,::/0")
                .contains("Usage: fwcheck diff");
        assertThat(hostBits.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(hostBits.err()).contains("10.0.1.5/24");
    }

    @Test
    void bad_input_in_before_or_after_exits_2_with_file_line_and_column() throws IOException {
        Path bad = write("bad.yaml", """
                version: 1
                name: broken
                default: drop
                rules:
                  - name: allow-app
                    action: accept
                    from: 10.0.0.300
                """);

        CliRun inBefore = CliRun.of("diff", bad.toString(), CliRun.PROPOSED, "-p", CliRun.POLICY);
        CliRun inAfter = CliRun.of("diff", CliRun.CURRENT, bad.toString(), "-p", CliRun.POLICY);

        for (CliRun run : new CliRun[] {inBefore, inAfter}) {
            assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith(bad + ":7:11: ").contains("10.0.0.300").hasLineCount(1)
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void a_missing_or_unreadable_file_is_named() {
        CliRun missing = CliRun.of("diff", CliRun.CURRENT, "no-such-after.yaml");
        CliRun directory = CliRun.of("diff", "..", CliRun.CURRENT);
        CliRun oneFile = CliRun.of("diff", CliRun.CURRENT);

        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no-such-after.yaml").contains("no such file").hasLineCount(1);
        assertThat(directory.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(directory.err()).hasLineCount(1).doesNotContain("internal error");
        assertThat(oneFile.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneFile.err()).contains("Missing required parameter: 'AFTER'");
    }

    @Test
    void a_policy_error_exits_2_with_its_location() throws IOException {
        Path policy = write("policy.yaml", """
                version: 1
                requirements:
                  - id: broken
                    must-allow: {from: 10.0.1.0/24, to: nowhere, service: tcp/5432}
                """);

        CliRun run = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "-p", policy.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith(policy + ":4:").contains("nowhere").hasLineCount(1);
    }

    @Test
    void json_output_validates_against_the_published_diff_schema() throws IOException {
        CliRun run = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "-p", CliRun.POLICY, "-f", "json",
                "--fail-on-new-exposure", "0.0.0.0/0,::/0");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("command").asText()).isEqualTo("diff");
        assertThat(doc.at("/requirements/0/status").asText()).isEqualTo("regression");
        assertThat(doc.at("/ruleChanges/0/rule").asText()).isEqualTo("block-scanner");
        assertThat(doc.at("/newlyBlocked/boxes/0/sources/0").asText()).isEqualTo("10.0.1.128/25");
        assertThat(doc.at("/exposures/0/watched").toString()).isEqualTo("[\"0.0.0.0/0\",\"::/0\"]");
        assertThat(doc.at("/exposures/0/exposed").asBoolean()).isFalse();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/diff-result.schema.json"))));
        assertThat(schema.validate(doc)).isEmpty();
    }

    @Test
    void max_boxes_caps_the_lists_zero_keeping_totals_and_witnesses() {
        CliRun zero = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--max-boxes", "0");

        assertThat(zero.exit()).isEqualTo(ExitCodes.OK);
        assertThat(zero.out()).contains("Newly blocked: 1 box\n")
                .contains("      1 box (list them with --max-boxes)\n")
                .contains("      e.g. tcp 10.0.1.128:49152 -> 0.0.0.0:5432\n")
                .doesNotContain("10.0.1.128/25");
        assertThat(CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--max-boxes", "1").out())
                .contains("tcp 10.0.1.128/25");
        CliRun negative = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--max-boxes", "-1");
        assertThat(negative.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(negative.err()).contains("--max-boxes must be 0 or more, not -1");
    }

    @Test
    void the_gate_verdict_is_the_exit_code() {
        assertThat(DiffCommand.exitCode(Verdict.FAIL)).isEqualTo(ExitCodes.FAILED);
        assertThat(DiffCommand.exitCode(Verdict.UNKNOWN)).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(DiffCommand.exitCode(Verdict.PASS)).isEqualTo(ExitCodes.OK);
    }

    // ---- --plan

    private static final String PLAN = "../rulesets/postmortem/plan.json";
    private static final String SAMPLE_PLAN = "../rulesets/terraform/plan.json";

    @Test
    void a_terraform_plan_that_narrows_the_app_rule_fails_the_gate_naming_app_to_db() {
        CliRun run = CliRun.of("diff", "--plan", PLAN, "--policy", CliRun.POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("fwcheck diff --plan: " + PLAN + " against " + CliRun.POLICY + "\n"
                        + "FAIL  1 of 1 changed ruleset fails: aws_security_group.db\n\n"
                        + "== aws_security_group.db (aws_vpc_security_group_ingress_rule.app_postgres: update)\n")
                .contains("  regression  app-to-db          PASS -> FAIL  app-servers must reach db on postgres\n")
                .contains("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new\n")
                .contains("  modified  aws_vpc_security_group_ingress_rule.app_postgres (accept, " + PLAN + ":");
    }

    @Test
    void each_changed_ruleset_of_a_plan_is_diffed_and_one_is_chosen_with_resource() {
        CliRun all = CliRun.of("diff", "--plan", SAMPLE_PLAN);
        assertThat(all.exit()).isEqualTo(ExitCodes.OK);
        assertThat(all.out()).contains("PASS  4 changed rulesets, all pass\n").contains("\n== aws_security_group.app (")
                .contains("\n== prod (").contains("\n== azurerm_network_security_group.app (")
                .contains("\n== aws_security_group.web (aws_security_group.web: create)\n");

        CliRun one = CliRun.of("diff", "--plan", SAMPLE_PLAN, "--resource", "app-nsg");
        assertThat(one.out()).contains("PASS  1 changed ruleset passes\n")
                .contains("== azurerm_network_security_group.app (azurerm_network_security_rule.admin_ssh: create)")
                .doesNotContain("== prod");

        CliRun none = CliRun.of("diff", "--plan", SAMPLE_PLAN, "--resource", "aws_security_group.db");
        assertThat(none.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("no firewall named 'aws_security_group.db' in the plan");
    }

    @Test
    void before_and_after_or_a_plan_but_not_both_nor_neither() {
        CliRun both = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--plan", PLAN);
        assertThat(both.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("Give either BEFORE and AFTER or --plan PLAN, not both");
        CliRun neither = CliRun.of("diff", "--policy", CliRun.POLICY);
        assertThat(neither.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(neither.err()).contains("Missing required parameters: 'BEFORE', 'AFTER'").contains("or --plan PLAN");
        CliRun resource = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--resource", "x");
        assertThat(resource.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(resource.err()).contains("--resource selects a resource of --plan");
        CliRun notPlan = CliRun.of("diff", "--plan", CliRun.CURRENT);
        assertThat(notPlan.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notPlan.err()).contains("this is yaml input, not a Terraform plan");
    }

    @Test
    void plan_reports_in_every_format_hold_every_change() throws IOException {
        Path json = dir.resolve("plan.json");
        Path junit = dir.resolve("plan.xml");
        Path sarif = dir.resolve("plan.sarif");
        Path markdown = dir.resolve("plan.md");
        CliRun run = CliRun.of("diff", "--plan", PLAN, "-p", CliRun.POLICY, "-f", "json=" + json, "-f", "junit=" + junit,
                "-f", "sarif=" + sarif, "-f", "markdown=" + markdown, "-f", "github");
        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).startsWith("::error file=").contains("fwcheck requirement-regression%3A app-to-db");

        JsonNode doc = JSON.readTree(Files.readString(json));
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        assertThat(factory.getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/plan-diff-result.schema.json"))))
                .validate(doc)).isEmpty();
        var diffSchema = factory.getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/diff-result.schema.json"))));
        assertThat(doc.get("changes")).hasSize(1);
        assertThat(diffSchema.validate(doc.get("changes").get(0).get("diff"))).isEmpty();
        assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.get("changes").get(0).get("name").asText()).isEqualTo("aws_security_group.db");

        assertThat(Files.readString(junit)).contains("<testsuite name=\"aws_security_group.db\"")
                .contains("type=\"requirement-regression\"");
        assertThat(Files.readString(sarif)).contains("\"ruleId\": \"requirement-regression\"");
        assertThat(Files.readString(markdown)).startsWith("## ").contains("**aws\\_security\\_group.db**");
    }
}
