package io.fwcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.report.SarifModel.ArtifactLocation;
import io.fwcheck.report.SarifModel.Location;
import io.fwcheck.report.SarifModel.Message;
import io.fwcheck.report.SarifModel.PhysicalLocation;
import io.fwcheck.report.SarifModel.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Renders findings as one SARIF 2.1.0 log for code-scanning tools (GitHub code scanning, IDE
 * viewers): the whole {@link FindingType} catalogue as the driver's rules, one result per finding
 * with its level, message, location (relative to {@code %SRCROOT%}, the working directory),
 * related locations, a content fingerprint and the flows as properties. fwcheck ran successfully
 * whenever a log is written: input errors exit without one.
 */
public final class SarifReport {

    /** Where fwcheck and its rule pages live; helpUri is {@code <REPOSITORY>/blob/main/docs/rules/<id>.md}. */
    public static final String REPOSITORY = "https://github.com/fwcheck/fwcheck";

    /** The key of the fingerprint in {@code partialFingerprints}. */
    public static final String FINGERPRINT_KEY = "fwcheck/v1";

    /** The base id relative artifact URIs resolve against. */
    public static final String SRCROOT = "%SRCROOT%";

    private static final ObjectWriter WRITER = JsonMapper.builder().build().writerFor(SarifModel.Log.class)
            .with(JsonReport.prettyPrinter());
    /** A result where it sits in the log: in the results of the first run of {@code runs}. */
    private static final ObjectWriter RESULT = JsonReport.MAPPER.writerFor(SarifModel.Result.class)
            .with(JsonReport.prettyPrinter(4));

    private SarifReport() {}


    /** The SARIF log of a check, as indented JSON ending with a newline. */
    public static String check(CheckResult result, ReportContext context) {
        return write(log(result.findings(), context));
    }

    /** The SARIF log of a diff (findings in the ruleset after the change), as indented JSON. */
    public static String diff(DiffResult result, ReportContext context) {
        return write(log(result.findings(), context));
    }

    /** The SARIF log of the diffs of a change set: the findings of every changed ruleset. */
    public static String diffs(List<ChangeDiff> diffs, ReportContext context) {
        return write(log(diffs.stream().flatMap(d -> d.result().findings().stream()).toList(), context));
    }

    /**
     * The SARIF log of an audit: every finding with its {@code baselineState} when compared with a
     * baseline, the findings rules suppress (with their reason as an in-source suppression), the
     * baseline's findings no longer found ({@code absent}) when asked for, and the rulesets that
     * could not be read as tool execution notifications.
     */
    public static String audit(AuditView view, ReportContext context) {
        return write(auditLog(view, context));
    }

    /**
     * Writes the SARIF log of an audit as indented JSON ending with a newline, as it is generated
     * (an audit of many rulesets can be hundreds of megabytes). The writer is neither flushed nor
     * closed.
     */
    public static void audit(AuditView view, ReportContext context, Writer out) throws IOException {
        audit(view, context, out, 1);
    }

    /**
     * Writes the SARIF log of an audit as {@link #audit(AuditView, ReportContext, Writer)} does,
     * the results of each ruleset rendered on up to {@code threads} threads while the rendered ones
     * are written, in order.
     */
    public static void audit(AuditView view, ReportContext context, Writer out, int threads) throws IOException {
        List<RulesetAudit> rulesets = view.result().rulesets();
        // the log without its results, in its fields' order; each ruleset's results, then the
        // baseline's findings no longer found, go where the run's list is
        JsonNode head = JsonReport.MAPPER.valueToTree(log(List.of(), context, invocation(view, context)));
        List<Integer> parts = IntStream.rangeClosed(0, rulesets.size()).boxed().toList();
        try (OrderedTexts<Integer> texts = new OrderedTexts<>(parts, threads, (i, text) -> {
            if (i == rulesets.size()) {
                for (Baseline.Entry e : view.resolved()) {
                    RESULT.writeValue(text, absent(e, context));
                    text.endElement();
                }
                return;
            }
            // a ruleset's results, as results(...) makes them, written field by field
            RulesetAudit r = rulesets.get(i);
            SarifResultJson writer = new SarifResultJson(context);
            for (Finding f : r.findings()) {
                result(text, g -> writer.write(g, f, view.result().state(f).map(Baseline.State::label).orElse(null),
                        null, null));
            }
            for (RulesetAudit.SuppressedFinding s : r.suppressed()) {
                result(text, g -> writer.write(g, s.finding(), null, s.suppression().reason(),
                        s.suppression().location()));
            }
        })) {
            StreamedDocument.write(JsonReport.MAPPER, head, List.of("runs", "0", "results"), texts, parts.size(), out);
        }
    }

