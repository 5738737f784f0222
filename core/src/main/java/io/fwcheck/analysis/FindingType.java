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
                    + " modelled matches to make the difference exact."),
    SHADOWED_RULE("shadowed-rule",
            "A rule decides no packet: earlier rules take its whole match",
            Severity.WARNING,
            "Earlier rules, possibly several together, match every packet the rule matches, so it never decides"
                    + " anything. The finding names those rules. When one of them does the opposite (accepts what the"
                    + " rule drops, or the reverse) the rule's intent is lost and it is a warning; when they all act"
                    + " alike it is dead weight, an info finding. Move the rule above the rules that cover it, narrow"
                    + " them, or delete it."),
    REDUNDANT_RULE("redundant-rule",
            "Removing a rule changes no verdict",
            Severity.INFO,
            "Every packet the rule decides would be decided the same way by the rules after it, or by the default"
                    + " policy, if it were gone. The finding names the later rules that take over. Delete the rule to"
                    + " keep the ruleset short, or keep it on purpose and suppress the finding with a reason."),
    CONFLICTING_OVERLAP("conflicting-overlap",
            "Earlier rules with the other action take part of a rule's match",
            Severity.INFO,
            "Some packets the rule matches are decided first by earlier rules with the other action (the"
                    + " correlation and generalization anomalies of Al-Shaer and Hamed): the rule only decides the"
                    + " rest. Often intended (an exception before a general rule), sometimes a rule in the wrong"
                    + " place. The finding names the earlier rules and the packets they take."),
    EMPTY_MATCH("empty-match",
            "A rule can match no packet",
            Severity.WARNING,
            "The rule's conditions contradict each other (tcp with an ICMP type, an IPv6 family with IPv4"
                    + " addresses, an empty port list), so it matches nothing and does nothing. Usually a typo: fix"
                    + " the conditions or delete the rule."),
    ADMIN_PORT_EXPOSED("admin-port-exposed",
            "Administrative ports accept new connections from the internet",
            Severity.ERROR,
            "The ruleset accepts new connections from the internet to remote administration services (SSH,"
                    + " telnet, RDP, VNC, WinRM, the Docker and Kubernetes APIs, SNMP). The finding points at the rule"
                    + " that accepts them and gives the flows and one example. Allow these ports from management"
                    + " networks only. The ports and what counts as the internet are set in the policy's audit"
                    + " section."),
    DATABASE_PORT_EXPOSED("database-port-exposed",
            "Database ports accept new connections from the internet",
            Severity.ERROR,
            "The ruleset accepts new connections from the internet to database and cache services (PostgreSQL,"
                    + " MySQL, SQL Server, Oracle, MongoDB, Redis, Elasticsearch, memcached, ...). The finding points at"
                    + " the rule that accepts them. Allow these ports from the application servers only. The ports"
                    + " and what counts as the internet are set in the policy's audit section."),
    BROAD_ACCEPT("broad-accept",
            "Every protocol and port is accepted from a broad source range",
            Severity.WARNING,
            "For some destination, the ruleset accepts new connections of every protocol on every port from a"
                    + " contiguous range of sources at least as wide as the breadth threshold (a /16 for IPv4, a /48"
                    + " for IPv6 unless the policy's audit section says otherwise). The finding points at each rule"
                    + " that takes part. Accept the services that are needed instead."),
    INTERNAL_ONLY_EXPOSED("internal-only-exposed",
            "Addresses the policy marks internal only accept new connections from the internet",
            Severity.ERROR,
            "A group listed under internal-only in the policy's audit section accepts new connections from the"
                    + " internet. The finding names the group and points at the rule that accepts them. Restrict the"
                    + " rule's sources to internal networks."),
    POSSIBLE_EXPOSURE("possible-exposure",
            "An exposure check may fail, depending on conditions fwcheck does not model",
            Severity.WARNING,
            "Flows an exposure check looks for (for example new connections from the internet to an"
                    + " administrative port) are accepted under some reading of conditions fwcheck does not model,"
                    + " and not under another. Nothing is proven exposed, so it is a warning, but the audit exits 3"
                    + " so that a gate never passes on it. The finding names the check and the construct; rewrite the"
                    + " rule with modelled matches so the check can be proven either way.");

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
