package io.fwcheck.analysis;

import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the findings of an audit. Their fingerprints are made from content only (the finding
 * type, the ruleset's name, the text of the rule concerned, the requirement or check id), never
 * from rule positions, ids derived from positions or line numbers, so a baseline survives
 * unrelated edits of the ruleset.
 */
final class AuditFindings {

    /** Most related places listed per finding; the message gives the total. */
    static final int MAX_RELATED = 20;

    private AuditFindings() {}

    // ---- anomalies ---------------------------------------------------------------------------

    /** The finding type of an anomaly kind. */
    static FindingType typeOf(Anomaly.Kind kind) {
        return switch (kind) {
            case EMPTY_MATCH -> FindingType.EMPTY_MATCH;
            case SHADOWED -> FindingType.SHADOWED_RULE;
            case REDUNDANT -> FindingType.REDUNDANT_RULE;
            case CONFLICTING_OVERLAP -> FindingType.CONFLICTING_OVERLAP;
        };
    }

    /**
     * The related places of one ruleset's anomalies, each made once per rule and role: the same
     * rules take part in many findings (an early broad rule in hundreds), and a finding only keeps
     * a reference to the shared place. Confined to the thread auditing the ruleset.
     */
    static final class Places {
        private final Map<Rule, Finding.Related> takesFirst = new IdentityHashMap<>();
        private final Map<Rule, Finding.Related> decidesAlike = new IdentityHashMap<>();
    }

    /** An anomaly's finding, its related places taken from (or added to) those already made. */
    static Finding anomaly(Ruleset ruleset, Anomaly a, Places made) {
        Rule rule = a.rule();
        List<Rule> related = a.related();
        FindingType type = typeOf(a.kind());
        return switch (a.kind()) {
            case EMPTY_MATCH -> of(type, type.defaultSeverity(), ruleset, rule,
                    "rule " + name(rule) + " can match no packet: " + (a.excepted()
                            ? "all it matches is excepted from it (by its own exceptions, or by an earlier goto or"
                                    + " RETURN in its chain that takes those packets)"
                            : "its conditions contradict each other"
                                    + (rule.id().contains(">") ? " or those of the rules that lead to it" : "")),
                    a.flows(), List.of());
            case SHADOWED -> of(type, a.actionDiffers() ? Severity.WARNING : Severity.INFO, ruleset,
                    rule, "rule " + name(rule) + " decides no packet: " + list(related) + " take"
                            + (related.size() == 1 ? "s" : "") + " its whole match before it, "
                            + (a.actionDiffers() ? "with another action, so its intent is lost"
                                    : "with the same action, so it is dead weight"),
                    a.flows(), places(related, made.takesFirst, AuditFindings::takesFirst));
            case REDUNDANT -> of(type, type.defaultSeverity(), ruleset,
                    rule, "rule " + name(rule) + " changes no verdict: without it, " + (related.isEmpty()
                            ? "the default policy (" + ruleset.defaultAction().label() + ") decides its packets alike"
                            : "later rules decide its packets alike: " + list(related)),
                    a.flows(), places(related, made.decidesAlike, r -> "decides its packets alike once it is gone ("
                            + r.action().label() + ")"));
            case CONFLICTING_OVERLAP -> of(type, type.defaultSeverity(), ruleset, rule,
                    "rule " + name(rule) + " decides only part of its match: " + list(related) + " with another action"
                            + " take" + (related.size() == 1 ? "s" : "") + " " + flows(a.flows()) + " first",
                    a.flows(), places(related, made.takesFirst, AuditFindings::takesFirst));
        };
    }

    private static String takesFirst(Rule r) {
        return "takes part of its match first (" + r.action().label() + ")";
    }

    // ---- exposure checks ---------------------------------------------------------------------

    /**
     * A check's exposed flows decided by one rule (or, empty, the default policy).
     *
     * @param what what is exposed, e.g. {@code admin ports}
     * @param key what else identifies the finding (the group of an internal-only check), or empty
     */
    static Finding exposure(FindingType check, Ruleset ruleset, Optional<Rule> rule, String what, String key,
            FlowSummary flows, List<Rule> others) {
        String by = rule.map(r -> "rule " + name(r)).orElse("the default policy (" + ruleset.defaultAction().label() + ")");
        String message = what + " are accepted from the internet by " + by + ": " + flows(flows);
        if (check == FindingType.BROAD_ACCEPT) {
            message = by + " takes part in accepting every protocol and port " + what + ": " + flows(flows);
        }
        List<Finding.Related> related =
                places(others, null, r -> "also accepts them (" + r.action().label() + ")");
        SourceLocation location = rule.map(Rule::location).orElse(ruleset.source());
        String ruleId = rule.map(Rule::id).orElse(Finding.DEFAULT_POLICY);
        String text = rule.map(AuditFindings::ruleText).orElse("default " + ruleset.defaultAction().label());
        return new Finding(check, check.defaultSeverity(), message, location, ruleId, ruleset.name(),
                Optional.of(check.id()), flows, related, Finding.fingerprint(check, ruleset.name(), text, key));
    }

    /** Flows a check looks for that may be accepted, depending on unmodelled conditions. */
    static Finding possibleExposure(FindingType check, Ruleset ruleset, String what, String key, FlowSummary flows,
            List<UnknownCause> causes) {
        FindingType type = FindingType.POSSIBLE_EXPOSURE;
        String because = causes.isEmpty() ? "" : ": " + causes.get(0);
        SourceLocation location = causes.isEmpty() ? ruleset.source() : causes.get(0).construct().location();
        String ruleId = causes.isEmpty() ? Finding.DEFAULT_POLICY : causes.get(0).rule().id();
        String text = causes.isEmpty() ? "" : ruleText(causes.get(0).rule());
        List<Finding.Related> related = causes.stream().skip(1).limit(MAX_RELATED)
                .map(c -> new Finding.Related(c.construct().location(), c.toString())).toList();
        String message = check == FindingType.BROAD_ACCEPT
                ? "every protocol and port " + what + " may be accepted, depending on conditions fwcheck does not model"
                : what + " may be accepted from the internet, depending on conditions fwcheck does not model";
        return new Finding(type, type.defaultSeverity(), message + " (" + check.id() + ", " + flows(flows) + ")"
                + because, location, ruleId, ruleset.name(), Optional.of(check.id()), flows, related,
                Finding.fingerprint(type, ruleset.name(), check.id(), key, text));
    }

    // ---- requirements ------------------------------------------------------------------------

    /** A check's requirement finding with a fingerprint of its type, requirement and ruleset name. */
    static Finding requirement(Finding f) {
        return new Finding(f.type(), f.severity(), f.message(), f.location(), f.rule(), f.ruleset(), f.requirement(),
                f.flows(), f.related(), Finding.fingerprint(f.type(), f.ruleset(), f.requirement().orElse("")));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Finding of(FindingType type, Severity severity, Ruleset ruleset, Rule rule, String message,
            FlowSummary flows, List<Finding.Related> related) {
        return new Finding(type, severity, message, rule.location(), rule.id(), ruleset.name(), Optional.empty(), flows,
                related, Finding.fingerprint(type, ruleset.name(), ruleText(rule)));
    }

    private static String name(Rule rule) {
        return rule.id() + " (" + rule.action().label() + ")";
    }

    /** {@code a, b (accept)}, {@code a (accept), b (drop)}, at most three, then how many more. */
    private static String list(List<Rule> rules) {
        boolean sameAction = rules.stream().map(Rule::action).distinct().count() == 1;
        String shown = rules.stream().limit(3).map(r -> sameAction ? r.id() : name(r)).collect(Collectors.joining(", "));
        String more = rules.size() > 3 ? " and " + (rules.size() - 3) + " more" : "";
        return shown + more + (sameAction && !rules.isEmpty() ? " (" + rules.get(0).action().label() + ")" : "");
    }

    /**
     * The places of the first {@link #MAX_RELATED} rules, each {@code id what}: taken from
     * {@code made} when there, else made and added to it (made afresh when {@code made} is null).
     */
    private static List<Finding.Related> places(List<Rule> rules, Map<Rule, Finding.Related> made,
            Function<Rule, String> what) {
        Function<Rule, Finding.Related> place = rule -> new Finding.Related(rule.location(),
                rule.id() + " " + what.apply(rule));
        List<Finding.Related> out = new ArrayList<>(Math.min(MAX_RELATED, rules.size()));
        for (Rule r : rules.subList(0, Math.min(MAX_RELATED, rules.size()))) {
            out.add(made == null ? place.apply(r) : made.computeIfAbsent(r, place));
        }
        return out;
    }

    /** The first box of a set and how many more: {@code tcp 10.0.1.128/25 -> any dport 5432 and 2 more boxes}. */
    static String flows(FlowSummary flows) {
        if (flows.boxes().isEmpty()) {
            return flows.total() + (flows.total() == 1 ? " box" : " boxes") + " of flows";
        }
        String first = flows.boxes().get(0).toString();
        long more = flows.total() - 1;
        return more == 0 ? first : first + " and " + more + " more " + (more == 1 ? "box" : "boxes");
    }

    /**
     * What a rule does as text, independent of its id, comment and place: its action and every
     * condition in a fixed order, exceptions included. Two rules with the same text act alike.
     */
    static String ruleText(Rule rule) {
        return rule.action().label() + " " + matchText(rule.match());
    }

    private static String matchText(Match m) {
        StringBuilder sb = new StringBuilder();
        if (!m.families().equals(EnumSet.allOf(IpFamily.class))) {
            sb.append(" family ").append(m.families().stream().sorted().map(IpFamily::label)
                    .collect(Collectors.joining(",")));
        }
        addresses(sb, "from", m.sources());
        addresses(sb, "to", m.destinations());
        if (!m.protocols().isAll(io.fwcheck.model.Protocol.MAX)) {
            sb.append(" protocol ").append(m.protocols());
        }
        m.sourcePorts().ifPresent(p -> sb.append(" sport ").append(p));
        m.destinationPorts().ifPresent(p -> sb.append(" dport ").append(p));
        m.icmp().ifPresent(p -> sb.append(" icmp ").append(p));
        if (!m.states().equals(EnumSet.allOf(ConnState.class))) {
            sb.append(" state ").append(m.states().stream().sorted().map(ConnState::label)
                    .collect(Collectors.joining(",")));
        }
        m.inInterface().ifPresent(i -> sb.append(" in ").append(i));
        m.outInterface().ifPresent(i -> sb.append(" out ").append(i));
        for (Unmodelled u : m.unmodelled()) {
            sb.append(" unknown [").append(u.construct()).append(']');
        }
        for (Match e : m.except()) {
            sb.append(" except [").append(matchText(e).strip()).append(']');
        }
        return sb.length() == 0 ? "any" : sb.substring(1);
    }

    private static void addresses(StringBuilder sb, String key, AddressSet set) {
        if (!set.isAll()) {
            sb.append(' ').append(key).append(' ')
                    .append(set.ranges().stream().map(AddressRange::toString).collect(Collectors.joining(",")));
        }
    }
}
