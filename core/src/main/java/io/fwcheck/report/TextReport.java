package io.fwcheck.report;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.DiffGroup;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Exposure;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementChange.Status;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.RuleChange;
import io.fwcheck.analysis.RuleRef;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.UnknownCause;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders check, diff and trace results as text for people: one block per requirement, sections
 * for what a change does, one line per traced flow. With {@code color}, verdict words get ANSI
 * colours (PASS, passing, fixed and accept green; FAIL, regression, still-failing, drop and reject
 * red; UNKNOWN yellow); without it the text is plain.
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

        StringBuilder sb = new StringBuilder();
        sb.append("fwcheck check: ").append(String.join(" + ", result.ruleset().files()))
                .append(" against ").append(result.policy().source().file()).append('\n');
        for (RequirementResult r : results) {
            requirement(sb, r, statusWidth, idWidth, color);
        }
        sb.append(result.count(Verdict.FAIL)).append(" failed, ")
                .append(result.count(Verdict.PASS)).append(" passed, ")
                .append(result.count(Verdict.UNKNOWN)).append(" unknown\n");
        return sb.toString();
    }

    /**
     * One requirement as the check report shows it: the verdict, id and text, then for a FAIL the
     * message, the violating flows (boxes, their number, an example flow) and the deciding rules
     * with their file:line:column, for an UNKNOWN the uncertain flows and the constructs they
     * depend on. Ends with a newline.
     *
     * @param r the requirement's result
     * @param color true for ANSI colours
     * @return the lines
     */
    public static String requirement(RequirementResult r, boolean color) {
        StringBuilder sb = new StringBuilder();
        requirement(sb, r, r.verdict().name().length() + 2, 0, color);
        return sb.toString();
    }

    private static void requirement(StringBuilder sb, RequirementResult r, int statusWidth, int idWidth, boolean color) {
        String status = r.verdict().name();
        String indent = " ".repeat(statusWidth);
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

    /** The boxes of a set, the first after {@code head} and the others aligned under it. */
    static void boxes(StringBuilder sb, String indent, String head, FlowSummary flows, boolean showEmpty) {
        List<FlowBox> boxes = flows.boxes();
        if (boxes.isEmpty()) {
            if (flows.total() > 0) {
                sb.append(indent).append(head).append(flows.total()).append(flows.total() == 1 ? " box" : " boxes").append(" (list them with --max-boxes)\n");
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

    /** The lines under a failed or unknown requirement (message, flows, deciders or causes), plain. */
    static String details(RequirementResult r, String indent) {
        StringBuilder sb = new StringBuilder();
        if (r.verdict() == Verdict.FAIL) {
            failure(sb, r, indent);
        } else if (r.verdict() == Verdict.UNKNOWN) {
            unknown(sb, r, indent);
        } else {
            sb.append(indent).append(r.message()).append('\n');
        }
        return sb.toString();
    }

    // ---- diff --------------------------------------------------------------------------------

    /**
     * The diff report: a header naming the files, the gate's verdict with the reason, then the
     * requirements before → after (policy order, with the evidence of each regression), the newly
     * blocked and newly accepted flows by (rule before → rule after), the rule changes with their
     * effect, uncertain flows, watched ranges, and a closing count line. Ends with a newline.
     */
    public static String diff(DiffResult result, DiffGate gate, boolean color) {
        StringBuilder sb = new StringBuilder();
        sb.append("fwcheck diff: ").append(String.join(" + ", result.before().files()))
                .append(" -> ").append(String.join(" + ", result.after().files()));
        result.policy().ifPresent(p -> sb.append(" against ").append(p.source().file()));
        sb.append('\n');
        Verdict verdict = gate.verdict(result);
        sb.append(paint(verdict.name(), colorOf(verdict), color)).append("  ").append(gate.summary(result))
                .append('\n');

        if (!result.requirements().isEmpty()) {
            sb.append("\nRequirements:\n");
            requirements(sb, result.requirements(), color);
        }
        sb.append('\n');
        groups(sb, "Newly blocked", result.newlyBlocked(), result.blockedGroups());
        sb.append('\n');
        groups(sb, "Newly accepted", result.newlyAccepted(), result.acceptedGroups());
        sb.append('\n');
        ruleChanges(sb, result);
        if (!result.uncertain().isEmpty()) {
            sb.append('\n');
            sb.append("Uncertain: ").append(boxCount(result.uncertain()))
                    .append(" whose verdict may change, depending on conditions fwcheck does not model\n");
            flowList(sb, "  ", result.uncertain());
            for (UnknownCause c : result.unknownCauses()) {
                sb.append("  because ").append(c).append('\n');
            }
        }
        for (Exposure e : result.exposures()) {
            sb.append('\n');
            exposure(sb, e, color);
        }
        sb.append('\n');
        if (!result.requirements().isEmpty()) {
            sb.append(result.withStatus(Status.REGRESSION).size()).append(" regressed, ")
                    .append(result.withStatus(Status.STILL_FAILING).size()).append(" still failing, ")
                    .append(result.withStatus(Status.FIXED).size()).append(" fixed, ")
                    .append(result.withStatus(Status.UNKNOWN).size()).append(" unknown, ")
                    .append(result.withStatus(Status.PASSING).size()).append(" passing; ");
        }
        sb.append(boxCount(result.newlyBlocked())).append(" newly blocked, ")
                .append(boxCount(result.newlyAccepted())).append(" newly accepted, ")
                .append(DiffGate.count(result.ruleChanges().size(), "rule change")).append('\n');
        return sb.toString();
    }

    /**
     * The report of a change set ({@code fwcheck diff --plan}): a header naming the plan, the
     * gate's verdict over every changed ruleset with the reason, then each changed ruleset's diff
     * report under a line naming it and what changed.
     *
     * @param policy the policy file, or null
     */
    public static String diffs(String plan, String policy, List<ChangeDiff> diffs, DiffGate gate, boolean color) {
        StringBuilder sb = new StringBuilder();
        sb.append("fwcheck diff --plan: ").append(plan);
        if (policy != null) {
            sb.append(" against ").append(policy);
        }
        sb.append('\n');
        Verdict verdict = gate.verdict(diffs);
        sb.append(paint(verdict.name(), colorOf(verdict), color)).append("  ").append(gate.summary(diffs)).append('\n');
        for (ChangeDiff d : diffs) {
            sb.append("\n== ").append(d.change().name()).append(" (").append(d.change().description()).append(")\n");
            sb.append(diff(d.result(), gate, color));
        }
        return sb.toString();
    }

    private static void requirements(StringBuilder sb, List<RequirementChange> changes, boolean color) {
        int idWidth = changes.stream().mapToInt(c -> c.requirement().id().length()).max().orElse(0);
        int statusWidth = changes.stream().mapToInt(c -> c.status().label().length()).max().orElse(0) + 2;
        int verdictsWidth = changes.stream().mapToInt(c -> verdicts(c).length()).max().orElse(0);
        String indent = "  " + " ".repeat(statusWidth);
        for (RequirementChange c : changes) {
            Status status = c.status();
            String label = status.label();
            sb.append("  ").append(paint(label, colorOf(status), color))
                    .append(" ".repeat(statusWidth - label.length()))
                    .append(pad(c.requirement().id(), idWidth)).append("  ")
                    .append(pad(verdicts(c), verdictsWidth)).append("  ")
                    .append(c.requirement().text());
            if (status != Status.PASSING && c.requirement().severity() != Severity.ERROR) {
                sb.append(" [").append(c.requirement().severity().label()).append(']');
            }
            sb.append('\n');
            switch (status) {
                case REGRESSION, STILL_FAILING -> failure(sb, c.after(), indent);
                case UNKNOWN -> unknown(sb, c.after(), indent);
                case FIXED -> sb.append(indent).append("before: ").append(c.before().message()).append('\n');
                case PASSING -> { }
            }
        }
    }

    /** {@code PASS -> FAIL}. */
    static String verdicts(RequirementChange c) {
        return c.before().verdict() + " -> " + c.after().verdict();
    }

    /** A section of flows whose verdict the change turns around, by (rule before → rule after). */
    private static void groups(StringBuilder sb, String title, FlowSummary all, List<DiffGroup> groups) {
        if (all.isEmpty()) {
            sb.append(title).append(": none\n");
            return;
        }
        sb.append(title).append(": ").append(boxCount(all)).append('\n');
        for (DiffGroup g : groups) {
            sb.append("  ").append(g.describe()).append('\n');
            flowList(sb, "      ", g.flows());
        }
    }

    private static void ruleChanges(StringBuilder sb, DiffResult result) {
        List<RuleChange> changes = result.ruleChanges();
        if (changes.isEmpty() && !result.defaultChanged()) {
            sb.append("Rule changes: none\n");
            return;
        }
        sb.append("Rule changes:\n");
        String indent = "  " + " ".repeat("modified  ".length());
        for (RuleChange c : changes) {
            sb.append("  ").append(pad(c.kind().label(), "modified".length())).append("  ").append(describe(c));
            if (!c.hasEffect()) {
                sb.append(uncertain(c, result) ? ": " + MAY_CHANGE + " (see Uncertain)\n" : ": no effect on any packet\n");
                continue;
            }
            sb.append('\n');
            for (DiffGroup g : c.effect()) {
                sb.append(indent).append(effect(g)).append('\n');
            }
        }
        if (result.defaultChanged()) {
            sb.append("  ").append(pad("default", "modified".length())).append("  ")
                    .append(result.before().defaultAction().label()).append(" -> ")
                    .append(result.after().defaultAction().label());
            if (result.after().source().line() > 0) {
                sb.append(" (").append(result.after().source()).append(')');
            }
            List<DiffGroup> byDefault = defaultGroups(result);
            if (byDefault.isEmpty()) {
                sb.append(": no effect on any packet\n");
            } else {
                sb.append('\n');
                for (DiffGroup g : byDefault) {
                    sb.append(indent).append(effect(g)).append('\n');
                }
            }
        }
    }

    /** What a rule change without a certain effect may do when an unmodelled condition of it is in play. */
    static final String MAY_CHANGE = "no certain effect, but it may change verdicts, depending on conditions"
            + " fwcheck does not model";

    /**
     * True when the changed rule (before or after) is behind some of the diff's uncertain flows:
     * then "no effect" is not proven.
     */
    static boolean uncertain(RuleChange c, DiffResult result) {
        return result.unknownCauses().stream().anyMatch(u -> c.before().filter(r -> r.equals(u.rule())).isPresent()
                || c.after().filter(r -> r.equals(u.rule())).isPresent());
    }

    /** The groups decided by the default policy on both sides: the effect of changing it. */
    static List<DiffGroup> defaultGroups(DiffResult result) {
        List<DiffGroup> out = new ArrayList<>();
        for (DiffGroup g : concat(result.blockedGroups(), result.acceptedGroups())) {
            if (g.before().rule().isEmpty() && g.after().rule().isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    /** {@code block-scanner (drop, proposed.yaml:35:5)}, with what changed for modified and moved rules. */
    static String describe(RuleChange c) {
        Rule rule = c.after().or(c::before).orElseThrow();
        StringBuilder sb = new StringBuilder(rule.id()).append(" (").append(rule.action().label());
        if (rule.location().line() > 0) {
            sb.append(", ").append(rule.location());
        }
        sb.append(')');
        if (c.kind() == RuleChange.Kind.MODIFIED) {
            sb.append(", changed: ").append(String.join(", ", c.fields()));
        }
        if (c.kind() == RuleChange.Kind.MOVED && c.before().isPresent() && c.before().get().location().line() > 0) {
            sb.append(", was at ").append(c.before().get().location());
        }
        return sb.toString();
    }

    /** {@code blocks 1 box: allow-app (accept, …) -> block-scanner (drop, …)}. */
    static String effect(DiffGroup g) {
        return (g.after().action().accepts() ? "opens " : "blocks ") + boxCount(g.flows()) + ": " + g.describe();
    }

    private static void exposure(StringBuilder sb, Exposure e, boolean color) {
        sb.append("Exposure of ").append(DiffGate.addresses(e.watched())).append(": ");
        if (e.exposed()) {
            sb.append(paint("newly exposed", RED, color)).append(", ").append(boxCount(e.flows())).append('\n');
            flowList(sb, "  ", e.flows());
            for (RuleRef r : e.decidedBy()) {
                sb.append("  accepted by ").append(r.describe()).append('\n');
            }
        } else {
            sb.append(e.uncertain().isEmpty() ? "not newly exposed\n" : "");
        }
        if (!e.uncertain().isEmpty()) {
            if (e.exposed()) {
                sb.append("  and ");
            }
            sb.append(paint("may be newly exposed", YELLOW, color))
                    .append(", depending on conditions fwcheck does not model\n");
            summary(sb, "  ", "uncertain:", e.uncertain());
        }
    }

    /** The boxes of a set, one per line, then one example flow. */
    private static void flowList(StringBuilder sb, String indent, FlowSummary flows) {
        boxes(sb, indent, "", flows, false);
        flows.witness().ifPresent(w -> sb.append(indent).append("e.g. ").append(w).append('\n'));
    }

    /** {@code 1 box}, {@code 3 boxes}. */
    static String boxCount(FlowSummary flows) {
        return DiffGate.count(flows.total(), "box");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
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
     * {@code accept  tcp 10.0.1.5:40000 -> 10.0.2.10:5432  by allow-app-db (current.yaml:9:5)}; for a
     * ruleset flattened from chains, the line ends with the path through them
     * ({@code  path INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT}). Not thread-safe.
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
            if (r.path().isPresent()) {
                sb.append("  path ").append(r.path().get());
            }
            sb.append('\n');
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static String colorOf(Status s) {
        return switch (s) {
            case PASSING, FIXED -> GREEN;
            case REGRESSION, STILL_FAILING -> RED;
            case UNKNOWN -> YELLOW;
        };
    }

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
