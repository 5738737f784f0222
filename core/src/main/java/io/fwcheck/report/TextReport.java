package io.fwcheck.report;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.UnknownCause;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders check and trace results as text for people: one block per requirement, one line per
 * traced flow. With {@code color}, verdict words get ANSI colours (PASS and accept green, FAIL,
 * drop and reject red, UNKNOWN yellow); without it the text is plain.
 */
public final class TextReport {

    static final String GREEN = "\u001b[32m";
    static final String RED = "\u001b[31m";
    static final String YELLOW = "\u001b[33m";
    static final String RESET = "\u001b[0m";

    private TextReport() {}

    // ---- check -------------------------------------------------------------------------------

    /**
     * The check report: a header naming the ruleset and policy files, one block per requirement in
     * policy order, and a closing count line. Ends with a newline.
     */
    public static String check(CheckResult result, boolean color) {
        List<RequirementResult> results = result.results();
        int idWidth = results.stream().mapToInt(r -> r.requirement().id().length()).max().orElse(0);
        int statusWidth = results.stream().mapToInt(r -> r.verdict().name().length()).max().orElse(4) + 2;
        String indent = " ".repeat(statusWidth);

        StringBuilder sb = new StringBuilder();
        sb.append("fwcheck check: ").append(result.ruleset().source().file())
                .append(" against ").append(result.policy().source().file()).append('\n');
        for (RequirementResult r : results) {
            String status = r.verdict().name();
            sb.append(paint(status, colorOf(r.verdict()), color))
                    .append(" ".repeat(statusWidth - status.length()))
                    .append(pad(r.requirement().id(), idWidth)).append(' ')
                    .append(r.requirement().text());
            if (r.verdict() != Verdict.PASS && r.requirement().severity() != Severity.ERROR) {
                sb.append(" [").append(r.requirement().severity().label()).append(']');
            }
            sb.append('\n');
            if (r.verdict() == Verdict.FAIL) {
                failure(sb, r, indent);
            } else if (r.verdict() == Verdict.UNKNOWN) {
                unknown(sb, r, indent);
            }
        }
        sb.append(result.count(Verdict.FAIL)).append(" failed, ")
                .append(result.count(Verdict.PASS)).append(" passed, ")
                .append(result.count(Verdict.UNKNOWN)).append(" unknown\n");
        return sb.toString();
    }

    private static void failure(StringBuilder sb, RequirementResult r, String indent) {
        sb.append(indent).append(r.message()).append('\n');
        String label = r.requirement().kind().equals("must-allow") ? "blocked:" : "accepted:";
        summary(sb, indent, label, r.violation());
        for (Decision d : r.decidedBy()) {
            String head = "decided by " + decider(d) + " " + d.action().label() + ": ";
            boxes(sb, indent, head, d.flows(), false);
        }
    }

    private static void unknown(StringBuilder sb, RequirementResult r, String indent) {
        sb.append(indent).append(r.message()).append('\n');
        summary(sb, indent, "uncertain:", r.uncertain());
        for (UnknownCause c : r.unknownCauses()) {
            sb.append(indent).append("because ").append(c).append('\n');
        }
    }

    /** The boxes of a set under a label, then one example flow aligned with them. */
    private static void summary(StringBuilder sb, String indent, String label, FlowSummary flows) {
        String head = label + " ";
        boxes(sb, indent, head, flows, true);
        flows.witness().ifPresent(w -> sb.append(indent).append(pad("e.g.", head.length())).append(w).append('\n'));
    }

    private static void boxes(StringBuilder sb, String indent, String head, FlowSummary flows, boolean showEmpty) {
        List<FlowBox> boxes = flows.boxes();
        if (boxes.isEmpty()) {
            if (flows.total() > 0) {
                sb.append(indent).append(head).append(flows.total()).append(" boxes (list them with --max-boxes)\n");
            } else if (showEmpty) {
                sb.append(indent).append(head).append("none\n");
            }
            return;
        }
        String more = indent + " ".repeat(head.length());
        for (int i = 0; i < boxes.size(); i++) {
            sb.append(i == 0 ? indent + head : more).append(boxes.get(i)).append('\n');
        }
        if (flows.truncated()) {
            sb.append(more).append("… and ").append(flows.total() - boxes.size())
                    .append(" more (list more with --max-boxes)\n");
        }
    }

    private static String decider(Decision d) {
        return d.rule().isPresent() ? d.rule().get().describe() : "the default policy (" + d.location() + ")";
    }

    // ---- trace -------------------------------------------------------------------------------

    /** One traced flow as one line, without the line break. */
    public static String trace(TraceResult result, Ruleset ruleset, boolean color) {
        StringBuilder sb = new StringBuilder(128);
        new TraceFormatter(ruleset, color).append(sb, result);
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** A formatter for many traces of one ruleset (the batch path): it caches each rule's text. */
    public static TraceFormatter traceFormatter(Ruleset ruleset, boolean color) {
        return new TraceFormatter(ruleset, color);
    }

    /**
     * Appends traces as lines such as
     * {@code accept  tcp 10.0.1.5:40000 -> 10.0.2.10:5432  by allow-app-db (current.yaml:9:5)}.
     * Not thread-safe.
     */
    public static final class TraceFormatter {
        private final boolean color;
        private final String defaultSuffix;
        private final Map<Rule, String> suffixes = new IdentityHashMap<>();
        private final String[] verdicts = new String[Action.values().length + 1];

        private TraceFormatter(Ruleset ruleset, boolean color) {
            this.color = color;
            this.defaultSuffix = "  by the default policy (" + ruleset.source() + ")";
            for (Action a : Action.values()) {
                verdicts[a.ordinal()] = paint(a.label(), a.accepts() ? GREEN : RED, color) + " ".repeat(8 - a.label().length());
            }
            verdicts[Action.values().length] = paint("unknown", YELLOW, color) + " ";
        }

        /** Appends the line for one trace, followed by {@code '\n'}. */
        public void append(StringBuilder sb, TraceResult r) {
            sb.append(verdicts[r.action().map(Action::ordinal).orElse(Action.values().length)]);
            FlowText.append(sb, r.flow());
            if (r.isUnknown()) {
                sb.append("  may be decided by ").append(r.rule().map(Rule::describe).orElse("the default policy"));
                String sep = ": ";
                for (UnknownCause c : r.unknownCauses()) {
                    sb.append(sep).append(c);
                    sep = "; ";
                }
            } else if (r.rule().isPresent()) {
                Rule rule = r.rule().get();
                String suffix = suffixes.get(rule);
                if (suffix == null) {
                    suffix = "  by " + rule.describe();
                    suffixes.put(rule, suffix);
                }
                sb.append(suffix);
            } else {
                sb.append(defaultSuffix);
            }
            sb.append('\n');
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static String colorOf(Verdict v) {
        return switch (v) {
            case PASS -> GREEN;
            case FAIL -> RED;
            case UNKNOWN -> YELLOW;
        };
    }

    private static String paint(String text, String ansi, boolean color) {
        return color ? ansi + text + RESET : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
