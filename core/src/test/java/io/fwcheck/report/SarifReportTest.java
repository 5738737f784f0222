package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.FindingType;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The samples' files are {@code rulesets/postmortem/…}, relative to this directory. */
    private static final ReportContext CONTEXT = new ReportContext("1.2.3", Path.of("/work/repo"));

    private static JsonNode read(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    static Stream<String> logs() {
        return Stream.of(
                SarifReport.check(Checker.check(Samples.proposed(), Samples.policy()), CONTEXT),
                SarifReport.check(Checker.check(Samples.current(), Samples.policy()), CONTEXT),
                SarifReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()), CONTEXT),
                SarifReport.diff(Samples.diff(), CONTEXT),
                SarifReport.diff(Differ.diff(Samples.proposed(), Samples.withRateLimit(), DiffOptions.defaults()
                        .withPolicy(Samples.policy()).watching(List.of(Samples.APP, Samples.INTERNET))), CONTEXT));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void every_log_is_valid_against_the_oasis_sarif_2_1_0_schema(String log) throws IOException {
        assertThat(ReportSchemas.sarifViolations(read(log))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.fwcheck.report.JsonReportTest#auditViews")
    void audit_log_streamed_on_several_threads_is_the_typed_log_to_the_byte(AuditView view) throws IOException {
        String whole = SarifReport.audit(view, CONTEXT);
        for (int threads : new int[] {1, 2, 3, 8}) {
            StringWriter out = new StringWriter();
            SarifReport.audit(view, CONTEXT, out, threads);
            assertThat(out.toString()).as("%d threads", threads).isEqualTo(whole);
        }
        // the count the audit command compares with code scanning's limit
        assertThat(read(whole).at("/runs/0/results")).hasSize((int) SarifReport.auditResults(view));
        assertThat(ReportSchemas.sarifViolations(read(whole))).isEmpty();
    }

    @Test
    void the_schema_check_rejects_an_invalid_log() throws IOException {
        ObjectNode log = (ObjectNode) read(SarifReport.diff(Samples.diff(), CONTEXT));
        ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");

        assertThat(ReportSchemas.sarifViolations(log)).isNotEmpty();
    }

    @Test
    void the_driver_lists_the_whole_catalogue_with_help_and_default_levels() throws IOException {
        JsonNode driver = read(SarifReport.check(Checker.check(Samples.current(), Samples.policy()), CONTEXT))
                .at("/runs/0/tool/driver");

        assertThat(driver.get("name").asText()).isEqualTo("fwcheck");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
        assertThat(driver.get("rules")).hasSize(FindingType.values().length);
        JsonNode rule = driver.at("/rules/" + FindingType.REQUIREMENT_REGRESSION.ordinal());
        assertThat(rule.get("id").asText()).isEqualTo("requirement-regression");
        assertThat(rule.get("name").asText()).isEqualTo("RequirementRegression");
        assertThat(rule.at("/shortDescription/text").asText()).isEqualTo(FindingType.REQUIREMENT_REGRESSION.summary());
        assertThat(rule.at("/fullDescription/text").asText()).isEqualTo(FindingType.REQUIREMENT_REGRESSION.help());
        assertThat(rule.at("/help/text").asText()).contains("docs/rules/requirement-regression.md");
        assertThat(rule.get("helpUri").asText()).endsWith("/docs/rules/requirement-regression.md");
        assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(driver.at("/rules/" + FindingType.REQUIREMENT_FIXED.ordinal() + "/defaultConfiguration/level")
                .asText()).isEqualTo("note");
    }

    @Test
    void a_regression_result_points_at_the_rule_relative_to_srcroot_with_fingerprint_and_flows() throws IOException {
        JsonNode log = read(SarifReport.diff(Samples.diff(), CONTEXT));
        JsonNode result = log.at("/runs/0/results/0");

        assertThat(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
        assertThat(result.get("ruleId").asText()).isEqualTo("requirement-regression");
        assertThat(result.get("ruleIndex").asInt()).isEqualTo(FindingType.REQUIREMENT_REGRESSION.ordinal());
        assertThat(result.get("level").asText()).isEqualTo("error");
        assertThat(result.at("/message/text").asText()).contains("app-to-db").contains("block-scanner");
        JsonNode physical = result.at("/locations/0/physicalLocation");
        assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("rulesets/postmortem/proposed.yaml");
        assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(physical.at("/region/startLine").asInt()).isEqualTo(14);
        assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(5);
        assertThat(result.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("rulesets/postmortem/policy.yaml");
        assertThat(result.at("/relatedLocations/0/message/text").asText()).startsWith("requirement app-to-db");
        assertThat(result.at("/partialFingerprints/fwcheck~1v1").asText())
                .isEqualTo(Samples.diff().findings().get(0).fingerprint());
        assertThat(result.at("/properties/witness").asText()).isEqualTo("tcp 10.0.1.128:49152 -> 10.0.2.10:5432");
        assertThat(result.at("/properties/boxes/0").asText()).isEqualTo("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(result.at("/properties/totalBoxes").asInt()).isEqualTo(1);
        assertThat(log.at("/runs/0/results/1/level").asText()).isEqualTo("note");
    }

    @Test
    void an_unknown_result_is_a_warning_naming_its_cause() throws IOException {
        JsonNode result = read(SarifReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()), CONTEXT))
                .at("/runs/0/results/0");

        assertThat(result.get("ruleId").asText()).isEqualTo("requirement-unknown");
        assertThat(result.get("level").asText()).isEqualTo("warning");
        assertThat(result.at("/message/text").asText()).contains("-m recent --rcheck --seconds 60");
        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(20);
    }

    @Test
    void files_outside_the_working_directory_get_absolute_file_uris() {
        Path cwd = Path.of("/home/ci/repo");

        assertThat(Artifacts.place("rulesets/db.yaml", cwd)).hasValue(new Artifacts.Place("rulesets/db.yaml", true));
        assertThat(Artifacts.place("/home/ci/repo/./fw/db.yaml", cwd)).hasValue(new Artifacts.Place("fw/db.yaml", true));
        assertThat(Artifacts.place("../x y.yaml", cwd)).hasValue(new Artifacts.Place("/home/ci/x y.yaml", false));
        assertThat(Artifacts.place("/tmp/before.yaml", cwd)).hasValue(new Artifacts.Place("/tmp/before.yaml", false));
        assertThat(Artifacts.uri(new Artifacts.Place("/home/ci/x y.yaml", false))).hasValue("file:///home/ci/x%20y.yaml");
        assertThat(Artifacts.uri(new Artifacts.Place("fw/d\u00e9j\u00e0#1.yaml", true))).hasValue("fw/d%C3%A9j%C3%A0%231.yaml");
        assertThat(Artifacts.place("<builder>", cwd)).isEmpty();
    }

    @Test
    void a_related_location_outside_the_working_directory_is_absolute_and_valid() throws IOException {
        var elsewhere = new io.fwcheck.model.SourceLocation("/tmp/before.yaml", 19, 5);
        var rules = Samples.current().rules().stream().map(r -> new io.fwcheck.model.Rule(r.id(), r.action(),
                r.match(), r.comment(), elsewhere)).toList();
        var before = new io.fwcheck.model.Ruleset("db-input", rules, io.fwcheck.model.Action.DROP, elsewhere);
        JsonNode log = read(SarifReport.diff(Differ.diff(before, Samples.proposed()), CONTEXT));

        assertThat(ReportSchemas.sarifViolations(log)).isEmpty();
        JsonNode related = log.at("/runs/0/results/0/relatedLocations/0/physicalLocation/artifactLocation");
        assertThat(related.get("uri").asText()).isEqualTo("file:///tmp/before.yaml");
        assertThat(related.has("uriBaseId")).isFalse();
    }
}
