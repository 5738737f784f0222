package io.fwcheck.cli;

import io.fwcheck.report.ReportContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The report options of {@code check} and {@code diff}: {@code --format FORMAT[=FILE]} (repeatable),
 * {@code --output}, {@code --color}. It picks destinations; the command supplies the renderer.
 */
public final class OutputOptions {

    /** Report formats. */
    public enum Format { text, json, sarif, junit, github, markdown }

    /** The environment variable naming GitHub's job summary file. */
    static final String STEP_SUMMARY = "GITHUB_STEP_SUMMARY";

    /**
     * One requested report.
     *
     * @param format the format
     * @param file where it goes; empty for standard output (or {@code --output})
     */
    record Target(Format format, Optional<Path> file) {}

    /** Writes a result in one format. */
    @FunctionalInterface
    interface Renderer {
        void render(Format format, boolean colour, Writer out) throws IOException;

        /** A renderer of each format's whole text. */
        static Renderer ofText(TextRenderer text) {
            return (format, colour, out) -> out.write(text.render(format, colour));
        }
    }

    /** Renders a result in one format as a whole text. */
    @FunctionalInterface
    interface TextRenderer {
        String render(Format format, boolean colour);
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]", converter = TargetConverter.class,
            description = "text (default), json, sarif, junit, github or markdown; FORMAT=FILE writes it to FILE"
                    + " (parent directories are created). Repeatable; at most one FORMAT without a FILE,"
                    + " which goes to standard output or --output")
    List<Target> formats = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the report of the FORMAT without a FILE here instead of standard output")
    Path output;

    @Mixin
    ColorOption color;

    private final Environment env;

    OutputOptions(Environment env) {
        this.env = env;
    }

    /** The context of the CI formats: the version and this process's working directory. */
    ReportContext context(String toolVersion) {
        return new ReportContext(toolVersion, env.workingDirectory());
    }

    /** The requested reports, text to standard output when none. */
    List<Target> targets() {
        return formats.isEmpty() ? List.of(new Target(Format.text, Optional.empty())) : formats;
    }

    /** Rejects combinations that cannot be honoured, before any work is done. */
    void validate(CommandSpec spec) {
        List<Target> targets = targets();
        long toStdout = targets.stream().filter(t -> t.file().isEmpty()).count();
        if (toStdout > 1) {
            throw new ParameterException(spec.commandLine(), "At most one --format can go to "
                    + (output == null ? "standard output" : "--output")
                    + "; write the others to files, e.g. --format sarif=fwcheck.sarif");
        }
        if (output != null && toStdout == 0) {
            throw new ParameterException(spec.commandLine(),
                    "--output is for the --format without a FILE, but every --format has one");
        }
        Set<Path> files = new HashSet<>();
        for (Target t : targets) {
            Path file = t.file().orElse(output);
            if (file != null && !files.add(env.workingDirectory().resolve(file).normalize())) {
                throw new ParameterException(spec.commandLine(), "Two reports would overwrite '" + file + "'");
            }
        }
    }

    /**
     * Renders every requested report and writes it: files first, then standard output (or
     * {@code --output}); with the github format, appends the Markdown report to the job summary
     * named by GITHUB_STEP_SUMMARY when it is set.
     */
    void write(PrintWriter stdout, Renderer renderer) throws IOException {
        Target toStdout = null;
        for (Target t : targets()) {
            if (t.file().isPresent()) {
                boolean colour = t.format() == Format.text && color.colour(env, false);
                write(t.file().get(), t.format(), colour, renderer);
            } else {
                toStdout = t;
            }
        }
        if (targets().stream().anyMatch(t -> t.format() == Format.github)) {
            Optional<String> summary = env.get(STEP_SUMMARY);
            if (summary.isPresent()) {
                try (Writer out = ReportFiles.append(Path.of(summary.get()))) {
                    renderer.render(Format.markdown, false, out);
                }
            }
        }
        if (toStdout != null) {
            boolean colour = toStdout.format() == Format.text && color.colour(env, output == null);
            if (output == null) {
                renderer.render(toStdout.format(), colour, stdout);
                stdout.flush();
            } else {
                write(output, toStdout.format(), colour, renderer);
            }
        }
    }

    /** Writes one report to a new file, as it is rendered. */
    private static void write(Path file, Format format, boolean colour, Renderer renderer) {
        try (Writer out = ReportFiles.create(file)) {
            renderer.render(format, colour, out);
        } catch (IOException e) {
            throw new CliException("cannot write '" + file + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

    /** Parses {@code FORMAT} or {@code FORMAT=FILE}; the format name in any case. */
    static final class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            int eq = value.indexOf('=');
            String name = (eq < 0 ? value : value.substring(0, eq)).toLowerCase(Locale.ROOT);
            Format format;
            try {
                format = Format.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format (expected text, json, sarif, junit,"
                        + " github or markdown, optionally followed by =FILE)");
            }
            if (eq < 0) {
                return new Target(format, Optional.empty());
            }
            String file = value.substring(eq + 1);
            if (file.isEmpty()) {
                throw new TypeConversionException("'" + value + "' has no file after '=' (expected e.g. "
                        + name + "=build/fwcheck." + name + ")");
            }
            try {
                return new Target(format, Optional.of(Path.of(file)));
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + file + "' is not a file name: " + e.getReason());
            }
        }
    }
}
