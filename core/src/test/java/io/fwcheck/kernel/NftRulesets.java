package io.fwcheck.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the nftables rulesets of the kernel tests are: the repository root, from any module directory. */
final class NftRulesets {

    private NftRulesets() {}

    /** The directory with {@code rulesets/} and {@code pom.xml}. */
    static Path root() {
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
