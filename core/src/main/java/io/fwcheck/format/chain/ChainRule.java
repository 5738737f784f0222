package io.fwcheck.format.chain;

import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;

/**
 * One rule of a chain before flattening.
 *
 * @param id the rule's id in its chain ({@code INPUT#3}); flattened rules join ids along the jump path
 * @param named true when the id is stable across edits (a name or handle), false when positional
 * @param match which packets it matches
 * @param target what it does with them
 * @param comment free text, empty when none
 * @param location where it is written
 * @param standIn true when the input has no such rule: the reader adds it to stand in for something
 *     else (see {@link io.fwcheck.model.Rule#standIn()})
 */
public record ChainRule(String id, boolean named, Match match, Target target, String comment, SourceLocation location,
        boolean standIn) {

    /** A rule written in the input. */
    public ChainRule(String id, boolean named, Match match, Target target, String comment, SourceLocation location) {
        this(id, named, match, target, comment, location, false);
    }

    /** This rule as one the reader adds, not written in the input. */
    public ChainRule asStandIn() {
        return new ChainRule(id, named, match, target, comment, location, true);
    }
}
