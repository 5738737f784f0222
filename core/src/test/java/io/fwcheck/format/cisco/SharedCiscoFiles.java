package io.fwcheck.format.cisco;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Cisco files of the shared data folder ({@code ../shared/data/other} beside the repository),
 * which a fresh clone does not have: tests read them in place and skip without them.
 */
final class SharedCiscoFiles {

    private SharedCiscoFiles() {}

    /** {@code ../shared/data/other}, when present. */
    static Optional<Path> folder() {
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !Files.exists(repo.resolve("mvnw"))) {
            repo = repo.getParent();
        }
        if (repo == null || repo.getParent() == null) {
            return Optional.empty();
        }
        Path dir = repo.getParent().resolve("shared").resolve("data").resolve("other");
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }
}
