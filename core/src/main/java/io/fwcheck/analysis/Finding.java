package io.fwcheck.analysis;

import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One result of a check or a diff, as CI reports show it: what kind, how serious, one line saying
 * what was found, where (the deciding rule in the ruleset, or the ruleset file when its default
 * policy decides), the flows concerned with one witness, related places (the requirement in the
 * policy, the rule before the change) and a fingerprint. The fingerprint is built from content —
 * type, requirement id, rule ids, ruleset name — never from line numbers, so a finding keeps it when
 * lines move.
 *
 * @param type what kind of finding
 * @param severity how serious: the requirement's for requirement findings, else the type's default
 * @param message one line
 * @param location where to look: the deciding rule, the unmodelled construct, or the ruleset file
 * @param rule the id of the rule at {@code location}, or {@code default policy}
 * @param ruleset the name of the ruleset {@code location} is in
 * @param requirement the requirement's id, for requirement findings
 * @param flows the flows concerned (violating, uncertain, opened or blocked); may be empty
 * @param related other places that explain the finding
 * @param fingerprint a stable hash of the finding's content
 */
public record Finding(
        FindingType type,
        Severity severity,
        String message,
        SourceLocation location,
        String rule,
        String ruleset,
        Optional<String> requirement,
        FlowSummary flows,
        List<Related> related,
        String fingerprint) {

    /** A place related to a finding, with what it is. */
    public record Related(SourceLocation location, String message) {}

    /** The name {@link Decision} and {@link RuleRef} give the default policy. */
    public static final String DEFAULT_POLICY = "default policy";

    public Finding {
        if (type == null || severity == null || location == null || rule == null || ruleset == null
                || flows == null || fingerprint == null || fingerprint.isEmpty()) {
            throw new IllegalArgumentException("finding type, severity, location, rule, ruleset, flows and fingerprint"
                    + " are required");
        }
        message = oneLine(message);
        related = List.copyOf(related);
    }

    /** One concrete flow of {@link #flows()}, when there is one. */
    public Optional<Flow> witness() {
        return flows.witness();
    }

    /**
     * A fingerprint from content: SHA-256 over the type id and the parts, as 32 hex digits. Callers
     * pass ids and names only (never line numbers).
     */
    public static String fingerprint(FindingType type, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(type.id().getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // ---- check -------------------------------------------------------------------------------

    /** The findings of a check: one per failed or unknown requirement, in policy order. */
    static List<Finding> of(CheckResult result) {
        List<Finding> out = new ArrayList<>();
        Ruleset ruleset = result.ruleset();
        for (RequirementResult r : result.results()) {
            if (r.verdict() == Verdict.FAIL) {
                out.add(violation(FindingType.REQUIREMENT_VIOLATED, ruleset, r, "fails"));
            } else if (r.verdict() == Verdict.UNKNOWN) {
                out.add(unknown(ruleset, r));
            }
        }
        return out;
    }

    // ---- diff --------------------------------------------------------------------------------

    /**
     * The findings of a diff, located in the ruleset after the change: requirements by status (in
     * policy order), exposures, opened and blocked groups, and uncertain flows.
     */
    static List<Finding> of(DiffResult diff) {
        List<Finding> out = new ArrayList<>();
        Ruleset after = diff.after();
        for (RequirementChange c : diff.requirements()) {
            switch (c.status()) {
                case REGRESSION -> out.add(violation(FindingType.REQUIREMENT_REGRESSION, after, c.after(),
                        "regressed (" + c.before().verdict() + " before, FAIL after)"));
                case STILL_FAILING -> out.add(violation(FindingType.REQUIREMENT_STILL_FAILING, after, c.after(),
                        "still fails"));
                case FIXED -> out.add(fixed(diff, c));
                case UNKNOWN -> out.add(unknown(after, c.after()));
                case PASSING -> { }
            }
        }
        for (Exposure e : diff.exposures()) {
            if (e.exposed()) {
                out.add(exposure(diff, e));
            }
            if (!e.uncertain().isEmpty()) {
                out.add(exposureUnknown(diff, e));
            }
        }
        for (DiffGroup g : diff.acceptedGroups()) {
            out.add(group(FindingType.CHANGE_OPENS_FLOWS, after, g, "newly accepts"));
        }
        for (DiffGroup g : diff.blockedGroups()) {
            out.add(group(FindingType.CHANGE_BLOCKS_FLOWS, after, g, "newly refuses"));
        }
        if (!diff.uncertain().isEmpty()) {
            out.add(changeUncertain(diff));
        }
        return out;
    }

    // ---- builders ----------------------------------------------------------------------------

    private static Finding violation(FindingType type, Ruleset ruleset, RequirementResult r, String verb) {
        Requirement q = r.requirement();
        List<Decision> deciders = r.decidedBy();
        SourceLocation location = deciders.isEmpty() ? ruleset.source() : deciders.get(0).location();
        String rule = deciders.isEmpty() ? DEFAULT_POLICY : deciders.get(0).name();
        List<Related> related = new ArrayList<>();
        related.add(requirementPlace(q));
        for (Decision d : deciders.subList(Math.min(1, deciders.size()), deciders.size())) {
            related.add(new Related(d.location(), "also decided by " + d.name() + " (" + d.action().label() + ")"));
        }
        return new Finding(type, q.severity(), "requirement " + q.id() + " (" + q.text() + ") " + verb + ": "
                + r.message(), location, rule, ruleset.name(), Optional.of(q.id()), r.violation(), related,
                fingerprint(type, q.id(), rule, ruleset.name()));
    }

    private static Finding unknown(Ruleset ruleset, RequirementResult r) {
        Requirement q = r.requirement();
        Severity severity = q.severity().atLeast(Severity.WARNING) ? Severity.WARNING : q.severity();
        List<UnknownCause> causes = r.unknownCauses();
        String rule = causes.isEmpty() ? DEFAULT_POLICY : causes.get(0).rule().id();
        List<Related> related = new ArrayList<>();
        related.add(requirementPlace(q));
        related.addAll(causePlaces(causes, 1));
        String because = causes.isEmpty() ? "" : ": " + causes.get(0);
        FindingType type = FindingType.REQUIREMENT_UNKNOWN;
        return new Finding(type, severity, "requirement " + q.id() + " (" + q.text() + ") is unknown: "
                + r.message() + because, causeLocation(causes, ruleset), rule, ruleset.name(), Optional.of(q.id()),
                r.uncertain(), related, fingerprint(type, q.id(), rule, ruleset.name()));
    }

    private static Finding fixed(DiffResult diff, RequirementChange c) {
        Requirement q = c.requirement();
        Ruleset after = diff.after();
        List<Decision> was = c.before().decidedBy();
        String rule = was.isEmpty() ? DEFAULT_POLICY : was.get(0).name();
        List<Related> related = new ArrayList<>();
        related.add(requirementPlace(q));
        for (Decision d : was) {
            related.add(new Related(d.location(), "before the change, decided by " + d.name()
                    + " (" + d.action().label() + ")"));
        }
        FindingType type = FindingType.REQUIREMENT_FIXED;
        return new Finding(type, type.defaultSeverity(), "requirement " + q.id() + " (" + q.text()
                + ") is fixed (FAIL before, PASS after): " + c.after().message(),
                new SourceLocation(after.source().file(), 0, 0), rule, after.name(), Optional.of(q.id()),
                c.before().violation(), related, fingerprint(type, q.id(), rule, after.name()));
    }

    private static Finding exposure(DiffResult diff, Exposure e) {
        Ruleset after = diff.after();
        List<RuleRef> by = e.decidedBy();
        SourceLocation location = by.isEmpty() ? after.source() : by.get(0).location();
        String rule = by.isEmpty() ? DEFAULT_POLICY : by.get(0).name();
        List<Related> related = new ArrayList<>();
        for (RuleRef r : by.subList(Math.min(1, by.size()), by.size())) {
            related.add(new Related(r.location(), "also accepted by " + r.name()));
        }
        FindingType type = FindingType.NEW_EXPOSURE;
        String names = by.stream().map(RuleRef::name).distinct().reduce((a, b) -> a + ", " + b).orElse(rule);
        return new Finding(type, type.defaultSeverity(), "the change newly accepts connections from "
                + addresses(e.watched()) + ": " + flows(e.flows()) + ", accepted by " + names, location, rule, after.name(), Optional.empty(),
                e.flows(), related,
                fingerprint(type, e.watched().toString(), rule, after.name()));
    }

    private static Finding exposureUnknown(DiffResult diff, Exposure e) {
        Ruleset after = diff.after();
        List<UnknownCause> causes = diff.unknownCauses();
        String rule = causes.isEmpty() ? DEFAULT_POLICY : causes.get(0).rule().id();
        FindingType type = FindingType.EXPOSURE_UNKNOWN;
        String because = causes.isEmpty() ? "" : ": " + causes.get(0);
        return new Finding(type, type.defaultSeverity(), "connections from " + addresses(e.watched())
                + " may be newly accepted, depending on conditions fwcheck does not model (" + boxes(e.uncertain())
                + ")" + because, causeLocation(causes, after), rule, after.name(), Optional.empty(), e.uncertain(),
                causePlaces(causes, 1), fingerprint(type, e.watched().toString(), after.name()));
    }

    private static Finding group(FindingType type, Ruleset after, DiffGroup g, String verb) {
        List<Related> related = List.of(new Related(g.before().location(),
                "before the change, decided by " + g.before().describe()));
        return new Finding(type, type.defaultSeverity(), "the change " + verb + " " + flows(g.flows())
                + "; decided before by " + g.before().describe() + ", after by " + g.after().describe(),
                g.after().location(), g.after().name(), after.name(), Optional.empty(), g.flows(), related,
                fingerprint(type, g.before().name(), g.after().name(), after.name()));
    }

    private static Finding changeUncertain(DiffResult diff) {
        Ruleset after = diff.after();
        List<UnknownCause> causes = diff.unknownCauses();
        String rule = causes.isEmpty() ? DEFAULT_POLICY : causes.get(0).rule().id();
        FindingType type = FindingType.CHANGE_UNCERTAIN;
        String because = causes.isEmpty() ? "" : ": " + causes.get(0);
        return new Finding(type, type.defaultSeverity(), "the verdict of " + boxes(diff.uncertain())
                + " of flows may change, depending on conditions fwcheck does not model" + because,
                causeLocation(causes, after), rule, after.name(), Optional.empty(), diff.uncertain(),
                causePlaces(causes, 1), fingerprint(type, rule, after.name()));
    }

    private static Related requirementPlace(Requirement q) {
        return new Related(q.location(), "requirement " + q.id() + ": " + q.text());
    }

    private static SourceLocation causeLocation(List<UnknownCause> causes, Ruleset ruleset) {
        return causes.isEmpty() ? ruleset.source() : causes.get(0).construct().location();
    }

    private static List<Related> causePlaces(List<UnknownCause> causes, int from) {
        return causes.stream().skip(from).map(c -> new Related(c.construct().location(), c.toString())).toList();
    }

    /** The first box of a set, and how many more there are: {@code tcp 10.0.1.128/25 -> any dport 5432}. */
    private static String flows(FlowSummary flows) {
        if (flows.boxes().isEmpty()) {
            return boxes(flows) + " of flows";
        }
        String first = flows.boxes().get(0).toString();
        return flows.total() == 1 ? first : first + " and " + (flows.total() - 1) + " more " + (flows.total() == 2
                ? "box" : "boxes");
    }

    /** The ranges of a set, {@code 0.0.0.0/0, ::/0} rather than {@code any}. */
    private static String addresses(AddressSet set) {
        return set.ranges().stream().map(AddressRange::toString).collect(Collectors.joining(", "));
    }

    /** {@code 1 box}, {@code 3 boxes}. */
    private static String boxes(FlowSummary flows) {
        return flows.total() + (flows.total() == 1 ? " box" : " boxes");
    }

    private static String oneLine(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("finding message is required");
        }
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
