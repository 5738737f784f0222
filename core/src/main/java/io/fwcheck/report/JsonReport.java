package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.RequirementChange.Status;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Severity;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders check, diff and trace results as the versioned JSON documents of {@link ReportModel}
 * (described in {@code docs/json-output.md} and {@code docs/schema/}). A check or a diff is one
 * indented document; traces are JSON Lines, one compact object per flow.
 */
public final class JsonReport {

    /** The name in the {@code tool} object. */
    public static final String TOOL_NAME = "fwcheck";

    /** The mapper of fwcheck's JSON documents: it neither flushes nor closes what it writes to. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerFor(ReportModel.Check.class).with(prettyPrinter());
    private static final ObjectWriter PRETTY_DIFF = MAPPER.writerFor(ReportModel.Diff.class).with(prettyPrinter());
    private static final ObjectWriter PRETTY_PLAN = MAPPER.writerFor(ReportModel.PlanDiff.class).with(prettyPrinter());
    private static final ObjectWriter TRACE = MAPPER.writerFor(ReportModel.Trace.class);
    private static final ObjectWriter PRETTY_AUDIT = MAPPER.writerFor(ReportModel.Audit.class).with(prettyPrinter());

    private JsonReport() {}

    /** Two-space indentation, {@code "key": value}, empty objects and arrays as {@code {}} and {@code []}. */
    static DefaultPrettyPrinter prettyPrinter() {
        return prettyPrinter(0);
    }

