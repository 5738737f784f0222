package io.fwcheck.report;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffGroup;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Exposure;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementChange.Status;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.RuleChange;
import io.fwcheck.analysis.RuleRef;
import io.fwcheck.analysis.UnknownCause;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Rule;
import io.fwcheck.model.SourceLocation;
import java.util.List;

/**
 * Renders results as GitHub-flavoured Markdown for a pull-request comment or a job summary: a
 * verdict line, a table of requirements, what the change blocks and opens by rule pair, the rule
 * changes, and the long lists folded in {@code <details>}. Every piece of user text (ids, names,
 * file names) is escaped for its place: table cells, code spans, HTML summaries, code blocks.
 */
public final class MarkdownReport {

    private static final String FAIL = "\u274c";
    private static final String PASS = "\u2705";
    private static final String UNKNOWN = "\u26a0\ufe0f";
    private static final String ARROW = " \u2192 ";

    private MarkdownReport() {}

    // ---- check -------------------------------------------------------------------------------

    /** The Markdown of a check. */
    public static String check(CheckResult result) {
        StringBuilder sb = new StringBuilder();
        long failed = result.count(Verdict.FAIL);
        long unknown = result.count(Verdict.UNKNOWN);
        String headline = failed > 0 ? DiffGate.count(failed, "requirement") + " failed"
                : unknown > 0 ? DiffGate.count(unknown, "requirement") + " unknown"
                : "all " + DiffGate.count(result.results().size(), "requirement") + " hold";
        sb.append("### ").append(icon(result.verdict())).append(" fwcheck: ").append(headline).append("\n\n");
        sb.append(code(String.join(" + ", result.ruleset().files()))).append(" checked against ")
                .append(code(result.policy().source().file())).append(": ")
                .append(failed).append(" failed, ").append(result.count(Verdict.PASS)).append(" passed, ")
                .append(unknown).append(" unknown.\n\n");
        sb.append("| | requirement | verdict | severity | what it demands |\n|---|---|---|---|---|\n");
        for (RequirementResult r : result.results()) {
            sb.append("| ").append(icon(r.verdict())).append(" | ").append(cellCode(r.requirement().id()))
                    .append(" | ").append(r.verdict()).append(" | ").append(r.requirement().severity().label())
                    .append(" | ").append(text(r.requirement().text())).append(" |\n");
        }
        for (RequirementResult r : result.results()) {
            if (r.verdict() != Verdict.PASS) {
                details(sb, "<code>" + html(r.requirement().id()) + "</code>: " + html(r.message()),
                        TextReport.details(r, ""));
            }
        }
        return sb.toString();
    }

    // ---- diff --------------------------------------------------------------------------------

    /**
     * The Markdown of a change set ({@code fwcheck diff --plan}): the verdict over every changed
     * ruleset, then each one's diff comment under its name.
     *
     * @param policy the policy file, or null
     */
    public static String diffs(String plan, String policy, List<ChangeDiff> diffs, DiffGate gate) {
        StringBuilder sb = new StringBuilder();
        Verdict verdict = gate.verdict(diffs);
        sb.append("## ").append(icon(verdict)).append(" fwcheck: ").append(text(gate.summary(diffs))).append("\n\n");
        sb.append("Plan ").append(code(plan));
        if (policy != null) {
            sb.append(", checked against ").append(code(policy));
        }
        sb.append(".\n");
        for (ChangeDiff d : diffs) {
            sb.append("\n---\n\n**").append(text(d.change().name())).append("**: ").append(text(d.change().description()))
                    .append("\n\n");
            sb.append(diff(d.result(), gate));
        }
        return sb.toString();
    }

