package io.fwcheck.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every fwcheck command; listed in each {@code --help} and in the README. */
public final class ExitCodes {

    /** Every requirement passed (diff: none regressed; trace: every flow has a known verdict). */
    public static final int OK = 0;
    /** A requirement at or above {@code --fail-on} failed (diff: regressed, or a watched range is newly exposed). */
    public static final int FAILED = 1;
    /** Bad command line, invalid input, a file that cannot be read or written, or input too large for the memory. */
    public static final int BAD_INPUT = 2;
    /** Nothing failed, but a verdict is UNKNOWN (a rule uses something fwcheck does not model). */
    public static final int UNKNOWN = 3;
    /** An internal error: a bug in fwcheck. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {}

    /** The exit-code table of the help footers, in code order. */
    static Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put(OK + "", "all requirements pass (diff: none regressed; audit: no new finding at or above --fail-on;"
                + " trace: every flow has a known verdict; convert: the ruleset was written)");
        table.put(FAILED + "", "a requirement at or above --fail-on failed (diff: regressed, or a watched range"
                + " is newly exposed; audit: a new finding at or above --fail-on)");
        table.put(BAD_INPUT + "", "bad command line, invalid input, a file that cannot be read or written, or input"
                + " too large for the memory Java may use (audit: a ruleset could not be read or audited;"
                + " the report is written all the same)");
        table.put(UNKNOWN + "", "nothing failed, but a verdict is UNKNOWN (audit: a new finding is unknown;"
                + " trace: a flow is unknown)");
        table.put(INTERNAL_ERROR + "", "internal error (a bug in fwcheck; please report it)");
        return table;
    }
}
