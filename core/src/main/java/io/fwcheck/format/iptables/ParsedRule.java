package io.fwcheck.format.iptables;

import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import java.util.List;

/**
 * One {@code -A} line as read, before its target is resolved against the table's chains.
 *
 * @param table the table
 * @param chain the chain it is appended to
 * @param position its 1-based position among the chain's rules
 * @param id {@code CHAIN#position}
 * @param alternatives the packets it matches, as matches whose union is the rule's match (one
 *     unless a condition is a disjunction such as {@code multiport --ports})
 * @param target its target, or null when it has none (a rule that only counts)
 * @param comment its {@code -m comment} text, empty when none
 * @param location the line, column 1
 */
record ParsedRule(String table, String chain, int position, String id, List<Match> alternatives, TargetSpec target,
        String comment, SourceLocation location) {

    /**
     * A rule's target as written.
     *
     * @param name the target or chain name
     * @param isGoto true for {@code -g}
     * @param text the target with its options, as written
     * @param options the target's option words
     * @param location where {@code -j}/{@code -g} is
     */
    record TargetSpec(String name, boolean isGoto, String text, List<String> options, SourceLocation location) {}
}