    /** Writes one result through {@code write} at its place in the log, and ends it. */
    private static void result(OrderedTexts.Chars text, GeneratorWork write) throws IOException {
        try (JsonGenerator g = JsonReport.MAPPER.createGenerator(text)) {
            g.setPrettyPrinter(JsonReport.prettyPrinter(4));
            write.on(g);
        }
        text.endElement();
    }

    /** Something written through a generator. */
    private interface GeneratorWork {
        void on(JsonGenerator g) throws IOException;
    }

    /** GitHub code scanning rejects a SARIF run of more results than this. */
    public static final int CODE_SCANNING_RESULTS = 25_000;

    /**
     * How many results the SARIF log of an audit holds: every ruleset's findings (with a baseline
     * also the unchanged ones) and suppressed findings, and the baseline's absent ones when asked for.
     */
    public static long auditResults(AuditView view) {
        long count = view.resolved().size();
        for (RulesetAudit r : view.result().rulesets()) {
            count += r.findings().size() + r.suppressed().size();
        }
        return count;
    }

    /** The typed SARIF log of an audit. */
    public static SarifModel.Log auditLog(AuditView view, ReportContext context) {
        List<SarifModel.Result> results = new ArrayList<>();
        for (RulesetAudit r : view.result().rulesets()) {
            results.addAll(results(view, r, context));
        }
        for (Baseline.Entry e : view.resolved()) {
            results.add(absent(e, context));
        }
        return log(results, context, invocation(view, context));
    }

