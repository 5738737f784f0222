package io.fwcheck.analysis;

import io.fwcheck.model.Severity;

/**
 * The catalogue of what fwcheck reports: each kind of finding has a stable id (never renamed: CI
 * baselines, SARIF rule ids and docs links use it), a one-line summary without a trailing period,
 * a default severity, a help text and a page {@code docs/rules/<id>.md} with an example and the
 * fix.
 */
public enum FindingType {

    REQUIREMENT_VIOLATED("requirement-violated",
            "A requirement of the policy does not hold",
            Severity.ERROR,
            "The ruleset breaks a requirement of the policy: some flows it must accept are not accepted (must-allow),"
                    + " or some flows it must refuse are accepted (must-deny, only-allow). The finding points at the"
                    + " rule (or the default policy) that decides the violating flows and gives one example flow."
                    + " Fix the rule, or the requirement if it is wrong. Its severity is the requirement's."),
    REQUIREMENT_UNKNOWN("requirement-unknown",
            "Whether a requirement holds depends on conditions fwcheck does not model",
            Severity.WARNING,
            "fwcheck could neither prove nor refute a requirement: the flows it is about meet a rule whose"
                    + " match uses a construct fwcheck does not model (an unknown match module, an ipset without its"
                    + " contents). The finding names the construct and where it is written. Nothing is proven"
                    + " broken, so it is a warning, but the command exits 3 so that a gate never passes on it."
                    + " Rewrite the rule with modelled matches, or give fwcheck what it lacks."),
    REQUIREMENT_REGRESSION("requirement-regression",
            "A change breaks a requirement that held before it",
            Severity.ERROR,
            "A requirement held (or was unknown) on the ruleset before the change and fails after it: the change"
                    + " is what breaks it. The finding points at the rule that decides the violating flows after the"
                    + " change, usually a rule the change adds, moves or modifies. Fix the change before deploying"
                    + " it. Its severity is the requirement's; the diff gate fails on it."),
    REQUIREMENT_STILL_FAILING("requirement-still-failing",
            "A requirement fails both before and after a change",
            Severity.ERROR,
            "A requirement already failed before the change and still fails after it. The change did not cause"
                    + " it, so the diff gate only fails on it with --fail-on-existing. Its severity is the"
                    + " requirement's. Fix the ruleset (or the requirement) in a change of its own."),
    REQUIREMENT_FIXED("requirement-fixed",
            "A change makes a failing requirement hold",
            Severity.INFO,
            "A requirement failed before the change and holds after it. Nothing to fix: the note records the"
                    + " improvement so reviewers see it."),
    NEW_EXPOSURE("new-exposure",
            "A change newly accepts connections from a watched source range",
            Severity.ERROR,
            "The change makes the ruleset accept new connections from a source range watched with"
                    + " --fail-on-new-exposure that it did not accept before. The finding lists the newly accepted"
                    + " flows and the rules that accept them. Narrow the rule, or stop watching the range if the"
                    + " exposure is intended."),
    EXPOSURE_UNKNOWN("exposure-unknown",
            "A change may newly accept connections from a watched source range",
            Severity.WARNING,
            "Whether the change newly accepts connections from a watched source range depends on conditions"
                    + " fwcheck does not model. The diff gate is UNKNOWN (exit 3). Rewrite the rule with modelled"
                    + " matches so the exposure can be proven either way."),
    CHANGE_OPENS_FLOWS("change-opens-flows",
            "A change newly accepts flows",
            Severity.INFO,
            "Flows that the ruleset refused before the change and accepts after it, grouped by the rule deciding"
                    + " them before and the rule deciding them after. Informational: check that the opened space"
                    + " is what the change intends."),
    CHANGE_BLOCKS_FLOWS("change-blocks-flows",
            "A change newly refuses flows",
            Severity.INFO,
            "Flows that the ruleset accepted before the change and refuses after it, grouped by the rule deciding"
                    + " them before and the rule deciding them after. Informational: check that nothing needed is"
                    + " among them, and write a must-allow requirement for what must never be blocked."),
    CHANGE_UNCERTAIN("change-uncertain",
            "Whether a change alters some verdicts depends on conditions fwcheck does not model",
            Severity.WARNING,
            "Some flows may be accepted on one side of the change and refused on the other, depending on"
                    + " conditions fwcheck does not model. The finding names the constructs. Rewrite the rules with"
                    + " modelled matches to make the difference exact.");

    /** Where the rule pages live in the repository. */
    public static final String DOCS_DIRECTORY = "docs/rules/";

    private final String id;
    private final String summary;
    private final Severity defaultSeverity;
    private final String help;

    FindingType(String id, String summary, Severity defaultSeverity, String help) {
        this.id = id;
        this.summary = summary;
        this.defaultSeverity = defaultSeverity;
        this.help = help;
    }

    /** The stable id, e.g. {@code requirement-regression}. */
    public String id() {
        return id;
    }

    /** One line, no trailing period. */
    public String summary() {
        return summary;
    }

    /** The severity of its findings unless the requirement behind one says otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** What it finds, why it matters and how to fix it, in a few sentences. */
    public String help() {
        return help;
    }

    /** The page documenting it, relative to the repository root: {@code docs/rules/<id>.md}. */
    public String docsPath() {
        return DOCS_DIRECTORY + id + ".md";
    }

    /** The type with the given id. */
    public static FindingType byId(String id) {
        for (FindingType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no finding type '" + id + "'");
    }
}
