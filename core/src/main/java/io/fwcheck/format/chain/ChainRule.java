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
 */
public record ChainRule(String id, boolean named, Match match, Target target, String comment, SourceLocation location) {}
