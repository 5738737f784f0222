package io.fwcheck.cli;

import picocli.CommandLine.Option;

/** The {@code --color} option of the commands that write text. */
public final class ColorOption {

    /** When to colour text. */
    public enum ColorMode { auto, always, never }

    @Option(names = "--color", paramLabel = "WHEN",
            description = "colour text verdicts: auto (on a terminal unless NO_COLOR is set), always or never"
                    + " (default: ${DEFAULT-VALUE})")
    ColorMode mode = ColorMode.auto;

    /**
     * True when text should carry ANSI colours: {@code always}; or {@code auto} when the text goes to
     * standard output, standard output is a terminal and NO_COLOR is unset or empty.
     */
    boolean colour(Environment env, boolean toStandardOutput) {
        return switch (mode) {
            case always -> true;
            case never -> false;
            case auto -> toStandardOutput && env.terminal() && env.get("NO_COLOR").isEmpty();
        };
    }
}
