package io.fwcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the commands read from the process around them: environment variables ({@code NO_COLOR},
 * {@code GITHUB_STEP_SUMMARY}), the working directory (the base of relative paths in CI reports)
 * and whether standard output and standard error are terminals. Tests pass their own.
 *
 * @param variables environment variables
 * @param workingDirectory an absolute directory
 * @param terminal whether standard output is a terminal
 * @param errorTerminal whether standard error is a terminal (where progress bars go)
 */
public record Environment(Map<String, String> variables, Path workingDirectory, boolean terminal,
        boolean errorTerminal) {

    /** An environment whose standard error is a terminal when its standard output is. */
    public Environment(Map<String, String> variables, Path workingDirectory, boolean terminal) {
        this(variables, workingDirectory, terminal, terminal);
    }

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /** This process's environment. */
    public static Environment system() {
        boolean console = System.console() != null;
        return new Environment(System.getenv(), Path.of(""), console, console && errorIsTerminal());
    }

    /**
     * True unless standard error is known not to be a terminal: on Linux, file descriptor 2 must
     * lead to a terminal device. Elsewhere the console's presence decides.
     */
    private static boolean errorIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    /** The variable's value when it is set and not empty. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }
}
