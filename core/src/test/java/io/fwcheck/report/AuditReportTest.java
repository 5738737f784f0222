package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Auditor;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Severity;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit reports: text, Markdown, GitHub annotations, JUnit XML and SARIF of the golden corpus. */
class AuditReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AuditResult CORPUS = AuditSamples.corpus();
    private static final ReportContext CONTEXT =
            new ReportContext("1.2.3", Path.of("..").toAbsolutePath().normalize());

    @Test
    void text_leads_with_the_verdict_and_a_summary_table_per_ruleset() {
        String text = AuditReport.text(AuditView.of(CORPUS), false);

        assertThat(text).startsWith("fwcheck audit: 4 rulesets against ../rulesets/audit/policy.yaml"
                + " (5 files skipped: not rulesets)\nFAIL  26 findings (6 error, 8 warning, 12 info), 5 unknown\n");
        assertThat(text).containsPattern("ruleset +rules +error +warning +info +unknown\n")
                .containsPattern("\\.\\./rulesets/audit/db-01\\.yaml +4 +2 +1 +1 +0\n")
                .containsPattern("\\.\\./rulesets/audit/edge-gw\\.rules +9 +3 +6 +5 +5\n")
                .containsPattern("total +24 +6 +8 +12 +5\n");
        assertThat(text).contains("  ERROR    admin-port-exposed  allow-ssh-anywhere (../rulesets/audit/web-01.yaml:20:5)\n"
                + "           new connections to admin ports are accepted from the internet by rule allow-ssh-anywhere"
                + " (accept): ")
                .contains("           e.g. tcp 0.0.0.0:49152 -> 0.0.0.0:22\n")
                .contains("  suppressed redundant-rule on drop-telnet: \"kept explicit for the PCI auditors (CHG-1200)\"")
                .contains("Skipped (not rulesets):\n  ../rulesets/audit/db-01.expected.yaml: the expected findings of a sample\n");
        assertThat(text).doesNotContain("\u001b[");
        assertThat(AuditReport.text(AuditView.of(CORPUS), true)).contains(TextReport.RED + "FAIL" + TextReport.RESET);
    }

    @Test
    void text_rendered_on_several_threads_is_the_same_to_the_byte() throws Exception {
        Baseline all = Baseline.of(CORPUS);
        for (AuditView view : List.of(AuditView.of(CORPUS), AuditView.of(AuditSamples.withUnreadable()),
                new AuditView(CORPUS.against(new Baseline(all.entries().subList(1, all.entries().size()))),
                        Severity.WARNING, Optional.of("base.json"), true))) {
            for (boolean color : new boolean[] {false, true}) {
                String one = AuditReport.text(view, color);
                for (int threads : new int[] {2, 3, 8}) {
                    StringWriter out = new StringWriter();
                    AuditReport.text(view, color, out, threads);
                    assertThat(out.toString()).as("%d threads", threads).isEqualTo(one);
                }
            }
        }
    }

    @Test
    void rulesets_of_a_file_that_holds_several_are_named_in_the_tables() {
        AuditResult result = Auditor.audit(List.of(Path.of("..", "rulesets", "cisco", "edge-asa.asa"),
                AuditSamples.AUDIT.resolve("web-01.yaml")), AuditOptions.defaults());

        String text = AuditReport.text(AuditView.of(result), false);
        assertThat(text).containsPattern("\\.\\./rulesets/cisco/edge-asa\\.asa \\(OUTSIDE-IN\\) +6 +")
                .containsPattern("\\.\\./rulesets/cisco/edge-asa\\.asa \\(DMZ-IN\\) +4 +")
                .containsPattern("\\.\\./rulesets/audit/web-01\\.yaml +\\d+ +");
        assertThat(AuditReport.markdown(AuditView.of(result)))
                .contains("| `../rulesets/cisco/edge-asa.asa (OUTSIDE-IN)` | 6 |")
                .contains("| `../rulesets/audit/web-01.yaml` |");
    }

    @Test
    void with_a_baseline_only_new_findings_are_listed_and_counted_and_resolved_ones_on_request() {
        Baseline all = Baseline.of(CORPUS);
        Baseline withoutFirst = new Baseline(all.entries().subList(1, all.entries().size()));
        Baseline stale = new Baseline(List.of(new Baseline.Entry("../rulesets/audit/gone.yaml",
                "0123456789abcdef0123456789abcdef", "shadowed-rule", "info", "r1", "../rulesets/audit/gone.yaml:3:5",
                "rule r1 (accept) decides no packet")));

        String oneNew = AuditReport.text(new AuditView(CORPUS.against(withoutFirst), Severity.ERROR,
                Optional.of("base.json"), false), false);
        assertThat(oneNew).contains("baseline base.json: 1 new, 25 unchanged, 0 no longer found\n")
                .contains("FAIL  1 new finding (1 error, 0 warning, 0 info), 0 unknown\n")
                .contains("requirement no-internet-to-db").doesNotContain("admin-port-exposed  ");

        AuditView known = new AuditView(CORPUS.against(all), Severity.INFO, Optional.of("base.json"), true);
        assertThat(known.verdict()).isEqualTo(Verdict.PASS);
        assertThat(AuditReport.text(known, false)).contains("PASS  0 new findings").doesNotContain("No longer found");

        String resolved = AuditReport.text(new AuditView(CORPUS.against(stale), Severity.ERROR, Optional.of("b.json"),
                true), false);
        assertThat(resolved).contains("No longer found (in the baseline):\n  INFO     shadowed-rule  r1 (was at"
                + " ../rulesets/audit/gone.yaml:3:5)\n");
    }

    @Test
    void sarif_is_valid_with_baseline_states_suppressions_absent_results_and_failed_rulesets() throws Exception {
        Baseline stale = new Baseline(List.of(new Baseline.Entry("rulesets/audit/gone.yaml",
                "0123456789abcdef0123456789abcdef", "shadowed-rule", "info", "r1", "rulesets/audit/gone.yaml:3:5",
                "rule r1 (accept) decides no packet")));
        JsonNode log = MAPPER.readTree(SarifReport.audit(new AuditView(CORPUS.against(stale), Severity.ERROR,
                Optional.of("b.json"), true), CONTEXT));

        assertThat(ReportSchemas.sarifViolations(log)).isEmpty();
        JsonNode results = log.at("/runs/0/results");
        assertThat(results.size()).isEqualTo(26 + 1 + 1);
        assertThat(results.get(0).get("baselineState").asText()).isEqualTo("new");
        JsonNode suppressed = results.findParents("suppressions").get(0);
        assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(suppressed.at("/suppressions/0/justification").asText()).contains("PCI auditors");
        JsonNode absent = results.get(results.size() - 1);
        assertThat(absent.get("baselineState").asText()).isEqualTo("absent");
        assertThat(absent.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("rulesets/audit/gone.yaml");
        assertThat(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
        assertThat(log.at("/runs/0/tool/driver/rules").toString()).contains("\"id\":\"broad-accept\"")
                .contains("docs/rules/admin-port-exposed.md");

        JsonNode failed = MAPPER.readTree(SarifReport.audit(AuditView.of(AuditSamples.withUnreadable()), CONTEXT));
        assertThat(ReportSchemas.sarifViolations(failed)).isEmpty();
        assertThat(failed.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(failed.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
                .contains("missing.yaml").contains("no such file");
    }

    @Test
    void streamed_json_and_sarif_are_the_same_texts_and_leave_the_writer_open() throws Exception {
        AuditView view = new AuditView(CORPUS, Severity.ERROR, Optional.empty(), false);
        OpenWriter json = new OpenWriter();
        JsonReport.audit(view, "1.2.3", json);
        OpenWriter sarif = new OpenWriter();
        SarifReport.audit(view, CONTEXT, sarif);

        assertThat(json.toString()).isEqualTo(JsonReport.audit(view, "1.2.3")).endsWith("}\n");
        assertThat(sarif.toString()).isEqualTo(SarifReport.audit(view, CONTEXT)).endsWith("}\n");
        assertThat(json.closed).isFalse();
        assertThat(sarif.closed).isFalse();
    }

    /** Remembers whether it was closed. */
    private static final class OpenWriter extends StringWriter {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void junit_has_a_suite_per_ruleset_and_a_case_per_requirement_and_check() throws Exception {
        String xml = AuditReport.junit(AuditView.of(CORPUS));

        ReportSchemas.validateJunit(xml);
        assertThat(xml).contains("<testsuite name=\"db-01-input (../rulesets/audit/db-01.yaml)\"")
                .contains("<testcase name=\"no-internet-to-db: internet must not reach db-servers\"")
                .contains("<failure message=\"new connections to admin ports are accepted")
                .contains("type=\"possible-exposure\"")
                .doesNotContain("web-serves-https: internet must reach web on https\" classname=\"db-01-input");
        String unreadable = AuditReport.junit(AuditView.of(AuditSamples.withUnreadable()));
        ReportSchemas.validateJunit(unreadable);
        assertThat(unreadable).contains("<error message=\"../rulesets/audit/missing.yaml: cannot read");
    }

    @Test
    void github_annotates_reported_findings_and_unreadable_rulesets() {
        String lines = AuditReport.github(AuditView.of(AuditSamples.withUnreadable()), CONTEXT);

        assertThat(lines).startsWith("::error file=").contains("rulesets/audit/missing.yaml,title=fwcheck audit%3A cannot read")
                .contains("rulesets/audit/web-01.yaml,line=20,col=5,title=fwcheck admin-port-exposed%3A"
                        + " admin-port-exposed::new connections to admin ports");
    }

    @Test
    void markdown_has_the_verdict_the_summary_table_and_the_findings() {
        String md = AuditReport.markdown(AuditView.of(CORPUS));

        assertThat(md).startsWith("### \u274c fwcheck audit: FAIL\n")
                .contains("| `../rulesets/audit/web-01.yaml` | 7 | 1 | 1 | 4 | 0 |")
                .contains("| error | [admin-port-exposed](https://github.com/fwcheck/fwcheck/blob/main/docs/rules/"
                        + "admin-port-exposed.md) |");
    }
}
