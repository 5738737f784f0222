package io.fwcheck.format;

import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the ruleset files among paths: a file is taken as it is; a directory is walked (in path
 * order, hidden files and directories left out) for files whose content is a ruleset of a format
 * {@link RulesetFormat} detects, skipping the rest with a reason: policies, the
 * {@code *.expected.yaml} files that state a sample's expected findings, baselines, binaries and
 * any other text.
 */
public final class RulesetFiles {

    /**
     * A file to look at.
     *
     * @param file the file, as named or as found under a named directory
     * @param named true when it was named itself: then it is read as a ruleset whatever it holds
     */
    public record Candidate(Path file, boolean named) {}

    private RulesetFiles() {}

    /**
     * The files named and those under the directories named, in order, each file once: a file
     * named twice, or named and also found under a directory named (by another path to it), is
     * taken at its first place, as named when it was named anywhere.
     *
     * @throws InputException when a directory cannot be walked
     */
    public static List<Candidate> candidates(List<Path> paths) {
        Map<Path, Candidate> out = new LinkedHashMap<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                add(out, new Candidate(path, true));
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(f -> !hidden(path, f) && Files.isRegularFile(f)).sorted()
                        .forEach(f -> add(out, new Candidate(f, false)));
            } catch (IOException | UncheckedIOException e) {
                throw new InputException(new SourceLocation(path.toString(), 0, 0),
                        "cannot read the directory '" + path + "': " + e.getMessage(), "a readable directory");
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<Path, Candidate> out, Candidate candidate) {
        out.merge(identity(candidate.file()), candidate,
                (first, again) -> again.named() && !first.named() ? new Candidate(first.file(), true) : first);
    }

    /** The file itself, whatever path leads to it: its real path, or its normal absolute path when it has none. */
    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** True when a name below the walked directory starts with a dot ({@code .git}, {@code .env}). */
    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Bytes a look for a binary file reads from the start. */
    private static final int BINARY_LOOK = 8192;

    /**
     * True when the file starts with a NUL byte within its first {@value #BINARY_LOOK} bytes, as
     * binary files do and text files never do; false when it cannot be read.
     */
    public static boolean binary(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(BINARY_LOOK);
            for (byte b : start) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Why a file found in a directory is not audited, or empty when it is a ruleset. */
    public static Optional<String> notARuleset(Path file, String text) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".expected.yaml") || name.endsWith(".expected.yml")) {
            return Optional.of("the expected findings of a sample");
        }
        if (text.indexOf('\u0000') >= 0) {
            return Optional.of("a binary file");
        }
        RulesetFormat.Detection detection = RulesetFormat.detect(text);
        if (detection.format().isEmpty()) {
            if (text.contains("\"fwcheck-baseline\"")) {
                return Optional.of("an fwcheck baseline");
            }
            return Optional.of("not a ruleset: " + detection.reason());
        }
        if (detection.format().get() == RulesetFormat.YAML) {
            return switch (YamlRulesetReader.kindOf(text)) {
                case "ruleset" -> Optional.empty();
                case "policy" -> Optional.of("a policy");
                default -> Optional.of("not a ruleset of any format fwcheck reads");
            };
        }
        return Optional.empty();
    }
}
