package io.fwcheck.model;

import java.util.List;

/**
 * One rule of an ordered ruleset.
 *
 * @param id the rule's name, unique in its ruleset ({@code allow-app}, {@code INPUT#3})
 * @param action what the rule does with the packets it decides
 * @param match which packets it matches
 * @param comment free text from the ruleset, empty when none
 * @param location where the rule is written
 * @param named true when the id is a name the user gave; false when it was derived from the
 *     rule's position ({@code rule-3}, {@code INPUT#3}), so it shifts when rules are inserted
 * @param suppressions findings about this rule that audits do not report, each with its reason
 * @param standIn true when the input has no such rule: the model adds it to stand in for something
 *     else — a chain's policy (of a base chain that sees only some packets, or a policy the input
 *     does not tell), what another table or the other address family may do to the packets, the
 *     drop half of a rule whose verdict is not known (it may accept, the rule before it, or drop), or
 *     what the format does without a written rule (a cloud's or an ASA's return traffic, a cloud's
 *     default and always-allowed rules). Audits report no rule anomaly of it and leave it out of the
 *     ruleset's rule count.
 */
public record Rule(String id, Action action, Match match, String comment, SourceLocation location, boolean named,
        List<Suppression> suppressions, boolean standIn) {

    /** A rule whose id is a name the user gave. */
    public Rule(String id, Action action, Match match, String comment, SourceLocation location) {
        this(id, action, match, comment, location, true);
    }

    /** A rule without suppressions. */
    public Rule(String id, Action action, Match match, String comment, SourceLocation location, boolean named) {
        this(id, action, match, comment, location, named, List.of());
    }

    /** A rule written in the input. */
    public Rule(String id, Action action, Match match, String comment, SourceLocation location, boolean named,
            List<Suppression> suppressions) {
        this(id, action, match, comment, location, named, suppressions, false);
    }

    /** This rule as one the model adds, not written in the input (see {@link #standIn()}). */
    public Rule asStandIn() {
        return new Rule(id, action, match, comment, location, named, suppressions, true);
    }

    public Rule {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("rule id is required");
        }
        if (action == null || match == null || location == null) {
            throw new IllegalArgumentException("rule action, match and location are required");
        }
        comment = comment == null ? "" : comment;
        suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    }

    /**
     * True when both rules do the same thing to the same packets by the same conditions (id, comment
     * and places aside, those of unmodelled constructs included).
     */
    public boolean sameEffectAs(Rule other) {
        return action == other.action && match.placeless().equals(other.match.placeless());
    }

    /** {@code allow-app (rulesets/x.yaml:12:5)}. */
    public String describe() {
        return location.line() > 0 ? id + " (" + location + ")" : id;
    }
}
