package io.fwcheck.format;

import io.fwcheck.model.SourceLocation;

/**
 * Bad input: a ruleset, policy or flow that cannot be read. Carries where (file:line:column), what
 * was wrong and what was expected; the CLI prints {@link #getMessage()} and exits 2.
 */
public final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SourceLocation location;
    private final String problem;
    private final String expected;

    /**
     * @param location where the problem is
     * @param problem what was wrong, e.g. {@code '10.0.0.300' is not an IP address}
     * @param expected what would have been right, e.g. {@code an address like 10.0.2.10}; may be null
     */
    public InputException(SourceLocation location, String problem, String expected) {
        super(format(location, problem, expected));
        this.location = location;
        this.problem = problem;
        this.expected = expected;
    }

    public InputException(SourceLocation location, String problem) {
        this(location, problem, null);
    }

    private static String format(SourceLocation location, String problem, String expected) {
        return location + ": " + problem + (expected == null ? "" : " (expected " + expected + ")");
    }

    public SourceLocation location() {
        return location;
    }

    public String problem() {
        return problem;
    }

    /** What was expected, or null. */
    public String expected() {
        return expected;
    }
}
