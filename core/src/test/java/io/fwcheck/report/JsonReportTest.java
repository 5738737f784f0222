package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.FlowParser;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SCHEMAS = Path.of("..", "docs", "schema");

    private static JsonNode read(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static JsonNode schemaNode(String name) throws IOException {
        return MAPPER.readTree(Files.readString(SCHEMAS.resolve(name)));
    }

    private static List<String> violations(String schemaName, JsonNode document) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode(schemaName));
        return schema.validate(document).stream().map(Object::toString).toList();
    }

    @Test
    void a_failed_check_as_json_names_rule_flows_and_witness() throws IOException {
        JsonNode doc = read(JsonReport.check(Checker.check(Samples.proposed(), Samples.policy()), "1.2.3"));

        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.at("/tool/name").asText()).isEqualTo("fwcheck");
        assertThat(doc.at("/tool/version").asText()).isEqualTo("1.2.3");
        assertThat(doc.get("command").asText()).isEqualTo("check");
        assertThat(doc.at("/ruleset/file").asText()).isEqualTo(Samples.RULESET_FILE);
        assertThat(doc.at("/policy/file").asText()).isEqualTo(Samples.POLICY_FILE);
        assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.get("summary").toString()).isEqualTo("{\"pass\":2,\"fail\":1,\"unknown\":0}");

        JsonNode appToDb = doc.at("/requirements/0");
        assertThat(appToDb.get("id").asText()).isEqualTo("app-to-db");
        assertThat(appToDb.get("kind").asText()).isEqualTo("must-allow");
        assertThat(appToDb.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(appToDb.get("description").asText()).isEqualTo("the outage of 2024");
        assertThat(appToDb.get("location").toString())
                .isEqualTo("{\"file\":\"rulesets/postmortem/policy.yaml\",\"line\":20,\"column\":5}");
        assertThat(appToDb.at("/violation/total").asLong()).isEqualTo(1);
        assertThat(appToDb.at("/violation/boxes/0/sources/0").asText()).isEqualTo("10.0.1.128/25");
        assertThat(appToDb.at("/violation/boxes/0/destinationPorts").toString()).isEqualTo("[{\"from\":5432,\"to\":5432}]");
        assertThat(appToDb.at("/violation/witness/text").asText()).isEqualTo("tcp 10.0.1.128:49152 -> 10.0.2.10:5432");
        assertThat(appToDb.at("/violation/witness/icmpType").isNull()).isTrue();
        assertThat(appToDb.at("/decidedBy/0/rule").asText()).isEqualTo("block-scanner");
        assertThat(appToDb.at("/decidedBy/0/default").asBoolean()).isFalse();
        assertThat(appToDb.at("/decidedBy/0/action").asText()).isEqualTo("drop");
        assertThat(appToDb.at("/decidedBy/0/location/line").asInt()).isEqualTo(14);
        assertThat(appToDb.at("/uncertain/total").asLong()).isZero();
        assertThat(appToDb.at("/uncertain/witness").isNull()).isTrue();
        assertThat(doc.at("/requirements/1/verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void the_default_policy_decides_with_a_null_rule() throws IOException {
        // the current ruleset without its app rule: the default policy blocks app-to-db
        var rules = new ArrayList<>(Samples.current().rules());
        rules.remove(2);
        var ruleset = new io.fwcheck.model.Ruleset("db-input", rules, io.fwcheck.model.Action.DROP, Samples.at(3, 1));
        JsonNode doc = read(JsonReport.check(Checker.check(ruleset, Samples.policy()), "dev"));

        JsonNode decided = doc.at("/requirements/0/decidedBy/0");
        assertThat(decided.get("rule").isNull()).isTrue();
        assertThat(decided.get("default").asBoolean()).isTrue();
        assertThat(decided.at("/location/line").asInt()).isEqualTo(3);
        assertThat(violations("check-result.schema.json", doc)).isEmpty();
    }

    @Test
    void unknown_causes_carry_rule_construct_and_location() throws IOException {
        JsonNode doc = read(JsonReport.check(Checker.check(Samples.withRateLimit(), Samples.policy()), "dev"));

        assertThat(doc.get("verdict").asText()).isEqualTo("UNKNOWN");
        JsonNode cause = doc.at("/requirements/0/unknownCauses/0");
        assertThat(cause.get("rule").asText()).isEqualTo("rate-limit");
        assertThat(cause.get("construct").asText()).isEqualTo("-m recent --rcheck --seconds 60");
        assertThat(cause.at("/location/line").asInt()).isEqualTo(17);
        assertThat(doc.at("/requirements/0/uncertain/total").asLong()).isEqualTo(1);
    }

    static Stream<CheckResult> checkResults() {
        return Stream.of(
                Checker.check(Samples.current(), Samples.policy()),
                Checker.check(Samples.proposed(), Samples.policy()),
                Checker.check(Samples.withRateLimit(), Samples.policy()));
    }

    @ParameterizedTest
    @MethodSource("checkResults")
    void check_json_validates_against_the_published_schema(CheckResult result) throws IOException {
        assertThat(violations("check-result.schema.json", read(JsonReport.check(result, "dev")))).isEmpty();
    }

    @Test
    void the_schema_rejects_what_it_should() throws IOException {
        JsonNode doc = read(JsonReport.check(Checker.check(Samples.proposed(), Samples.policy()), "dev"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("verdict", "MAYBE");
        assertThat(violations("check-result.schema.json", doc)).isNotEmpty();
    }

    @Test
    void check_findings_carry_type_location_and_fingerprint() throws IOException {
        JsonNode doc = read(JsonReport.check(Checker.check(Samples.proposed(), Samples.policy()), "dev"));

        JsonNode finding = doc.at("/findings/0");
        assertThat(doc.get("findings")).hasSize(1);
        assertThat(finding.get("type").asText()).isEqualTo("requirement-violated");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("rule").asText()).isEqualTo("block-scanner");
        assertThat(finding.get("requirement").asText()).isEqualTo("app-to-db");
        assertThat(finding.at("/location/line").asInt()).isEqualTo(14);
        assertThat(finding.at("/related/0/location/file").asText()).isEqualTo(Samples.POLICY_FILE);
        assertThat(finding.at("/witness/text").asText()).isEqualTo("tcp 10.0.1.128:49152 -> 10.0.2.10:5432");
        assertThat(finding.get("fingerprint").asText()).hasSize(32);
    }

    @Test
    void the_postmortem_diff_as_json_names_regression_rule_change_and_blocked_space() throws IOException {
        JsonNode doc = read(JsonReport.diff(Samples.diff(), DiffGate.DEFAULT, "1.2.3"));

        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(doc.get("command").asText()).isEqualTo("diff");
        assertThat(doc.at("/before/file").asText()).isEqualTo(Samples.RULESET_FILE);
        assertThat(doc.at("/policy/file").asText()).isEqualTo(Samples.POLICY_FILE);
        assertThat(doc.get("gate").toString()).isEqualTo("{\"failOn\":\"error\",\"failOnExisting\":false}");
        assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.get("summary").toString())
                .isEqualTo("{\"regression\":1,\"stillFailing\":0,\"fixed\":0,\"unknown\":0,\"passing\":2}");
        assertThat(doc.at("/requirements/0/status").asText()).isEqualTo("regression");
        assertThat(doc.at("/requirements/0/before/verdict").asText()).isEqualTo("PASS");
        assertThat(doc.at("/requirements/0/after/decidedBy/0/rule").asText()).isEqualTo("block-scanner");
        assertThat(doc.at("/newlyBlocked/total").asLong()).isEqualTo(1);
        assertThat(doc.at("/newlyBlocked/boxes/0/sources/0").asText()).isEqualTo("10.0.1.128/25");
        assertThat(doc.at("/blockedGroups/0/before/rule").asText()).isEqualTo("allow-app");
        assertThat(doc.at("/blockedGroups/0/after/rule").asText()).isEqualTo("block-scanner");
        assertThat(doc.at("/newlyAccepted/total").asLong()).isZero();
        assertThat(doc.at("/defaultAction/changed").asBoolean()).isFalse();
        assertThat(doc.at("/ruleChanges/0/kind").asText()).isEqualTo("added");
        assertThat(doc.at("/ruleChanges/0/before").isNull()).isTrue();
        assertThat(doc.at("/ruleChanges/0/hasEffect").asBoolean()).isTrue();
        assertThat(doc.at("/ruleChanges/0/effect/0/direction").asText()).isEqualTo("blocks");
        assertThat(doc.at("/findings/0/type").asText()).isEqualTo("requirement-regression");
        assertThat(violations("diff-result.schema.json", doc)).isEmpty();
    }

    static Stream<DiffResult> diffResults() {
        var rules = new ArrayList<>(Samples.current().rules());
        java.util.Collections.swap(rules, 0, 1);
        var moved = new io.fwcheck.model.Ruleset("db-input", rules, io.fwcheck.model.Action.REJECT, Samples.at(3, 1));
        return Stream.of(
                Samples.diff(),
                Differ.diff(Samples.current(), Samples.current()),
                Differ.diff(Samples.current(), moved, DiffOptions.defaults()
                        .watching(List.of(Samples.INTERNET, Samples.APP)).withCap(1)),
                Differ.diff(Samples.proposed(), Samples.withRateLimit(), DiffOptions.defaults()
                        .withPolicy(Samples.policy()).watching(List.of(Samples.APP))));
    }

    @ParameterizedTest
    @MethodSource("diffResults")
    void diff_json_validates_against_the_published_schema(DiffResult result) throws IOException {
        JsonNode doc = read(JsonReport.diff(result, new DiffGate(Severity.WARNING, true), "dev"));

        assertThat(violations("diff-result.schema.json", doc)).isEmpty();
        assertThat(doc.at("/gate/failOn").asText()).isEqualTo("warning");
    }

    static Stream<AuditView> auditViews() {
        AuditResult result = AuditSamples.corpus();
        Baseline partial = new Baseline(Baseline.of(result).entries().subList(0, 5));
        Baseline stale = new Baseline(List.of(new Baseline.Entry("rulesets/audit/gone.yaml",
                "0123456789abcdef0123456789abcdef", "shadowed-rule", "info", "r1", "rulesets/audit/gone.yaml:3:5",
                "rule r1 (accept) decides no packet")));
        return Stream.of(
                AuditView.of(result),
                new AuditView(result.against(partial), Severity.WARNING, java.util.Optional.of("base.json"), true),
                new AuditView(result.against(stale), Severity.INFO, java.util.Optional.of("base.json"), true),
                AuditView.of(AuditSamples.withUnreadable()),
                AuditView.of(AuditSamples.everySample()));
    }

    @ParameterizedTest
    @MethodSource("auditViews")
    void audit_json_validates_against_the_published_schema(AuditView view) throws IOException {
        assertThat(violations("audit-result.schema.json", read(JsonReport.audit(view, "dev")))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("auditViews")
    void audit_json_streamed_on_several_threads_is_the_typed_document_to_the_byte(AuditView view)
            throws IOException {
        String whole = JsonReport.auditInOnePiece(view, "dev");
        for (int threads : new int[] {1, 2, 3, 8}) {
            StringWriter out = new StringWriter();
            JsonReport.audit(view, "dev", out, threads);
            assertThat(out.toString()).as("%d threads", threads).isEqualTo(whole);
        }
        assertThat(read(whole).get("rulesets")).hasSize(view.result().rulesets().size());
    }

    @Test
    void audit_json_of_no_ruleset_has_an_empty_list() throws IOException {
        AuditView none = AuditView.of(
                new AuditResult(List.of(), List.of(), java.util.Optional.empty(), java.util.Optional.empty()));
        StringWriter out = new StringWriter();
        JsonReport.audit(none, "dev", out, 4);

        assertThat(out.toString()).isEqualTo(JsonReport.auditInOnePiece(none, "dev")).contains("\"rulesets\": []");
        assertThat(violations("audit-result.schema.json", read(out.toString()))).isEmpty();
    }

    @Test
    void audit_json_carries_counts_findings_baseline_states_and_suppressions() throws IOException {
        AuditResult result = AuditSamples.corpus();
        Baseline first = new Baseline(Baseline.of(result).entries().subList(0, 1));
        JsonNode doc = read(JsonReport.audit(new AuditView(result.against(first), Severity.ERROR,
                java.util.Optional.of("base.json"), true), "dev"));

        assertThat(doc.get("command").asText()).isEqualTo("audit");
        assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(doc.at("/summary/rulesets").asInt()).isEqualTo(4);
        assertThat(doc.at("/summary/skipped").asInt()).isEqualTo(5);
        assertThat(doc.at("/baseline/unchanged").asInt()).isEqualTo(1);
        assertThat(doc.at("/baseline/new").asInt()).isEqualTo(result.findings().size() - 1);
        assertThat(doc.at("/rulesets/0/file").asText()).endsWith("db-01.yaml");
        assertThat(doc.at("/rulesets/0/findings/0/baselineState").asText()).isEqualTo("unchanged");
        assertThat(doc.at("/rulesets/0/findings/1/baselineState").asText()).isEqualTo("new");
        assertThat(doc.at("/rulesets/0/findings/0/requirement").asText()).isEqualTo("no-internet-to-db");
        JsonNode web = doc.at("/rulesets/3");
        assertThat(web.at("/suppressed/0/reason").asText()).contains("PCI");
        assertThat(web.at("/suppressed/0/finding/type").asText()).isEqualTo("redundant-rule");
        assertThat(web.at("/summary/suppressed").asInt()).isEqualTo(1);
    }

    @Test
    void trace_json_lines_are_one_valid_object_per_flow() throws IOException {
        Tracer tracer = Tracer.of(Samples.withRateLimit());
        List<String> flows = List.of("tcp 10.0.1.5 -> 10.0.2.10:5432", "udp [2001:db8::1]:53 -> [2001:db8::2]:53",
                "icmp 10.0.0.1 -> 10.0.2.10 type 8 state related in eth0", "tcp 10.0.9.5 -> 10.0.2.10:22");
        StringWriter out = new StringWriter();
        try (JsonReport.TraceLines lines = JsonReport.traceLines(tracer.ruleset(), out)) {
            for (String f : flows) {
                lines.write(tracer.trace(FlowParser.parse(f)));
            }
        }

        String[] written = out.toString().split("\n", -1);
        assertThat(written).hasSize(flows.size() + 1);
        assertThat(written[flows.size()]).isEmpty();
        for (int i = 0; i < flows.size(); i++) {
            JsonNode line = read(written[i]);
            assertThat(violations("trace-result.schema.json", line)).as(written[i]).isEmpty();
            Flow flow = FlowParser.parse(flows.get(i));
            assertThat(line.at("/flow/text").asText()).isEqualTo(flow.toString());
            assertThat(written[i]).isEqualTo(JsonReport.trace(tracer.trace(flow), tracer.ruleset()));
        }
        assertThat(read(written[0]).get("verdict").asText()).isEqualTo("unknown");
        assertThat(read(written[0]).at("/unknownCauses/0/construct").asText()).isEqualTo("-m recent --rcheck --seconds 60");
        assertThat(read(written[1]).get("rule").isNull()).isTrue();
        assertThat(read(written[1]).at("/flow/family").asText()).isEqualTo("ipv6");
        assertThat(read(written[2]).at("/flow/inInterface").asText()).isEqualTo("eth0");
        assertThat(read(written[2]).at("/flow/sourcePort").isNull()).isTrue();
        assertThat(read(written[3]).get("verdict").asText()).isEqualTo("accept");
        assertThat(read(written[3]).get("rule").asText()).isEqualTo("allow-ssh");
    }

    @Test
    void streamed_trace_lines_equal_the_typed_documents_for_random_flows() throws IOException {
        Tracer tracer = Tracer.of(Samples.proposed());
        java.util.Random random = new java.util.Random(42);
        List<String> expected = new ArrayList<>();
        StringWriter out = new StringWriter();
        try (JsonReport.TraceLines lines = JsonReport.traceLines(tracer.ruleset(), out)) {
            for (int i = 0; i < 2000; i++) {
                String src = "10.0." + random.nextInt(3) + "." + random.nextInt(256);
                String text = switch (random.nextInt(5)) {
                    case 0 -> "tcp " + src + ":" + random.nextInt(65536) + " -> 10.0.2.10:" + (5430 + random.nextInt(4));
                    case 1 -> "udp " + src + " -> 10.0.2.10:" + random.nextInt(65536) + " in eth" + random.nextInt(2);
                    case 2 -> "icmp " + src + " -> 10.0.2.10 type " + random.nextInt(256) + " code 1 out lo";
                    case 3 -> "tcp [2001:db8:1::" + random.nextInt(9) + "] -> [2001:db8:2::10]:5432 state established";
                    default -> "proto " + random.nextInt(256) + " " + src + " -> 10.0.2.10";
                };
                Flow flow;
                try {
                    flow = FlowParser.parse(text);
                } catch (IllegalArgumentException e) {
                    continue; // e.g. proto 6 without ports
                }
                var result = tracer.trace(flow);
                lines.write(result);
                expected.add(JsonReport.trace(result, tracer.ruleset()));
            }
        }
        assertThat(out.toString().lines().toList()).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(1500);
    }

    static Stream<Arguments> documentedObjects() {
        return Stream.of(
                Arguments.of(ReportModel.Check.class, "check-result.schema.json", ""),
                Arguments.of(ReportModel.Tool.class, "check-result.schema.json", "/properties/tool"),
                Arguments.of(ReportModel.RulesetRef.class, "check-result.schema.json", "/properties/ruleset"),
                Arguments.of(ReportModel.PolicyRef.class, "check-result.schema.json", "/properties/policy"),
                Arguments.of(ReportModel.Summary.class, "check-result.schema.json", "/properties/summary"),
                Arguments.of(ReportModel.Requirement.class, "check-result.schema.json", "/$defs/requirement"),
                Arguments.of(ReportModel.Location.class, "check-result.schema.json", "/$defs/location"),
                Arguments.of(ReportModel.Flows.class, "check-result.schema.json", "/$defs/flows"),
                Arguments.of(ReportModel.Decided.class, "check-result.schema.json", "/$defs/decided"),
                Arguments.of(ReportModel.Cause.class, "check-result.schema.json", "/$defs/cause"),
                Arguments.of(ReportModel.Range.class, "check-result.schema.json", "/$defs/range"),
                Arguments.of(ReportModel.IcmpRange.class, "check-result.schema.json", "/$defs/icmpRange"),
                Arguments.of(ReportModel.Box.class, "check-result.schema.json", "/$defs/box"),
                Arguments.of(ReportModel.Flow.class, "check-result.schema.json", "/$defs/flow"),
                Arguments.of(ReportModel.Finding.class, "check-result.schema.json", "/$defs/finding"),
                Arguments.of(ReportModel.Related.class, "check-result.schema.json", "/$defs/related"),
                Arguments.of(ReportModel.Diff.class, "diff-result.schema.json", ""),
                Arguments.of(ReportModel.Gate.class, "diff-result.schema.json", "/properties/gate"),
                Arguments.of(ReportModel.DiffSummary.class, "diff-result.schema.json", "/properties/summary"),
                Arguments.of(ReportModel.DefaultAction.class, "diff-result.schema.json", "/properties/defaultAction"),
                Arguments.of(ReportModel.RulesetRef.class, "diff-result.schema.json", "/$defs/rulesetRef"),
                Arguments.of(ReportModel.RequirementDiff.class, "diff-result.schema.json", "/$defs/requirement"),
                Arguments.of(ReportModel.Outcome.class, "diff-result.schema.json", "/$defs/outcome"),
                Arguments.of(ReportModel.RuleRef.class, "diff-result.schema.json", "/$defs/ruleRef"),
                Arguments.of(ReportModel.Group.class, "diff-result.schema.json", "/$defs/group"),
                Arguments.of(ReportModel.RuleChange.class, "diff-result.schema.json", "/$defs/ruleChange"),
                Arguments.of(ReportModel.Effect.class, "diff-result.schema.json", "/$defs/effect"),
                Arguments.of(ReportModel.Exposure.class, "diff-result.schema.json", "/$defs/exposure"),
                Arguments.of(ReportModel.Finding.class, "diff-result.schema.json", "/$defs/finding"),
                Arguments.of(ReportModel.Related.class, "diff-result.schema.json", "/$defs/related"),
                Arguments.of(ReportModel.Flows.class, "diff-result.schema.json", "/$defs/flows"),
                Arguments.of(ReportModel.Decided.class, "diff-result.schema.json", "/$defs/decided"),
                Arguments.of(ReportModel.Cause.class, "diff-result.schema.json", "/$defs/cause"),
                Arguments.of(ReportModel.Box.class, "diff-result.schema.json", "/$defs/box"),
                Arguments.of(ReportModel.Flow.class, "diff-result.schema.json", "/$defs/flow"),
                Arguments.of(ReportModel.Location.class, "diff-result.schema.json", "/$defs/location"),
                Arguments.of(ReportModel.PlanDiff.class, "plan-diff-result.schema.json", ""),
                Arguments.of(ReportModel.Gate.class, "plan-diff-result.schema.json", "/properties/gate"),
                Arguments.of(ReportModel.PlanChange.class, "plan-diff-result.schema.json", "/properties/changes/items"),
                Arguments.of(ReportModel.Audit.class, "audit-result.schema.json", ""),
                Arguments.of(ReportModel.AuditGate.class, "audit-result.schema.json", "/properties/gate"),
                Arguments.of(ReportModel.BaselineRef.class, "audit-result.schema.json", "/properties/baseline/oneOf/0"),
                Arguments.of(ReportModel.AuditSummary.class, "audit-result.schema.json", "/properties/summary"),
                Arguments.of(ReportModel.AuditedRuleset.class, "audit-result.schema.json", "/$defs/ruleset"),
                Arguments.of(ReportModel.RulesetSummary.class, "audit-result.schema.json",
                        "/$defs/ruleset/properties/summary"),
                Arguments.of(ReportModel.Problem.class, "audit-result.schema.json", "/$defs/problem"),
                Arguments.of(ReportModel.AuditFinding.class, "audit-result.schema.json", "/$defs/finding"),
                Arguments.of(ReportModel.SuppressedFinding.class, "audit-result.schema.json", "/$defs/suppressed"),
                Arguments.of(ReportModel.Skipped.class, "audit-result.schema.json", "/$defs/skipped"),
                Arguments.of(ReportModel.BaselineEntry.class, "audit-result.schema.json", "/$defs/baselineEntry"),
                Arguments.of(ReportModel.Related.class, "audit-result.schema.json", "/$defs/related"),
                Arguments.of(ReportModel.Location.class, "audit-result.schema.json", "/$defs/location"),
                Arguments.of(ReportModel.Flow.class, "audit-result.schema.json", "/$defs/flow"),
                Arguments.of(ReportModel.Box.class, "audit-result.schema.json", "/$defs/box"),
                Arguments.of(ReportModel.Trace.class, "trace-result.schema.json", ""),
                Arguments.of(ReportModel.Flow.class, "trace-result.schema.json", "/$defs/flow"),
                Arguments.of(ReportModel.Location.class, "trace-result.schema.json", "/$defs/location"),
                Arguments.of(ReportModel.Cause.class, "trace-result.schema.json", "/$defs/cause"),
                Arguments.of(ReportModel.Path.class, "trace-result.schema.json", "/$defs/path"),
                Arguments.of(ReportModel.Step.class, "trace-result.schema.json", "/$defs/step"));
    }

    /** The schemas accept extra properties (for additive changes), so this test keeps them complete. */
    @ParameterizedTest(name = "{0} in {1}{2}")
    @MethodSource("documentedObjects")
    void the_schema_documents_every_property_in_order(Class<?> type, String schema, String pointer) throws IOException {
        JsonNode node = schemaNode(schema).at(pointer);
        List<String> documented = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : node.get("properties").properties()) {
            documented.add(property.getKey());
        }
        List<String> required = new ArrayList<>();
        node.get("required").forEach(n -> required.add(n.asText()));
        List<String> written = MAPPER.getSerializationConfig()
                .introspect(MAPPER.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(written);
        assertThat(required).containsExactlyInAnyOrderElementsOf(written);
    }
}