    /** The pretty printer of a value {@code depth} levels deep in a document. */
    static DefaultPrettyPrinter prettyPrinter(int depth) {
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter.Indenter indenter = depth == 0 ? lines : new DefaultPrettyPrinter.Indenter() {
            @Override
            public void writeIndentation(JsonGenerator g, int level) throws IOException {
                lines.writeIndentation(g, level + depth);
            }

            @Override
            public boolean isInline() {
                return false;
            }
        };
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    // ---- list --------------------------------------------------------------------------------

    /** {@code fwcheck list --format json}: the rulesets {@code file} holds, read as {@code format}. */
    public static String list(String file, String format, List<RulesetEntry> entries) {
        ReportModel.Listing doc = new ReportModel.Listing(ReportModel.SCHEMA_VERSION, file, format,
                entries.stream().map(ReportModel.ListedRuleset::of).toList());
        try {
            return MAPPER.writer(prettyPrinter()).writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- check -------------------------------------------------------------------------------

    /** The typed check document. */
    public static ReportModel.Check checkDocument(CheckResult result, String toolVersion) {
        Ruleset ruleset = result.ruleset();
        return new ReportModel.Check(
                ReportModel.SCHEMA_VERSION,
                new ReportModel.Tool(TOOL_NAME, toolVersion),
                "check",
                ReportModel.RulesetRef.of(ruleset),
                new ReportModel.PolicyRef(result.policy().source().file()),
                result.verdict().name(),
                new ReportModel.Summary(result.count(Verdict.PASS), result.count(Verdict.FAIL), result.count(Verdict.UNKNOWN)),
                result.results().stream().map(ReportModel.Requirement::of).toList(),
                result.findings().stream().map(ReportModel.Finding::of).toList());
    }

    /** The check document as indented JSON, ending with a newline. */
    public static String check(CheckResult result, String toolVersion) {
        try {
            return PRETTY.writeValueAsString(checkDocument(result, toolVersion)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- diff --------------------------------------------------------------------------------

    /** The typed diff document; its verdict is the gate's. */
    public static ReportModel.Diff diffDocument(DiffResult result, DiffGate gate, String toolVersion) {
        Ruleset before = result.before();
        Ruleset after = result.after();
        return new ReportModel.Diff(
                ReportModel.SCHEMA_VERSION,
                new ReportModel.Tool(TOOL_NAME, toolVersion),
                "diff",
                ReportModel.RulesetRef.of(before),
                ReportModel.RulesetRef.of(after),
                result.policy().map(p -> new ReportModel.PolicyRef(p.source().file())).orElse(null),
                new ReportModel.Gate(gate.failOn().label(), gate.failOnExisting()),
                gate.verdict(result).name(),
                new ReportModel.DiffSummary(
                        result.withStatus(Status.REGRESSION).size(),
                        result.withStatus(Status.STILL_FAILING).size(),
                        result.withStatus(Status.FIXED).size(),
                        result.withStatus(Status.UNKNOWN).size(),
                        result.withStatus(Status.PASSING).size()),
                result.requirements().stream().map(ReportModel.RequirementDiff::of).toList(),
                ReportModel.Flows.of(result.newlyBlocked()),
                result.blockedGroups().stream().map(ReportModel.Group::of).toList(),
                ReportModel.Flows.of(result.newlyAccepted()),
                result.acceptedGroups().stream().map(ReportModel.Group::of).toList(),
                new ReportModel.DefaultAction(before.defaultAction().label(), after.defaultAction().label(),
                        result.defaultChanged(), ReportModel.Location.of(after.source())),
                result.ruleChanges().stream().map(ReportModel.RuleChange::of).toList(),
                ReportModel.Flows.of(result.uncertain()),
                result.unknownCauses().stream().map(ReportModel.Cause::of).toList(),
                result.exposures().stream().map(ReportModel.Exposure::of).toList(),
                result.findings().stream().map(ReportModel.Finding::of).toList());
    }

    /** The diff document as indented JSON, ending with a newline. */
    public static String diff(DiffResult result, DiffGate gate, String toolVersion) {
        try {
            return PRETTY_DIFF.writeValueAsString(diffDocument(result, gate, toolVersion)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document of {@code fwcheck diff --plan}: each changed ruleset's diff; its verdict is the
     * worst of theirs, PASS when nothing changed.
     *
     * @param plan the plan file
     * @param policy the policy file, or null
     */
    public static String diffs(String plan, String policy, List<ChangeDiff> diffs, DiffGate gate, String toolVersion) {
        ReportModel.PlanDiff doc = new ReportModel.PlanDiff(ReportModel.SCHEMA_VERSION,
                new ReportModel.Tool(TOOL_NAME, toolVersion), "diff", plan,
                policy == null ? null : new ReportModel.PolicyRef(policy),
                new ReportModel.Gate(gate.failOn().label(), gate.failOnExisting()),
                Differ.gate(diffs, gate.failOn(), gate.failOnExisting()).name(),
                diffs.stream().map(d -> new ReportModel.PlanChange(d.change().name(), d.change().description(),
                        diffDocument(d.result(), gate, toolVersion))).toList());
        try {
            return PRETTY_PLAN.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- audit -------------------------------------------------------------------------------

    /** The typed audit document: every finding with its baseline state; counts of the reported ones. */
    public static ReportModel.Audit auditDocument(AuditView view, String toolVersion) {
        return auditDocument(view, toolVersion,
                view.result().rulesets().stream().map(r -> auditedRuleset(view, r)).toList());
    }

    private static ReportModel.Audit auditDocument(AuditView view, String toolVersion,
            List<ReportModel.AuditedRuleset> rulesets) {
        AuditResult result = view.result();
        long rules = result.rulesets().stream().mapToLong(RulesetAudit::rules).sum();
        return new ReportModel.Audit(
                ReportModel.SCHEMA_VERSION,
                new ReportModel.Tool(TOOL_NAME, toolVersion),
                "audit",
                result.policy().map(p -> new ReportModel.PolicyRef(p.source().file())).orElse(null),
                new ReportModel.AuditGate(view.failOn().label(),
                        result.lookedFor().stream().map(io.fwcheck.analysis.FindingType::id).toList()),
                view.verdict().name(),
                view.baselineFile().map(file -> new ReportModel.BaselineRef(file, view.countState(Baseline.State.NEW),
                        view.countState(Baseline.State.UNCHANGED), view.countState(Baseline.State.ABSENT)))
                        .orElse(null),
                new ReportModel.AuditSummary(result.rulesets().size(), view.errors(), result.skipped().size(), rules,
                        view.count(Severity.ERROR), view.count(Severity.WARNING), view.count(Severity.INFO),
                        view.unknown(), view.suppressed()),
                rulesets,
                result.skipped().stream().map(s -> new ReportModel.Skipped(s.file(), s.reason())).toList(),
                view.resolved().stream().map(ReportModel.BaselineEntry::of).toList());
    }

    /** One ruleset of the audit document: every finding with its baseline state; counts of the reported ones. */
    private static ReportModel.AuditedRuleset auditedRuleset(AuditView view, RulesetAudit r) {
        AuditResult result = view.result();
        List<ReportModel.AuditFinding> findings = r.findings().stream()
                .map(f -> ReportModel.AuditFinding.of(f, result.state(f).map(Baseline.State::label).orElse(null)))
                .toList();
        List<ReportModel.SuppressedFinding> suppressed = r.suppressed().stream()
                .map(s -> new ReportModel.SuppressedFinding(ReportModel.AuditFinding.of(s.finding(), null),
                        s.suppression().reason(), ReportModel.Location.of(s.suppression().location())))
                .toList();
        return new ReportModel.AuditedRuleset(r.file(), r.name(), r.rules(),
                r.error().map(e -> new ReportModel.Problem(e.message(), ReportModel.Location.of(e.location())))
                        .orElse(null),
                new ReportModel.RulesetSummary(view.count(r, Severity.ERROR), view.count(r, Severity.WARNING),
                        view.count(r, Severity.INFO), view.unknown(r), r.suppressed().size()),
                findings, suppressed);
    }

    /**
     * The typed audit document rendered in one piece, ending with a newline: what the streamed
     * document of {@link #audit(AuditView, String, Writer, int)} equals.
     */
    static String auditInOnePiece(AuditView view, String toolVersion) throws IOException {
        return PRETTY_AUDIT.writeValueAsString(auditDocument(view, toolVersion)) + "\n";
    }

    /** The audit document as indented JSON, ending with a newline. */
    public static String audit(AuditView view, String toolVersion) {
        StringWriter out = new StringWriter();
        try {
            audit(view, toolVersion, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the audit document as indented JSON, ending with a newline, as it is generated, its
     * rulesets rendered on every core: an audit of many rulesets can be hundreds of megabytes, too
     * much to hold as one string. The writer is neither flushed nor closed.
     */
    public static void audit(AuditView view, String toolVersion, Writer out) throws IOException {
        audit(view, toolVersion, out, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes the audit document as {@link #audit(AuditView, String, Writer)} does, its rulesets
     * rendered on up to {@code threads} threads while the rendered ones are written, in order (a
     * few rulesets ahead of the one written at most).
     */
    public static void audit(AuditView view, String toolVersion, Writer out, int threads) throws IOException {
        // the document without its rulesets, in its fields' order; the rulesets go where their list is
        ObjectNode head = MAPPER.valueToTree(auditDocument(view, toolVersion, List.of()));
        List<RulesetAudit> rulesets = view.result().rulesets();
        try (OrderedTexts<RulesetAudit> texts = new OrderedTexts<>(rulesets, threads, (r, text) -> {
            try (JsonGenerator g = MAPPER.createGenerator(text)) {
                g.setPrettyPrinter(prettyPrinter(2));
                new AuditedRulesetJson().write(g, view, r);
            }
            text.endElement();
        })) {
            StreamedDocument.write(MAPPER, head, List.of("rulesets"), texts, rulesets.size(), out);
        }
    }

    // ---- trace -------------------------------------------------------------------------------

    /** The typed trace document of one flow; the default policy's location is the ruleset's. */
    public static ReportModel.Trace traceDocument(TraceResult result, Ruleset ruleset) {
        return ReportModel.Trace.of(result, ruleset.source());
    }

    /** One trace as one compact line of JSON, without the line break. */
    public static String trace(TraceResult result, Ruleset ruleset) {
        try {
            return TRACE.writeValueAsString(traceDocument(result, ruleset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON Lines writer for traces of one ruleset. */
    public static TraceLines traceLines(Ruleset ruleset, Writer out) {
        return new TraceLines(ruleset, out);
    }

    /**
     * Writes one compact JSON object per trace, each followed by {@code '\n'}, into a writer it does
     * not flush per line nor close. It streams the fields of {@link ReportModel.Trace} through the
     * generator (the batch path; tests hold it equal to {@link #trace}), caching each rule's
     * location. Not thread-safe.
     */
    public static final class TraceLines implements AutoCloseable {
        private static final SerializedString FLOW = new SerializedString("flow");
        private static final SerializedString VERDICT = new SerializedString("verdict");
        private static final SerializedString RULE = new SerializedString("rule");
        private static final SerializedString LOCATION = new SerializedString("location");
        private static final SerializedString UNKNOWN_CAUSES = new SerializedString("unknownCauses");
        private static final SerializedString PATH = new SerializedString("path");
        private static final String[] ACTIONS =
                Arrays.stream(Action.values()).map(Action::label).toArray(String[]::new);

        private final Ruleset ruleset;
        private final Writer out;
        private final JsonGenerator generator;
        private final Map<SourceLocation, String> locations = new HashMap<>();
        private final FlowJson flows = new FlowJson();

        private TraceLines(Ruleset ruleset, Writer out) {
            this.ruleset = ruleset;
            this.out = out;
            try {
                this.generator = MAPPER.createGenerator(out);
                this.generator.setRootValueSeparator(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void write(TraceResult result) throws IOException {
            if (!result.unknownCauses().isEmpty() || result.path().isPresent()) {
                TRACE.writeValue(generator, traceDocument(result, ruleset));
                generator.writeRaw('\n');
                return;
            }
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeFieldName(FLOW);
            flows.write(g, result.flow());
            g.writeFieldName(VERDICT);
            g.writeString(verdictLabel(result));
            Rule rule = result.rule().orElse(null);
            if (rule == null) {
                g.writeFieldName(RULE);
                g.writeNull();
            } else {
                g.writeFieldName(RULE);
                g.writeString(rule.id());
            }
            g.writeFieldName(LOCATION);
            g.writeRawValue(location(rule == null ? ruleset.source() : rule.location()));
            g.writeFieldName(UNKNOWN_CAUSES);
            g.writeStartArray();
            g.writeEndArray();
            g.writeFieldName(PATH);
            g.writeNull();
            g.writeEndObject();
            g.writeRaw('\n');
        }

        private String location(SourceLocation location) throws IOException {
            String json = locations.get(location);
            if (json == null) {
                json = MAPPER.writeValueAsString(ReportModel.Location.of(location));
                locations.put(location, json);
            }
            return json;
        }

        private static String verdictLabel(TraceResult result) {
            return result.action().isPresent() ? ACTIONS[result.action().get().ordinal()] : "unknown";
        }

        /** Passes what is buffered on to the writer, and flushes the writer. */
        public void flush() throws IOException {
            generator.flush();
            out.flush();
        }

        /** Flushes; the writer stays open. */
        @Override
        public void close() throws IOException {
            generator.close();
            out.flush();
        }
    }
}
