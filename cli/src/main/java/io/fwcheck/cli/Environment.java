package io.fwcheck.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands read from the process around them: environment variables ({@code NO_COLOR},
 * {@code GITHUB_STEP_SUMMARY}), the working directory (the base of relative paths in CI reports)
 * and whether standard output is a terminal. Tests pass their own.
 *
 * @param variables environment variables
 * @param workingDirectory an absolute directory
 * @param terminal whether standard output is a terminal
 */
public record Environment(Map<String, String> variables, Path workingDirectory, boolean terminal) {

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** This process's environment. */
    public static Environment system() {
        return new Environment(System.getenv(), Path.of(""), System.console() != null);
    }

    /** The variable's value when it is set and not empty. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
}
