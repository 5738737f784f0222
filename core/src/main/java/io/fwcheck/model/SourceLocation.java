package io.fwcheck.model;

/** A place in an input file: 1-based line and column; {@code file} as the user named it. */
public record SourceLocation(String file, int line, int column) {

    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    public SourceLocation {
        if (file == null) {
            throw new IllegalArgumentException("file is required");
        }
    }

    /** A location in code rather than in a file (rules and policies built with builders). */
    public static SourceLocation code(String what) {
        return new SourceLocation("<" + what + ">", 0, 0);
    }

    /** {@code file:line:column}, or just the file when the line is not known. */
    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
