package io.fwcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that write a report: {@code --format}, {@code --output}, {@code --color}. */
public final class OutputOptions {

    /** Report formats. */
    public enum Format { text, json }

    /** When to colour text. */
    public enum ColorMode { auto, always, never }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "colour text verdicts: auto (on a terminal unless NO_COLOR is set), always or never"
                    + " (default: ${DEFAULT-VALUE})")
    ColorMode color = ColorMode.auto;

    boolean json() {
        return format == Format.json;
    }

    /** Whether text gets ANSI colours here: on this process's terminal and environment. */
    boolean colour() {
        return colour(System.getenv(), System.console() != null);
    }

    /**
     * True when text should carry ANSI colours: {@code always}; or {@code auto} when writing to
     * standard output, standard output is a terminal and NO_COLOR is unset or empty.
     */
    boolean colour(Map<String, String> env, boolean terminal) {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> output == null && terminal
                    && (env.get("NO_COLOR") == null || env.get("NO_COLOR").isEmpty());
        };
    }

    /** The writer for the report: the command's standard output, or the {@code --output} file. */
    Writer open(PrintWriter stdout) {
        if (output == null) {
            return stdout;
        }
        try {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot write '" + output + "': no such directory", ExitCodes.BAD_INPUT);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot write '" + output + "': permission denied", ExitCodes.BAD_INPUT);
        } catch (IOException e) {
            throw new CliException("cannot write '" + output + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

    /** Flushes the report; closes it when it is a file. */
    void close(Writer writer) throws IOException {
        if (output == null) {
            writer.flush();
        } else {
            writer.close();
        }
    }
}
