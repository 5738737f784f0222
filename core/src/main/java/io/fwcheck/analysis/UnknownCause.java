package io.fwcheck.analysis;

import io.fwcheck.model.Rule;
import io.fwcheck.model.Unmodelled;

/**
 * Why a verdict is UNKNOWN: a rule whose unmodelled condition may or may not match the flows the
 * verdict depends on.
 */
public record UnknownCause(Rule rule, Unmodelled construct) {

    @Override
    public String toString() {
        return "rule " + rule.id() + " uses " + construct.construct() + " (" + construct.location() + "), which fwcheck does not model";
    }
}
