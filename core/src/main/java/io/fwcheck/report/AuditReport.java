package io.fwcheck.report;

import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders an audit for people and CI: text (a per-ruleset summary table, then each ruleset's
 * findings), Markdown (the same as tables for a job summary or comment), GitHub annotations and
 * JUnit XML (a test suite per ruleset, a test case per requirement and check). With a baseline,
 * only new findings are listed and counted. SARIF and JSON are in {@link SarifReport} and
 * {@link JsonReport}.
 */
public final class AuditReport {

    private AuditReport() {}

    // ---- text --------------------------------------------------------------------------------

    /** The text report, ending with a newline; verdict words and severities coloured with {@code color}. */
    public static String text(AuditView view, boolean color) {
        StringWriter out = new StringWriter();
        try {
            text(view, color, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
        return out.toString();
    }

    /**
     * Writes the text report, ending with a newline, a ruleset at a time: a fleet's report can be
     * a hundred megabytes, too much to build as one string first. The writer is neither flushed
     * nor closed.
     */
    public static void text(AuditView view, boolean color, Writer out) throws IOException {
        text(view, color, out, 1);
    }

    /**
     * Writes the text report as {@link #text(AuditView, boolean, Writer)} does, the rulesets' parts
     * rendered on up to {@code threads} threads while the rendered ones are written, in order.
     */
    public static void text(AuditView view, boolean color, Writer out, int threads) throws IOException {
        AuditResult result = view.result();
        StringBuilder sb = new StringBuilder();
        sb.append("fwcheck audit: ").append(DiffGate.count(result.rulesets().size(), "ruleset"));
        result.policy().ifPresent(p -> sb.append(" against ").append(p.source().file()));
        if (!result.skipped().isEmpty()) {
            sb.append(" (").append(DiffGate.count(result.skipped().size(), "file")).append(" skipped: not rulesets)");
        }
        sb.append('\n');
        if (result.isSelective()) {
            sb.append("looking only for: ").append(result.lookedFor().stream()
                    .map(io.fwcheck.analysis.FindingType::id).collect(java.util.stream.Collectors.joining(", ")))
                    .append('\n');
        }
        view.baselineFile().ifPresent(file -> sb.append("baseline ").append(file).append(": ")
                .append(view.countState(Baseline.State.NEW)).append(" new, ")
                .append(view.countState(Baseline.State.UNCHANGED)).append(" unchanged, ")
                .append(view.countState(Baseline.State.ABSENT)).append(" no longer found\n"));
        Verdict verdict = view.verdict();
        String lead = result.hasErrors() ? "ERROR" : verdict.name();
        sb.append(paint(lead, result.hasErrors() ? TextReport.RED : colorOf(verdict), color)).append("  ")
                .append(view.summary()).append("\n\n");
        table(sb, view);

        out.append(sb);
        sb.setLength(0);
        List<RulesetAudit> rulesets = result.rulesets();
        try (OrderedTexts<RulesetAudit> sections = new OrderedTexts<>(rulesets, threads,
                (r, text) -> text.append(section(view, r, color)))) {
            for (int i = 0; i < rulesets.size(); i++) {
                sections.get(i).writeTo(out);
            }
        }
        List<Baseline.Entry> resolved = view.resolved();
        if (!resolved.isEmpty()) {
            sb.append("\nNo longer found (in the baseline):\n");
            for (Baseline.Entry e : resolved) {
                sb.append("  ").append(pad(e.severity().toUpperCase(java.util.Locale.ROOT), 8)).append(' ')
                        .append(e.type()).append("  ").append(e.rule()).append(" (was at ").append(e.location())
                        .append(")\n           ").append(e.message()).append('\n');
            }
        }
        if (!result.skipped().isEmpty()) {
            sb.append("\nSkipped (not rulesets):\n");
            for (AuditResult.SkippedFile s : result.skipped()) {
                sb.append("  ").append(s.file()).append(": ").append(s.reason()).append('\n');
            }
        }
        out.append(sb);
    }

    /** A ruleset's part of the text report: its findings and suppressed ones, or why it could not be read. */
    private static StringBuilder section(AuditView view, RulesetAudit r, boolean color) {
        StringBuilder sb = new StringBuilder();
        List<Finding> reported = view.reported(r);
        if (r.error().isEmpty() && reported.isEmpty() && r.suppressed().isEmpty()) {
            return sb;
        }
        sb.append('\n').append(r.file());
        if (!r.name().isEmpty()) {
            sb.append(" (").append(r.name()).append(')');
        }
        sb.append('\n');
        r.error().ifPresent(e -> sb.append("  ").append(paint("ERROR", TextReport.RED, color)).append("    ")
                .append("cannot be audited: ").append(e.message()).append('\n'));
        for (Finding f : reported) {
            finding(sb, f, color);
        }
        for (RulesetAudit.SuppressedFinding s : r.suppressed()) {
            sb.append("  suppressed ").append(s.finding().type().id()).append(" on ").append(s.finding().rule())
                    .append(": \"").append(s.suppression().reason()).append("\" (")
                    .append(s.suppression().location()).append(")\n");
        }
        return sb;
    }

    /** The summary table: one row per ruleset, then the totals. */
    private static void table(StringBuilder sb, AuditView view) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ruleset", "rules", "error", "warning", "info", "unknown"});
        Function<RulesetAudit, String> labels = view.labels();
        for (RulesetAudit r : view.result().rulesets()) {
            if (r.error().isPresent()) {
                rows.add(new String[] {labels.apply(r), "-", "-", "-", "-", "-"});
            } else {
                rows.add(new String[] {labels.apply(r), Integer.toString(r.rules()),
                        Long.toString(view.count(r, Severity.ERROR)), Long.toString(view.count(r, Severity.WARNING)),
                        Long.toString(view.count(r, Severity.INFO)), Long.toString(view.unknown(r))});
            }
        }
        long rules = view.result().rulesets().stream().mapToLong(RulesetAudit::rules).sum();
        rows.add(new String[] {"total", Long.toString(rules), Long.toString(view.count(Severity.ERROR)),
                Long.toString(view.count(Severity.WARNING)), Long.toString(view.count(Severity.INFO)),
                Long.toString(view.unknown())});
        int[] width = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < 6; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            sb.append(pad(row[0], width[0]));
            for (int i = 1; i < 6; i++) {
                sb.append("  ").append(" ".repeat(width[i] - row[i].length())).append(row[i]);
            }
            sb.append('\n');
        }
    }

