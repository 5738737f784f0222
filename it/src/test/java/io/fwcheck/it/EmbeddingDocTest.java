package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The Java code in docs/embedding.md, compiled and run: each {@code ```java} block is a compilation
 * unit. A class with {@code main} runs, and when the block is followed by {@code <!-- output -->}
 * and a {@code ```text} block, prints exactly that; a class with JUnit tests runs on the JUnit
 * Platform and all its tests pass; a module declaration compiles against the core module.
 * The working directory is the repository root, as the page assumes.
 */
class EmbeddingDocTest {

    private static final Path DOC = Path.of("docs/embedding.md");
    private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final String OUTPUT_MARK = "<!-- output -->";

    @TempDir
    static Path out;

    /** A java block and the output the page promises for it, or null. */
    record Snippet(int line, String code, String output) {}

    static List<Snippet> snippets(String doc) {
        List<Snippet> out = new ArrayList<>();
        Matcher m = FENCE.matcher(doc);
        List<int[]> spans = new ArrayList<>();
        List<String[]> blocks = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i)[0].equals("java")) {
                continue;
            }
            String output = null;
            if (i + 1 < blocks.size() && blocks.get(i + 1)[0].equals("text")) {
                String between = doc.substring(spans.get(i)[1], spans.get(i + 1)[0]).strip();
                if (between.equals(OUTPUT_MARK)) {
                    output = blocks.get(i + 1)[1];
                }
            }
            int line = (int) doc.substring(0, spans.get(i)[0]).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Snippet(line, blocks.get(i)[1], output));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_java_block_compiles_and_runs_as_the_page_says() throws IOException {
        List<Snippet> snippets = snippets(Files.readString(DOC));
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(5);
        assertThat(snippets).filteredOn(s -> s.output() != null).hasSizeGreaterThanOrEqualTo(3);
        return snippets.stream().map(s -> DynamicTest.dynamicTest("docs/embedding.md:" + s.line(), () -> run(s)));
    }

    private static void run(Snippet s) throws Exception {
        Path dir = out.resolve("line" + s.line());
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        if (s.code().strip().startsWith("module ")) {
            Files.writeString(src.resolve("module-info.java"), s.code());
            Java.compile(List.of("-d", dir.resolve("classes").toString(), "--module-path",
                    Artifacts.path(Artifacts.concat(List.of(Artifacts.of("fwcheck-core")), Artifacts.of(Artifacts.CORE_DEPENDENCIES)))),
                    List.of(src.resolve("module-info.java")));
            return;
        }
        Matcher name = CLASS.matcher(s.code());
        assertThat(name.find()).as("a class in the block at line %d", s.line()).isTrue();
        String className = name.group(1);
        Path file = src.resolve(className + ".java");
        Files.writeString(file, s.code());
        Path classes = dir.resolve("classes");
        Java.compile(List.of("-d", classes.toString(), "-cp", Artifacts.path(Artifacts.classPath())), List.of(file));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, EmbeddingDocTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass(className);
            if (hasMain(type)) {
                String printed = runMain(type);
                if (s.output() != null) {
                    assertThat(printed).as("what the block at line %d prints", s.line()).isEqualTo(s.output());
                }
            } else {
                TestExecutionSummary summary = runTests(type);
                assertThat(summary.getTestsFoundCount()).as("tests in the block at line %d", s.line()).isPositive();
                assertThat(summary.getFailures()).as("failures of the block at line %d", s.line())
                        .extracting(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                        .isEmpty();
            }
        }
    }

    private static boolean hasMain(Class<?> type) {
        try {
            type.getMethod("main", String[].class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static synchronized String runMain(Class<?> type) throws Exception {
        Method main = type.getMethod("main", String[].class);
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static TestExecutionSummary runTests(Class<?> type) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(type)).build(), listener);
        return listener.getSummary();
    }
}
