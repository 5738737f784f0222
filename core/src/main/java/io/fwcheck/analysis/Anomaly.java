package io.fwcheck.analysis;

import io.fwcheck.model.Rule;
import java.util.List;

/**
 * A rule that is dead, pointless or suspicious given the rules around it, computed exactly on
 * the packet space.
 *
 * @param kind what is wrong
 * @param rule the rule it is about
 * @param related the rules that cause it: the earlier rules covering a shadowed rule, the
 *     earlier rules with another action overlapping a rule, the later rules (or none, for the
 *     default policy) taking over a redundant rule's packets
 * @param actionDiffers for a shadowed rule: true when a covering rule does the opposite
 *     (accepts where this rule denies, or the reverse) — likely a mistake, not just dead weight
 * @param flows the packets concerned: those the covering rules take, those the overlap takes,
 *     or those a redundant rule decides
 * @param excepted for an empty match: true when the rule's conditions alone describe packets and
 *     its exceptions take them all (its own, or those a chain's earlier goto or RETURN adds);
 *     false when its conditions contradict each other
 */
public record Anomaly(Kind kind, Rule rule, List<Rule> related, boolean actionDiffers, FlowSummary flows,
        boolean excepted) {

    /** The kinds of anomaly. */
    public enum Kind {
        /** The rule's match is empty: it can match no packet at all. */
        EMPTY_MATCH,
        /** Earlier rules, possibly several together, take every packet the rule matches. */
        SHADOWED,
        /** Removing the rule changes no verdict: what it decides, later rules or the default decide alike. */
        REDUNDANT,
        /** An earlier rule with the other action takes part, but not all, of the rule's match. */
        CONFLICTING_OVERLAP
    }

    public Anomaly {
        related = List.copyOf(related);
    }

    /** An anomaly that is no empty match made by exceptions. */
    public Anomaly(Kind kind, Rule rule, List<Rule> related, boolean actionDiffers, FlowSummary flows) {
        this(kind, rule, related, actionDiffers, flows, false);
    }
}