    /** The Markdown of a diff: a pull-request comment. */
    public static String diff(DiffResult result, DiffGate gate) {
        StringBuilder sb = new StringBuilder();
        Verdict verdict = gate.verdict(result);
        sb.append("### ").append(icon(verdict)).append(" fwcheck: ").append(text(gate.summary(result))).append("\n\n");
        sb.append("Change from ").append(code(String.join(" + ", result.before().files()))).append(" to ")
                .append(code(String.join(" + ", result.after().files())));
        result.policy().ifPresent(p -> sb.append(", checked against ").append(code(p.source().file())));
        sb.append(".\n");

        if (!result.requirements().isEmpty()) {
            sb.append("\n#### Requirements\n\n");
            sb.append("| | requirement | status | before").append(ARROW)
                    .append("after | severity | what it demands |\n|---|---|---|---|---|---|\n");
            for (RequirementChange c : result.requirements()) {
                sb.append("| ").append(icon(c.status())).append(" | ").append(cellCode(c.requirement().id()))
                        .append(" | ").append(c.status().label()).append(" | ")
                        .append(c.before().verdict()).append(ARROW).append(c.after().verdict()).append(" | ")
                        .append(c.requirement().severity().label()).append(" | ")
                        .append(text(c.requirement().text())).append(" |\n");
            }
            for (RequirementChange c : result.requirements()) {
                String why = switch (c.status()) {
                    case REGRESSION -> "regressed";
                    case STILL_FAILING -> "still fails";
                    case UNKNOWN -> "is unknown";
                    case FIXED, PASSING -> null;
                };
                if (why != null) {
                    details(sb, "Why <code>" + html(c.requirement().id()) + "</code> " + why,
                            TextReport.details(c.after(), ""));
                }
            }
        }

        groups(sb, "Newly blocked", result.newlyBlocked(), result.blockedGroups());
        groups(sb, "Newly accepted", result.newlyAccepted(), result.acceptedGroups());
        ruleChanges(sb, result);
        if (!result.uncertain().isEmpty()) {
            sb.append("\n#### ").append(UNKNOWN).append(" Uncertain: ").append(TextReport.boxCount(result.uncertain()))
                    .append("\n\nThe verdict of these flows may change, depending on conditions fwcheck does not model.\n");
            StringBuilder list = new StringBuilder();
            flowLines(list, "", result.uncertain());
            for (UnknownCause c : result.unknownCauses()) {
                list.append("because ").append(c).append('\n');
            }
            details(sb, "Uncertain flows and their causes", list.toString());
        }
        if (!result.exposures().isEmpty()) {
            sb.append("\n#### Watched source ranges\n\n| | range | result | accepted by |\n|---|---|---|---|\n");
            for (Exposure e : result.exposures()) {
                String what = e.exposed() ? "newly exposed: " + TextReport.boxCount(e.flows())
                        : e.uncertain().isEmpty() ? "not newly exposed" : "may be newly exposed";
                String icon = e.exposed() ? FAIL : e.uncertain().isEmpty() ? PASS : UNKNOWN;
                sb.append("| ").append(icon).append(" | ").append(cellCode(DiffGate.addresses(e.watched())))
                        .append(" | ").append(what).append(" | ")
                        .append(String.join(", ", e.decidedBy().stream().map(r -> cellCode(r.name())).toList()))
                        .append(" |\n");
            }
            for (Exposure e : result.exposures()) {
                if (e.exposed()) {
                    StringBuilder list = new StringBuilder();
                    flowLines(list, "", e.flows());
                    details(sb, "Flows newly accepted from <code>" + html(DiffGate.addresses(e.watched())) + "</code>",
                            list.toString());
                }
            }
        }
        return sb.toString();
    }

    private static void groups(StringBuilder sb, String title, FlowSummary all, List<DiffGroup> groups) {
        if (all.isEmpty()) {
            sb.append("\n#### ").append(title).append(": none\n");
            return;
        }
        sb.append("\n#### ").append(title).append(": ").append(TextReport.boxCount(all)).append("\n\n");
        sb.append("| before the change | after the change | boxes | example |\n|---|---|---|---|\n");
        StringBuilder list = new StringBuilder();
        for (DiffGroup g : groups) {
            sb.append("| ").append(ruleCell(g.before())).append(" | ").append(ruleCell(g.after())).append(" | ")
                    .append(g.flows().total()).append(" | ")
                    .append(g.flows().witness().map(w -> cellCode(w.toString())).orElse("")).append(" |\n");
            list.append(g.describe()).append('\n');
            flowLines(list, "    ", g.flows());
        }
        details(sb, title + " flows", list.toString());
    }

