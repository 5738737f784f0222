package io.fwcheck.format.yaml;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's sample files are, seen from a test run in any module directory. */
final class Samples {

    private Samples() {}

    /** The repository's {@code rulesets/} directory. */
    static Path rulesets() {
        return root().resolve("rulesets");
    }

    /** The repository's {@code docs/schema/} directory. */
    static Path schemas() {
        return root().resolve("docs").resolve("schema");
    }

    /** A file under {@code core/src/test/resources/format/}. */
    static Path resource(String name) {
        return root().resolve("core/src/test/resources/format").resolve(name);
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("rulesets")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root with rulesets/ above " + Path.of("").toAbsolutePath());
    }
}
