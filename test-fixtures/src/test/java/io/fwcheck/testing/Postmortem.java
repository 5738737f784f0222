package io.fwcheck.testing;

import io.fwcheck.Fwcheck;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's postmortem sample, seen from a test run in any module directory. */
final class Postmortem {

    private Postmortem() {}

    static Path dir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("rulesets/postmortem"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no rulesets/postmortem above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("rulesets/postmortem");
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static Ruleset ruleset(String name) {
        return Fwcheck.loadRuleset(file(name));
    }

    static Policy policy() {
        return Fwcheck.loadPolicy(file("policy.yaml"));
    }
}
