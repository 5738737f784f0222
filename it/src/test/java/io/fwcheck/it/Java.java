package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles with javac (in this JVM) and runs {@code java} (in a new process), as a build tool would. */
final class Java {

    private Java() {}

    /** The {@code .java} files under the directories. */
    static List<Path> sources(Path... dirs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** Compiles for Java 17 with every lint warning an error; fails the test with javac's output. */
    static void compile(List<String> extra, List<Path> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all,-processing", "-Werror", "-encoding", "UTF-8"));
        args.addAll(extra);
        sources.forEach(f -> args.add(f.toString()));
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(args.subList(0, args.size() - sources.size()));
            boolean ok = javac.getTask(out, files, null, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertThat(ok).as("javac %s%n%s", String.join(" ", args), out).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit code and the output (standard output and error together) of a {@code java} run. */
    record Run(int exitCode, String output) {}

    static Run run(Path workingDirectory, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java did not finish: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
