package io.fwcheck.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The artifacts this test run was given: fwcheck's packaged jars (or, when the build stopped before
 * packaging, its class directories) and their dependencies, found on the test class path.
 */
final class Artifacts {

    /** fwcheck's modules and the directory each is built in. */
    static final List<String> FWCHECK = List.of("fwcheck-core", "fwcheck-test-fixtures", "fwcheck-cli");

    /** The third-party jars the core module needs at run time. */
    static final List<String> CORE_DEPENDENCIES = List.of("snakeyaml", "jackson-databind", "jackson-core",
            "jackson-annotations");

    /** The jars the test fixtures add: AssertJ and JUnit's API. */
    static final List<String> TESTING_DEPENDENCIES = List.of("assertj-core", "junit-jupiter-api", "junit-platform-commons",
            "opentest4j", "apiguardian-api");

    /** What runs JUnit tests. */
    static final List<String> JUNIT_RUNNER = List.of("junit-jupiter-engine", "junit-platform-engine", "junit-platform-launcher");

    private Artifacts() {}

    static List<Path> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> out = new ArrayList<>();
        for (String element : cp.split(File.pathSeparator)) {
            if (!element.isEmpty()) {
                out.add(Path.of(element));
            }
        }
        return out;
    }

    /**
     * The jar of an artifact ({@code snakeyaml} finds {@code snakeyaml-2.7.jar}); for fwcheck's own
     * modules also their class directory ({@code core/target/classes}).
     */
    static Path of(String artifact) {
        for (Path p : classPath()) {
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && name.startsWith(artifact + "-") && Character.isDigit(name.charAt(artifact.length() + 1))) {
                return p;
            }
            if (FWCHECK.contains(artifact) && Files.isDirectory(p) && p.endsWith(Path.of(moduleDir(artifact), "target", "classes"))) {
                return p;
            }
        }
        throw new IllegalStateException("no " + artifact + " on the test class path " + classPath());
    }

    static List<Path> of(List<String> artifacts) {
        return artifacts.stream().map(Artifacts::of).toList();
    }

    @SafeVarargs
    static List<Path> concat(List<Path>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    static String path(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static String moduleDir(String artifact) {
        return artifact.substring("fwcheck-".length());
    }
}