    private static void finding(StringBuilder sb, Finding f, boolean color) {
        String indent = " ".repeat(11);
        String severity = f.severity().name();
        sb.append("  ").append(paint(severity, colorOf(f.severity()), color)).append(" ".repeat(9 - severity.length()))
                .append(f.type().id()).append("  ").append(f.rule());
        if (f.location().line() > 0) {
            sb.append(" (").append(f.location()).append(')');
        }
        sb.append('\n').append(indent).append(f.message()).append('\n');
        if (f.flows().boxes().size() > 1) {
            // the message names one box at most: more are listed when --max-boxes asks for them
            TextReport.boxes(sb, indent, "flows: ", f.flows(), false);
        }
        f.witness().ifPresent(w -> sb.append(indent).append("e.g. ").append(w).append('\n'));
        for (Finding.Related r : f.related()) {
            sb.append(indent).append("- ").append(r.message());
            if (r.location().line() > 0) {
                sb.append(" (").append(r.location()).append(')');
            }
            sb.append('\n');
        }
    }

    // ---- Markdown ----------------------------------------------------------------------------

    /** A Markdown report for a job summary or a comment: verdict, summary table, findings tables. */
    public static String markdown(AuditView view) {
        AuditResult result = view.result();
        StringBuilder sb = new StringBuilder();
        Verdict verdict = view.verdict();
        String icon = switch (verdict) {
            case PASS -> "\u2705";
            case FAIL -> "\u274c";
            case UNKNOWN -> "\u26a0\ufe0f";
        };
        sb.append("### ").append(result.hasErrors() ? "\u274c" : icon).append(" fwcheck audit: ")
                .append(result.hasErrors() ? "ERROR" : verdict.name()).append("\n\n")
                .append(MarkdownReport.text(view.summary())).append(" in ")
                .append(DiffGate.count(result.rulesets().size(), "ruleset"));
        result.policy().ifPresent(p -> sb.append(" against ").append(MarkdownReport.code(p.source().file())));
        if (!result.skipped().isEmpty()) {
            sb.append(" (").append(DiffGate.count(result.skipped().size(), "file")).append(" skipped)");
        }
        sb.append(".\n");
        view.baselineFile().ifPresent(file -> sb.append("Baseline ").append(MarkdownReport.code(file)).append(": ")
                .append(view.countState(Baseline.State.NEW)).append(" new, ")
                .append(view.countState(Baseline.State.UNCHANGED)).append(" unchanged, ")
                .append(view.countState(Baseline.State.ABSENT)).append(" no longer found.\n"));
        sb.append("\n| ruleset | rules | error | warning | info | unknown |\n|---|---:|---:|---:|---:|---:|\n");
        Function<RulesetAudit, String> labels = view.labels();
        for (RulesetAudit r : result.rulesets()) {
            if (r.error().isPresent()) {
                sb.append("| ").append(MarkdownReport.cellCode(labels.apply(r))).append(" | cannot be read: ")
                        .append(MarkdownReport.text(r.error().get().message())).append(" | | | | |\n");
                continue;
            }
            sb.append("| ").append(MarkdownReport.cellCode(labels.apply(r))).append(" | ").append(r.rules())
                    .append(" | ")
                    .append(view.count(r, Severity.ERROR)).append(" | ").append(view.count(r, Severity.WARNING))
                    .append(" | ").append(view.count(r, Severity.INFO)).append(" | ").append(view.unknown(r))
                    .append(" |\n");
        }
        boolean any = result.rulesets().stream().anyMatch(r -> !view.reported(r).isEmpty());
        if (any) {
            sb.append("\n#### Findings\n\n| severity | finding | ruleset | rule | message |\n|---|---|---|---|---|\n");
            for (RulesetAudit r : result.rulesets()) {
                for (Finding f : view.reported(r)) {
                    sb.append("| ").append(f.severity().label()).append(" | [").append(f.type().id()).append("](")
                            .append(SarifReport.helpUri(f.type())).append(") | ")
                            .append(MarkdownReport.cellCode(labels.apply(r)))
                            .append(" | ").append(MarkdownReport.cellCode(f.rule()))
                            .append(f.location().line() > 0 ? " line " + f.location().line() : "").append(" | ")
                            .append(MarkdownReport.text(f.message())).append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    // ---- GitHub ------------------------------------------------------------------------------

    /** GitHub workflow commands: one annotation per reported finding, one error per unreadable ruleset. */
    public static String github(AuditView view, ReportContext context) {
        StringBuilder sb = new StringBuilder();
        List<Finding> findings = new ArrayList<>();
        for (RulesetAudit r : view.result().rulesets()) {
            r.error().ifPresent(e -> {
                sb.append("::error ");
                Artifacts.path(e.location().file(), context.workingDirectory())
                        .ifPresent(p -> sb.append("file=").append(GithubReport.property(p)).append(','));
                if (e.location().line() > 0) {
                    sb.append("line=").append(e.location().line()).append(',');
                }
                sb.append("title=").append(GithubReport.property("fwcheck audit: cannot read " + r.file())).append("::")
                        .append(GithubReport.data(e.message())).append('\n');
            });
            findings.addAll(view.reported(r));
        }
        sb.append(GithubReport.annotations(findings, context));
        return sb.toString();
    }

    // ---- JUnit -------------------------------------------------------------------------------

    /**
     * JUnit XML: a test suite per ruleset, with a test case per requirement that applies to it, per
     * exposure check and for its rule anomalies. A case fails on a reported finding of severity
     * error or warning, is an error when one is UNKNOWN or the ruleset cannot be read, and passes
     * otherwise (info findings go to its output).
     */
    public static String junit(AuditView view) {
        List<JunitReport.Suite> suites = new ArrayList<>();
        AuditResult result = view.result();
        for (RulesetAudit r : result.rulesets()) {
            List<JunitReport.TestCase> cases = new ArrayList<>();
            if (r.error().isPresent()) {
                cases.add(new JunitReport.TestCase("read " + r.file(), "error", "ruleset-error", r.error().get().message(),
                        r.error().get().message() + "\n", null));
                suites.add(new JunitReport.Suite(r.file(), Map.of("fwcheck.ruleset.file", r.file()), cases));
                continue;
            }
            Map<String, List<Finding>> byCase = new LinkedHashMap<>();
            result.policy().ifPresent(p -> {
                for (Requirement q : p.requirements()) {
                    if (p.appliesTo(q, r.name(), r.file())) {
                        byCase.put(q.id() + ": " + q.text(), new ArrayList<>());
                    }
                }
            });
            for (FindingType check : List.of(FindingType.ADMIN_PORT_EXPOSED, FindingType.DATABASE_PORT_EXPOSED,
                    FindingType.BROAD_ACCEPT, FindingType.INTERNAL_ONLY_EXPOSED)) {
                byCase.put(check.id() + ": " + check.summary(), new ArrayList<>());
            }
            String anomalies = "rule anomalies: shadowed, redundant, conflicting, empty";
            byCase.put(anomalies, new ArrayList<>());
            for (Finding f : view.reported(r)) {
                String key = switch (f.type()) {
                    case SHADOWED_RULE, REDUNDANT_RULE, CONFLICTING_OVERLAP, EMPTY_MATCH -> anomalies;
                    default -> byCase.keySet().stream()
                            .filter(k -> f.requirement().filter(id -> k.startsWith(id + ": ")).isPresent())
                            .findFirst().orElse(anomalies);
                };
                byCase.get(key).add(f);
            }
            for (Map.Entry<String, List<Finding>> c : byCase.entrySet()) {
                cases.add(testCase(c.getKey(), c.getValue()));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("fwcheck.ruleset.file", r.file());
            properties.put("fwcheck.rules", Integer.toString(r.rules()));
            suites.add(new JunitReport.Suite(r.name().isEmpty() ? r.file() : r.name() + " (" + r.file() + ")",
                    properties, cases));
        }
        return JunitReport.write("fwcheck audit", suites);
    }

    private static JunitReport.TestCase testCase(String name, List<Finding> findings) {
        List<Finding> unknown = findings.stream().filter(RulesetAudit::isUnknown).toList();
        List<Finding> failing = findings.stream()
                .filter(f -> !RulesetAudit.isUnknown(f) && f.severity() != Severity.INFO).toList();
        StringBuilder body = new StringBuilder();
        for (Finding f : findings) {
            body.append(f.severity().label()).append(' ').append(f.type().id()).append(' ').append(f.location())
                    .append(": ").append(f.message()).append('\n');
            f.witness().ifPresent(w -> body.append("  e.g. ").append(w).append('\n'));
        }
        if (!failing.isEmpty()) {
            return new JunitReport.TestCase(name, "failure", failing.get(0).type().id(), failing.get(0).message(),
                    body.toString(), null);
        }
        if (!unknown.isEmpty()) {
            return new JunitReport.TestCase(name, "error", unknown.get(0).type().id(), unknown.get(0).message(),
                    body.toString(), null);
        }
        return new JunitReport.TestCase(name, null, null, null, null, findings.isEmpty() ? null : body.toString());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static String colorOf(Verdict v) {
        return switch (v) {
            case PASS -> TextReport.GREEN;
            case FAIL -> TextReport.RED;
            case UNKNOWN -> TextReport.YELLOW;
        };
    }

    private static String colorOf(Severity s) {
        return switch (s) {
            case ERROR -> TextReport.RED;
            case WARNING -> TextReport.YELLOW;
            case INFO -> "";
        };
    }

    private static String paint(String text, String ansi, boolean color) {
        return color && !ansi.isEmpty() ? ansi + text + TextReport.RESET : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
