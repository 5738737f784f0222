package io.fwcheck.analysis;

/** The outcome of checking one requirement. */
public enum Verdict {
    /** Proven to hold for every flow it covers. */
    PASS,
    /** Proven violated: at least one flow breaks it, whatever unmodelled conditions do. */
    FAIL,
    /** Holds or not depending on conditions fwcheck does not model. */
    UNKNOWN
}
