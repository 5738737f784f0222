package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.testing.RulesetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CORPUS = "../rulesets/audit";
    private static final String POLICY = "../rulesets/audit/policy.yaml";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void the_corpus_fails_with_a_summary_table_and_every_finding() {
        CliRun run = CliRun.of("audit", CORPUS, "--policy", POLICY);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).startsWith("fwcheck audit: 4 rulesets against " + POLICY + " (5 files skipped: not rulesets)\n"
                        + "FAIL  26 findings (6 error, 8 warning, 12 info), 5 unknown\n")
                .containsPattern("total +24 +6 +8 +12 +5\n")
                .contains("admin-port-exposed  allow-ssh-anywhere (" + CORPUS + "/web-01.yaml:20:5)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_exit_code_follows_fail_on_and_unknown_findings_exit_3() throws IOException {
        Path clean = write("clean.yaml", "name: clean\ndefault: drop\nrules:\n"
                + "  - {name: web, action: accept, protocol: tcp, ports: 443}\n");
        Path shadow = write("shadow.yaml", "name: shadow\ndefault: drop\nrules:\n"
                + "  - {name: web, action: accept, protocol: tcp, ports: 443}\n"
                + "  - {name: web-lan, action: accept, from: 10.0.0.0/8, protocol: tcp, ports: 443}\n");
        Path uncertain = write("uncertain.yaml", "name: u\ndefault: drop\nrules:\n"
                + "  - {name: knock, action: accept, protocol: tcp, ports: 22, unknown: [\"-m recent --rcheck\"]}\n");

        assertThat(CliRun.of("audit", clean.toString()).exit()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("audit", shadow.toString()).exit()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("audit", shadow.toString(), "--fail-on", "info").exit()).isEqualTo(ExitCodes.FAILED);
        CliRun unknown = CliRun.of("audit", uncertain.toString());
        assertThat(unknown.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(unknown.out()).contains("UNKNOWN  1 finding (0 error, 1 warning, 0 info), 1 unknown")
                .contains("possible-exposure  knock").doesNotContain("FAIL");
    }

    @Test
    void an_unreadable_ruleset_exits_2_after_the_report_of_the_others() throws IOException {
        Path good = write("good.yaml", "name: good\ndefault: drop\nrules: []\n");
        Path bad = write("bad.yaml", "name: bad\ndefault: maybe\nrules: []\n");

        CliRun run = CliRun.of("audit", good.toString(), bad.toString(), "-f", "text", "-f", "json=" + dir.resolve("a.json"));

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).startsWith("fwcheck audit: 2 rulesets\nERROR  0 findings (0 error, 0 warning, 0 info),"
                        + " 0 unknown; 1 ruleset could not be audited\n")
                .containsPattern("bad\\.yaml +- +- +- +- +-\n")
                .contains("ERROR    cannot be audited: " + bad + ":2:10: 'maybe' is not a valid default action");
        assertThat(dir.resolve("a.json")).exists();
    }

    @Test
    void a_baseline_is_written_then_only_new_findings_are_reported_and_resolved_ones_on_request() throws IOException {
        Path host = write("host.yaml", "name: host\ndefault: drop\nrules:\n  - {name: ssh, action: accept, protocol: tcp, ports: 22}\n");
        Path baseline = dir.resolve("audit/baseline.json");

        CliRun update = CliRun.of("audit", host.toString(), "--baseline", baseline.toString(), "--update-baseline");
        assertThat(update.exit()).isEqualTo(ExitCodes.OK);
        assertThat(update.err()).isEqualTo("fwcheck audit: wrote 1 findings to the baseline " + baseline + "\n");
        assertThat(update.out()).contains("baseline " + baseline + ": 0 new, 1 unchanged, 0 no longer found");
        assertThat(baseline).content().contains("\"format\": \"fwcheck-baseline\"").contains("\"rule\": \"ssh\"");

        CliRun same = CliRun.of("audit", host.toString(), "--baseline", baseline.toString());
        assertThat(same.exit()).isEqualTo(ExitCodes.OK);
        assertThat(same.out()).contains("PASS  0 new findings");

        Files.writeString(host, "name: host\ndefault: drop\nrules:\n  - {name: rdp, action: accept, protocol: tcp, ports: 3389}\n");
        CliRun changed = CliRun.of("audit", host.toString(), "--baseline", baseline.toString(), "--show-resolved",
                "-f", "text", "-f", "sarif=" + dir.resolve("out.sarif"));
        assertThat(changed.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(changed.out()).contains("baseline " + baseline + ": 1 new, 0 unchanged, 1 no longer found")
                .contains("admin-port-exposed  rdp").contains("No longer found (in the baseline):")
                .contains("admin-port-exposed  ssh (was at " + host + ":4:5)");
        JsonNode sarif = JSON.readTree(dir.resolve("out.sarif").toFile());
        assertThat(sarif.at("/runs/0/results/0/baselineState").asText()).isEqualTo("new");
        assertThat(sarif.at("/runs/0/results/1/baselineState").asText()).isEqualTo("absent");
    }

    /** How many findings of each type a JSON audit report holds. */
    private static Map<String, Integer> typeCounts(Path json) throws IOException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (JsonNode ruleset : JSON.readTree(json.toFile()).get("rulesets")) {
            for (JsonNode finding : ruleset.get("findings")) {
                out.merge(finding.get("type").asText(), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void only_and_skip_select_the_findings_looked_for() throws IOException {
        Path all = dir.resolve("all.json");
        assertThat(CliRun.of("audit", CORPUS, "-p", POLICY, "-f", "json=" + all).exit()).isEqualTo(ExitCodes.FAILED);
        Map<String, Integer> every = typeCounts(all);
        assertThat(every).containsKeys("requirement-violated", "requirement-unknown", "shadowed-rule",
                "redundant-rule", "admin-port-exposed", "possible-exposure");

        Path only = dir.resolve("only.json");
        CliRun selected = CliRun.of("audit", CORPUS, "-p", POLICY, "--only", "requirements,shadowed-rule",
                "-f", "text", "-f", "json=" + only);
        assertThat(selected.exit()).isEqualTo(ExitCodes.FAILED);
        Map<String, Integer> expected = new java.util.TreeMap<>(every);
        expected.keySet().retainAll(java.util.Set.of("requirement-violated", "requirement-unknown", "shadowed-rule"));
        assertThat(typeCounts(only)).isEqualTo(expected);
        assertThat(selected.out()).contains("shadowed-rule").doesNotContain("redundant-rule")
                .contains("\nlooking only for: requirement-violated, requirement-unknown, shadowed-rule\n");
        assertThat(JSON.readTree(only.toFile()).at("/gate/findings").toString())
                .isEqualTo("[\"requirement-violated\",\"requirement-unknown\",\"shadowed-rule\"]");
        assertThat(JSON.readTree(all.toFile()).at("/gate/findings")).hasSize(11);
        assertThat(CliRun.of("audit", CORPUS, "-p", POLICY).out()).doesNotContain("looking only for");

        Path skipped = dir.resolve("skip.json");
        CliRun rest = CliRun.of("audit", CORPUS, "-p", POLICY, "--skip", "anomalies", "--skip=possible-exposure",
                "-f", "json=" + skipped);
        expected = new java.util.TreeMap<>(every);
        expected.keySet().removeAll(java.util.Set.of("shadowed-rule", "redundant-rule", "conflicting-overlap",
                "empty-match", "possible-exposure"));
        assertThat(typeCounts(skipped)).isEqualTo(expected);
        assertThat(rest.exit()).isEqualTo(ExitCodes.FAILED);

        // a baseline of every finding, compared with an audit that looks for some: the others are not "resolved"
        Path baseline = dir.resolve("baseline.json");
        CliRun.of("audit", CORPUS, "-p", POLICY, "--baseline", baseline.toString(), "--update-baseline");
        CliRun compared = CliRun.of("audit", CORPUS, "-p", POLICY, "--baseline", baseline.toString(), "--show-resolved",
                "--only", "shadowed-rule");
        assertThat(compared.out()).contains(": 0 new, " + every.get("shadowed-rule") + " unchanged, 0 no longer found");
        assertThat(compared.exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void a_selection_that_names_no_audit_finding_or_leaves_none_is_refused() {
        CliRun unknown = CliRun.of("audit", CORPUS, "--only", "shadowed");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).startsWith("--only: 'shadowed' is not a finding of audits; expected one of"
                + " requirements, exposures, anomalies, requirement-violated,");
        CliRun notAudit = CliRun.of("audit", CORPUS, "--skip", "change-opens-flows");
        assertThat(notAudit.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notAudit.err()).startsWith("--skip: 'change-opens-flows' is not a finding of audits");
        CliRun none = CliRun.of("audit", CORPUS, "--only", "Requirements", "--skip", "requirement-violated,requirement-unknown");
        assertThat(none.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).startsWith("--only and --skip leave no finding to look for");
        CliRun update = CliRun.of("audit", CORPUS, "--baseline", dir.resolve("b.json").toString(), "--update-baseline",
                "--skip", "empty-match");
        assertThat(update.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(update.err()).startsWith("--update-baseline records every finding type: leave out --only and --skip");
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void baseline_options_are_checked_before_any_work() throws IOException {
        Path host = write("host.yaml", "name: host\ndefault: drop\nrules: []\n");

        CliRun update = CliRun.of("audit", host.toString(), "--update-baseline");
        assertThat(update.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(update.err()).startsWith("--update-baseline needs --baseline FILE");

        CliRun missing = CliRun.of("audit", host.toString(), "--baseline", dir.resolve("none.json").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).isEqualTo(dir.resolve("none.json") + ": no such baseline file (write one with"
                + " --update-baseline: fwcheck audit PATH... --baseline " + dir.resolve("none.json")
                + " --update-baseline)\n");

        Path notBaseline = write("b.json", "{\"format\": \"fwcheck-baseline\", \"version\": 9}");
        CliRun wrong = CliRun.of("audit", host.toString(), "--baseline", notBaseline.toString());
        assertThat(wrong.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).isEqualTo(notBaseline + ":1:43: unsupported baseline version 9 (expected version 1)\n");
    }

    @Test
    void json_output_validates_and_reports_go_to_several_files() throws IOException {
        CliRun run = CliRun.of("audit", CORPUS, "-p", POLICY, "-f", "json", "-f", "junit=" + dir.resolve("a.xml"),
                "-f", "github=" + dir.resolve("a.txt"), "-f", "markdown=" + dir.resolve("a.md"));

        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("command").asText()).isEqualTo("audit");
        assertThat(doc.at("/summary/error").asInt()).isEqualTo(6);
        assertThat(dir.resolve("a.xml")).content().contains("<testsuites name=\"fwcheck audit\"");
        assertThat(dir.resolve("a.txt")).content().contains("::error file=");
        assertThat(dir.resolve("a.md")).content().startsWith("### \u274c fwcheck audit: FAIL");
    }

    @Test
    void max_boxes_lists_the_boxes_of_each_finding_in_text_json_and_sarif() throws IOException {
        String gateway = CORPUS + "/edge-gw.rules";
        String broad = "broad-accept  INPUT#3 (" + gateway + ":10:1)\n";

        // by default a finding keeps the one box its message names, and the total
        CliRun text = CliRun.of("audit", gateway);
        assertThat(text.out()).contains(broad).doesNotContain("flows: ");
        JsonNode finding = broadAccept(JSON.readTree(CliRun.of("audit", gateway, "-f", "json").out()));
        assertThat(finding.get("totalBoxes").asLong()).isEqualTo(3);
        assertThat(finding.get("boxes")).hasSize(1);
        assertThat(finding.get("message").asText()).contains(": " + finding.at("/boxes/0").asText() + " and 2 more boxes");

        CliRun two = CliRun.of("audit", gateway, "--max-boxes", "2");
        String after = two.out().substring(two.out().indexOf(broad) + broad.length());
        assertThat(after.lines().limit(5).toList()).satisfies(lines -> {
            assertThat(lines.get(1)).startsWith(" ".repeat(11) + "flows: proto 0,2-5");
            assertThat(lines.get(2)).isEqualTo(" ".repeat(18) + "icmp 10.0.0.0/8 -> any state new");
            assertThat(lines.get(3)).isEqualTo(" ".repeat(18) + "… and 1 more (list more with --max-boxes)");
            assertThat(lines.get(4)).startsWith(" ".repeat(11) + "e.g. ");
        });
        assertThat(broadAccept(JSON.readTree(CliRun.of("audit", gateway, "-f", "json", "--max-boxes", "2").out()))
                .get("boxes")).hasSize(2);
        JsonNode sarif = JSON.readTree(CliRun.of("audit", gateway, "-f", "sarif", "--max-boxes", "2").out());
        JsonNode result = null;
        for (JsonNode r : sarif.at("/runs/0/results")) {
            if (r.get("ruleId").asText().equals("broad-accept") && r.at("/properties/rule").asText().equals("INPUT#3")) {
                result = r;
            }
        }
        assertThat(result).isNotNull();
        assertThat(result.at("/properties/boxes")).hasSize(2);
        assertThat(result.at("/properties/totalBoxes").asLong()).isEqualTo(3);

        JsonNode none = broadAccept(JSON.readTree(CliRun.of("audit", gateway, "-f", "json", "--max-boxes", "0").out()));
        assertThat(none.get("boxes")).isEmpty();
        assertThat(none.get("totalBoxes").asLong()).isEqualTo(3);
        assertThat(none.get("message").asText()).endsWith(": 3 boxes of flows");
    }

    private static JsonNode broadAccept(JsonNode audit) {
        for (JsonNode f : audit.at("/rulesets/0/findings")) {
            if (f.get("type").asText().equals("broad-accept") && f.get("rule").asText().equals("INPUT#3")) {
                return f;
            }
        }
        throw new AssertionError("no broad-accept finding for INPUT#3 in " + audit);
    }

    @Test
    void the_progress_bar_goes_to_standard_error_on_a_terminal_only() throws IOException {
        Path host = write("host.yaml", "name: host\ndefault: drop\nrules: []\n");

        CliRun terminal = CliRun.in(new Environment(Map.of(), Path.of(""), false, true), "audit", host.toString());
        assertThat(terminal.err()).contains("[##############################] 1/1 files").endsWith("\r");
        assertThat(terminal.out()).startsWith("fwcheck audit: 1 ruleset\n");

        assertThat(CliRun.of("audit", host.toString()).err()).isEmpty();
        assertThat(CliRun.of("audit", host.toString(), "--progress", "always").err()).contains("1/1 files");
        assertThat(CliRun.in(new Environment(Map.of(), Path.of(""), true, true), "audit", host.toString(),
                "--progress", "never").err()).isEmpty();
    }

    @Test
    void a_policy_with_only_an_audit_section_sets_the_checks() throws IOException {
        Path host = write("host.yaml", "name: host\ndefault: drop\nrules:\n"
                + "  - {name: pve, action: accept, protocol: tcp, ports: 8006}\n");
        Path policy = write("p.yaml", "version: 1\naudit:\n  admin-ports: [tcp/22, tcp/8006]\n");

        CliRun run = CliRun.of("audit", host.toString(), "-p", policy.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("admin-port-exposed  pve");
        CliRun check = CliRun.of("check", host.toString(), "-p", policy.toString());
        assertThat(check.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(check.err()).contains("has no requirements");
    }

    /**
     * A ruleset that needs more memory than the heap has is reported as one that could not be
     * audited, and the others are audited all the same: run in a JVM of its own with a 32 MiB heap,
     * on a generated ruleset of 5,000 rules.
     */
    @Test
    void a_ruleset_too_large_for_the_heap_is_reported_and_the_others_audited() throws Exception {
        Path big = write("big.yaml", YamlRulesetWriter.write(RulesetGenerator.seeded(7).generate(5_000)));
        Path log = dir.resolve("out.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "audit", big.toString(), CORPUS + "/db-01.yaml", "--threads", "1")
                .redirectOutput(log.toFile())
                .redirectErrorStream(true)
                .start();
        boolean ended = process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);

        assertThat(ended).as("the audit ended within 2 minutes").isTrue();
        assertThat(process.exitValue()).as(out).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out).contains("1 ruleset could not be audited")
                .containsPattern("\\n\\Q" + CORPUS + "/db-01.yaml\\E +4 +1 +0 +1 +0\\n")
                .containsPattern("cannot be audited: \\Q" + big + "\\E(:\\d+:\\d+)?: ran out of memory"
                        + " (auditing its 5000 rules|reading it) \\(the Java heap may not grow past \\d+ MiB\\)")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void a_sarif_log_over_code_scannings_limit_gets_a_warning() throws IOException {
        assertThat(AuditCommand.sarifTooLarge(25_000, 25_000)).isEmpty();
        assertThat(AuditCommand.sarifTooLarge(112_177, 25_000)).hasValue("fwcheck audit: the SARIF log holds 112,177"
                + " results, and GitHub code scanning rejects a run of more than 25,000: upload fewer with --only or"
                + " --skip, or audit and upload directories separately (see docs/ci.md)");

        CliRun run = CliRun.of("audit", CORPUS, "--policy", POLICY, "-f", "sarif=" + dir.resolve("audit.sarif"));
        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(JSON.readTree(dir.resolve("audit.sarif").toFile()).at("/runs/0/results")).hasSize(27);
    }

    @Test
    void requirements_and_internal_only_groups_whose_rulesets_match_none_audited_are_named() throws IOException {
        String policy = Files.readString(Path.of(POLICY)).replace("rulesets: [\"db-*\"]", "rulesets: [\"dbb-*\"]")
                .replace("rulesets: [\"edge-*\", \"mgmt-*\"]", "rulesets: [\"egde-*\", \"mgmt/*\"]");
        Path mistyped = write("policy.yaml", policy);

        CliRun run = CliRun.of("audit", CORPUS, "--policy", mistyped.toString());
        CliRun part = CliRun.of("audit", CORPUS + "/db-01.yaml", "--policy", POLICY);
        CliRun whole = CliRun.of("audit", CORPUS, "--policy", POLICY);
        CliRun anomalies = CliRun.of("audit", CORPUS, "--policy", mistyped.toString(), "--only", "anomalies");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo(
                "fwcheck audit: requirement no-internet-to-db applies to none of the 4 rulesets audited (rulesets: dbb-*)\n"
                + "fwcheck audit: requirement db-allowlist applies to none of the 4 rulesets audited (rulesets: dbb-*)\n"
                + "fwcheck audit: internal-only group mgmt-console is checked on none of the 4 rulesets audited"
                + " (rulesets: egde-*, mgmt/*)\n");
        assertThat(run.out()).startsWith("fwcheck audit: 4 rulesets against " + mistyped);
        assertThat(part.err()).contains("requirement web-serves-https applies to none of the 1 ruleset audited (rulesets: web-*)")
                .doesNotContain("no-internet-to-db");
        assertThat(whole.err()).isEmpty();
        assertThat(anomalies.err()).as("neither requirements nor internal-only groups looked for").isEmpty();
    }
}
