package io.fwcheck.analysis;

import io.fwcheck.model.Requirement;

/**
 * A requirement evaluated on the ruleset before and after a change.
 *
 * @param requirement the requirement
 * @param before its result on the ruleset before the change
 * @param after its result on the ruleset after the change
 */
public record RequirementChange(Requirement requirement, RequirementResult before, RequirementResult after) {

    /** How a requirement's verdict moved. */
    public enum Status {
        /** Held (or was unknown) before, fails after: the change breaks it. */
        REGRESSION,
        /** Failed before and still fails. */
        STILL_FAILING,
        /** Failed before, holds after. */
        FIXED,
        /** Unknown after the change. */
        UNKNOWN,
        /** Held before and after. */
        PASSING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Status status() {
        Verdict b = before.verdict();
        Verdict a = after.verdict();
        if (a == Verdict.FAIL) {
            return b == Verdict.FAIL ? Status.STILL_FAILING : Status.REGRESSION;
        }
        if (a == Verdict.UNKNOWN) {
            return Status.UNKNOWN;
        }
        return b == Verdict.FAIL ? Status.FIXED : Status.PASSING;
    }
}
