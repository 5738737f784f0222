package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of every exported package has a Javadoc comment (the javadoc build itself
 * fails on any doclint warning). Read from the sources, which sit beside the compiled modules.
 */
class ApiDocumentationTest {

    private static final Pattern TYPE = Pattern.compile(
            "^\\s*(public|protected)\\s+((static|final|abstract|sealed|non-sealed|strictfp)\\s+)*(class|interface|enum|record|@interface)\\s+\\w+.*");

    /** Public and protected type declarations without a doc comment: {@code file:line: declaration}. */
    static List<String> undocumented(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (TYPE.matcher(lines.get(i)).matches() && !documented(lines, i)) {
                out.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
            }
        }
        return out;
    }

    /** Walks up over annotations to the text before the declaration: a doc comment, or code. */
    private static boolean documented(List<String> lines, int declaration) {
        for (int i = declaration - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.endsWith("*/")) {
                for (int j = i; j >= 0; j--) {
                    String start = lines.get(j).strip();
                    if (start.startsWith("/*")) {
                        return start.startsWith("/**");
                    }
                }
                return false;
            }
            if (line.endsWith(";") || line.endsWith("{") || line.endsWith("}")) {
                return false;
            }
        }
        return false;
    }

    private static List<String> undocumented(Path sources, ModuleDescriptor module) throws IOException {
        List<String> out = new ArrayList<>();
        for (ModuleDescriptor.Exports e : module.exports()) {
            Path dir = sources.resolve(e.source().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                    out.addAll(undocumented(f));
                }
            }
        }
        return out;
    }

    @Test
    void every_exported_type_of_core_and_the_test_fixtures_is_documented() throws IOException {
        assertThat(undocumented(Path.of("core/src/main/java"), Dependencies.descriptor(Artifacts.of("fwcheck-core")))).isEmpty();
        assertThat(undocumented(Path.of("test-fixtures/src/main/java"),
                Dependencies.descriptor(Artifacts.of("fwcheck-test-fixtures")))).isEmpty();
    }

    @Test
    void a_type_without_a_doc_comment_is_found(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("Sample.java");
        Files.writeString(file, """
                package x;

                import java.util.List;

                /** Documented. */
                public final class Sample {

                    /** Documented too. */
                    @Deprecated
                    public record Inner(List<String> names) {}

                    @SuppressWarnings({"unused",
                            "rawtypes"})
                    public enum Bare { A }
                }

                /* not a doc comment */
                public interface Other {}
                """);
        assertThat(undocumented(file)).containsExactly(
                file + ":14: public enum Bare { A }",
                file + ":18: public interface Other {}");
    }
}