    private static void ruleChanges(StringBuilder sb, DiffResult result) {
        if (result.ruleChanges().isEmpty() && !result.defaultChanged()) {
            sb.append("\n#### Rule changes: none\n");
            return;
        }
        sb.append("\n#### Rule changes\n\n| change | rule | where | effect |\n|---|---|---|---|\n");
        for (RuleChange c : result.ruleChanges()) {
            Rule rule = c.after().or(c::before).orElseThrow();
            String change = c.kind().label() + (c.kind() == RuleChange.Kind.MODIFIED
                    ? " (" + text(String.join(", ", c.fields())) + ")" : "");
            sb.append("| ").append(change).append(" | ").append(cellCode(rule.id())).append(" (")
                    .append(rule.action().label()).append(") | ").append(where(rule.location())).append(" | ")
                    .append(!c.hasEffect() && TextReport.uncertain(c, result) ? TextReport.MAY_CHANGE : effect(c.effect()))
                    .append(" |\n");
        }
        if (result.defaultChanged()) {
            sb.append("| default policy | ").append(result.before().defaultAction().label()).append(ARROW)
                    .append(result.after().defaultAction().label()).append(" | ")
                    .append(where(result.after().source())).append(" | ")
                    .append(effect(TextReport.defaultGroups(result))).append(" |\n");
        }
    }

    private static String effect(List<DiffGroup> groups) {
        if (groups.isEmpty()) {
            return "no effect on any packet";
        }
        return String.join("<br>", groups.stream().map(g -> (g.after().action().accepts() ? "opens " : "blocks ")
                + TextReport.boxCount(g.flows()) + " (" + cellCode(g.before().name()) + ARROW
                + cellCode(g.after().name()) + ")").toList());
    }

    private static String ruleCell(RuleRef r) {
        return cellCode(r.name()) + " (" + r.action().label()
                + (r.location().line() > 0 ? ", " + cellCode(r.location().toString()) : "") + ")";
    }

    private static String where(SourceLocation location) {
        return location.line() > 0 ? cellCode(location.toString()) : cellCode(location.file());
    }

    private static void flowLines(StringBuilder sb, String indent, FlowSummary flows) {
        for (FlowBox b : flows.boxes()) {
            sb.append(indent).append(b).append('\n');
        }
        if (flows.truncated()) {
            sb.append(indent).append("… and ").append(flows.total() - flows.boxes().size())
                    .append(" more (list more with --max-boxes)\n");
        }
        flows.witness().ifPresent(w -> sb.append(indent).append("e.g. ").append(w).append('\n'));
    }

    // ---- escaping ----------------------------------------------------------------------------

    /** A folded block: an HTML summary (already escaped) and plain text shown as a code block. */
    private static void details(StringBuilder sb, String summaryHtml, String plain) {
        sb.append("\n<details><summary>").append(summaryHtml).append("</summary>\n\n")
                .append(fence(plain)).append("\n</details>\n");
    }

    /** Plain text as a fenced code block, with a fence longer than any run of backticks in it. */
    static String fence(String plain) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < plain.length(); i++) {
            run = plain.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String marks = "`".repeat(Math.max(3, longest + 1));
        String body = plain.endsWith("\n") || plain.isEmpty() ? plain : plain + "\n";
        return marks + "text\n" + body + marks + "\n";
    }

    /** User text for Markdown paragraphs and table cells: HTML and Markdown specials escaped, one line. */
    static String text(String plain) {
        StringBuilder sb = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '|' -> sb.append("&#124;");
                case '\n', '\r' -> sb.append(' ');
                case '\\', '`', '*', '_', '[', ']', '#', '~', '!' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** User text as a code span outside tables. */
    static String code(String plain) {
        String oneLine = plain.replace('\n', ' ').replace('\r', ' ');
        int longest = 0;
        int run = 0;
        for (int i = 0; i < oneLine.length(); i++) {
            run = oneLine.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String marks = "`".repeat(longest + 1);
        String pad = longest > 0 || oneLine.startsWith(" ") || oneLine.endsWith(" ") ? " " : "";
        return marks + pad + oneLine + pad + marks;
    }

    /** User text as a code span inside a table cell: pipes escaped as GitHub tables require. */
    static String cellCode(String plain) {
        return code(plain).replace("|", "\\|");
    }

    /** Text for HTML (a details summary). */
    static String html(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace('\n', ' ').replace('\r', ' ');
    }

    private static String icon(Verdict v) {
        return switch (v) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASSING, FIXED -> PASS;
            case REGRESSION, STILL_FAILING -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
