package io.fwcheck.format.iptables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real iptables dumps of the shared data folder ({@code ../shared/data/iptables} beside the
 * repository), which a fresh clone does not have: tests read them in place and skip without them.
 */
public final class SharedDumps {

    private SharedDumps() {}

    /** The folder, when present. */
    public static Optional<Path> folder() {
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !Files.exists(repo.resolve("mvnw"))) {
            repo = repo.getParent();
        }
        if (repo == null || repo.getParent() == null) {
            return Optional.empty();
        }
        Path dir = repo.getParent().resolve("shared").resolve("data").resolve("iptables");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** Every file under the folder, sorted by path (LICENSE, README and COMMIT files left out). */
    public static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("LICENSE.*|README.*|COMMIT|MANIFEST.*"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short name for reports: the path under the folder. */
    public static String name(Path dir, Path file) {
        return dir.relativize(file).toString();
    }
}