    /** A ruleset's results: its findings with their baseline states, then those its rules suppress. */
    private static List<SarifModel.Result> results(AuditView view, RulesetAudit r, ReportContext context) {
        AuditResult result = view.result();
        List<SarifModel.Result> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            results.add(result(f, context).with(result.state(f).map(Baseline.State::label).orElse(null), null));
        }
        for (RulesetAudit.SuppressedFinding s : r.suppressed()) {
            PhysicalLocation where = physical(s.suppression().location(), context);
            results.add(result(s.finding(), context).with(null, List.of(new SarifModel.Suppression("inSource",
                    s.suppression().reason(), where == null ? null : new Location(null, where, null)))));
        }
        return results;
    }

    /** The audit's invocation: successful, or with the rulesets that could not be read. */
    private static SarifModel.Invocation invocation(AuditView view, ReportContext context) {
        List<SarifModel.Notification> failures = new ArrayList<>();
        for (RulesetAudit r : view.result().rulesets()) {
            r.error().ifPresent(e -> {
                PhysicalLocation where = physical(e.location(), context);
                failures.add(new SarifModel.Notification("error", Message.of(e.message()),
                        where == null ? null : List.of(new Location(null, where, null))));
            });
        }
        return new SarifModel.Invocation(failures.isEmpty(), failures.isEmpty() ? null : failures);
    }

    /** A finding of the baseline that is no longer found, where it was. */
    private static SarifModel.Result absent(Baseline.Entry e, ReportContext context) {
        FindingType type = FindingType.byId(e.type());
        Severity severity = Severity.valueOf(e.severity().toUpperCase(java.util.Locale.ROOT));
        PhysicalLocation where = physical(parse(e.location()), context);
        return new SarifModel.Result(type.id(), type.ordinal(), level(severity), Message.of(e.message()),
                where == null ? null : List.of(new Location(null, where, null)), null,
                Map.of(FINGERPRINT_KEY, e.fingerprint()), Baseline.State.ABSENT.label(), null,
                new SarifModel.ResultProperties(e.rule(), null, null, null, null, 0));
    }

    /** {@code file:line:column} (or a bare file) back into a location. */
    private static SourceLocation parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*):([0-9]+):([0-9]+)").matcher(text);
        return m.matches() ? new SourceLocation(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                : new SourceLocation(text, 0, 0);
    }

    private static String write(SarifModel.Log log) {
        try {
            return WRITER.writeValueAsString(log) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typed log of some findings. */
    public static SarifModel.Log log(List<Finding> findings, ReportContext context) {
        return log(findings.stream().map(f -> result(f, context)).toList(), context, new SarifModel.Invocation(true));
    }

    private static SarifModel.Log log(List<SarifModel.Result> results, ReportContext context,
            SarifModel.Invocation invocation) {
        SarifModel.ToolComponent driver = new SarifModel.ToolComponent(JsonReport.TOOL_NAME, context.toolVersion(),
                REPOSITORY, Arrays.stream(FindingType.values()).map(SarifReport::rule).toList());
        SarifModel.Run run = new SarifModel.Run(new SarifModel.Tool(driver), List.of(invocation), "unicodeCodePoints",
                results);
        return new SarifModel.Log(SarifModel.SCHEMA, SarifModel.VERSION, List.of(run));
    }

    /** The catalogue entry of a finding type. */
    static SarifModel.ReportingDescriptor rule(FindingType type) {
        return new SarifModel.ReportingDescriptor(type.id(), name(type), Message.of(type.summary()),
                Message.of(type.help()),
                new Message(type.help() + " See " + type.docsPath() + ".",
                        type.help() + "\n\nSee [" + type.docsPath() + "](" + helpUri(type) + ")."),
                helpUri(type),
                new SarifModel.ReportingConfiguration(level(type.defaultSeverity())));
    }

    /** {@code requirement-violated} → {@code RequirementViolated}. */
    static String name(FindingType type) {
        StringBuilder sb = new StringBuilder();
        for (String word : type.id().split("-")) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.toString();
    }

    /** The rule's page in the repository. */
    public static String helpUri(FindingType type) {
        return REPOSITORY + "/blob/main/" + type.docsPath();
    }

    /** error, warning or note. */
    public static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    private static SarifModel.Result result(Finding f, ReportContext context) {
        List<Location> related = new ArrayList<>();
        for (Finding.Related r : f.related()) {
            PhysicalLocation where = physical(r.location(), context);
            if (where != null) {
                related.add(new Location(related.size() + 1, where, Message.of(r.message())));
            }
        }
        Location primary = new Location(null, physical(f.location(), context), null);
        List<String> boxes = f.flows().boxes().stream().map(FlowBox::toString).toList();
        SarifModel.ResultProperties properties = new SarifModel.ResultProperties(f.rule(), f.ruleset(),
                f.requirement().orElse(null), f.witness().map(Flow::toString).orElse(null), boxes, f.flows().total());
        return new SarifModel.Result(f.type().id(), f.type().ordinal(), level(f.severity()), Message.of(f.message()),
                primary.physicalLocation() == null ? null : List.of(primary),
                related.isEmpty() ? null : related,
                Map.of(FINGERPRINT_KEY, f.fingerprint()), properties);
    }

    /** The file and region of a location, or null when it is not in a file. */
    static PhysicalLocation physical(SourceLocation location, ReportContext context) {
        ArtifactLocation artifact = artifact(location.file(), context);
        return artifact == null ? null : new PhysicalLocation(artifact, region(location));
    }

    /** A file as SARIF names it, or null when the name is not a file. */
    static ArtifactLocation artifact(String file, ReportContext context) {
        return Artifacts.place(file, context.workingDirectory())
                .map(place -> new ArtifactLocation(Artifacts.uri(place).orElseThrow(), place.inside() ? SRCROOT : null))
                .orElse(null);
    }

    /** The line and column of a location, or null when its line is not known. */
    static Region region(SourceLocation location) {
        return location.line() > 0 ? new Region(location.line(), location.column() > 0 ? location.column() : null) : null;
    }
}
