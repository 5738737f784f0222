package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module boundaries, checked on the compiled classes: the command line and the test fixtures
 * use only what the core module exports; nothing in core uses the command line or the test
 * fixtures; the engine uses only the model (no format, analysis or report); the model uses nothing
 * else of fwcheck. The last test shows the check finds a violation.
 */
class ArchitectureTest {

    private static final Path CORE = Artifacts.of("fwcheck-core");

    /** The packages io.fwcheck.core exports, from its module descriptor. */
    private static Set<String> exported() {
        return Dependencies.descriptor(CORE).exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The classes of a jar (or directory) whose package satisfies {@code which}, each with the fwcheck
     * packages it uses that {@code allowed} rejects.
     */
    static List<String> violations(Path classes, Predicate<String> which, Predicate<String> allowed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : Dependencies.classes(classes).entrySet()) {
            if (!which.test(Dependencies.packageOf(c.getKey()))) {
                continue;
            }
            Set<String> bad = new TreeSet<>(Dependencies.fwcheckPackages(c.getValue()));
            bad.removeIf(allowed);
            if (!bad.isEmpty()) {
                out.add(c.getKey() + " uses " + bad);
            }
        }
        return out;
    }

    @Test
    void core_exports_the_api_packages_and_keeps_the_format_readers_internal() {
        assertThat(exported()).containsExactly("io.fwcheck", "io.fwcheck.analysis", "io.fwcheck.engine", "io.fwcheck.format",
                "io.fwcheck.format.yaml", "io.fwcheck.model", "io.fwcheck.report");
        assertThat(Dependencies.descriptor(CORE).packages())
                .contains("io.fwcheck.format.iptables", "io.fwcheck.format.nftables", "io.fwcheck.format.chain");
        assertThat(Dependencies.descriptor(Artifacts.of("fwcheck-test-fixtures")).exports())
                .extracting(ModuleDescriptor.Exports::source).containsExactly("io.fwcheck.testing");
    }

    @Test
    void the_command_line_uses_only_the_exported_api() {
        Set<String> api = exported();
        List<String> found = violations(Artifacts.of("fwcheck-cli"), p -> true, p -> api.contains(p) || p.equals("io.fwcheck.cli"));
        assertThat(found).isEmpty();
        assertThat(Dependencies.classes(Artifacts.of("fwcheck-cli"))).containsKey("io.fwcheck.cli.Main");
    }

    @Test
    void the_test_fixtures_use_only_the_exported_api() {
        Set<String> api = exported();
        assertThat(violations(Artifacts.of("fwcheck-test-fixtures"), p -> true,
                p -> api.contains(p) || p.equals("io.fwcheck.testing"))).isEmpty();
    }

    @Test
    void core_does_not_depend_on_the_command_line_or_the_test_fixtures() {
        Set<String> own = Dependencies.descriptor(CORE).packages();
        assertThat(violations(CORE, p -> true, own::contains)).isEmpty();
    }

    @Test
    void the_engine_depends_on_the_model_only_and_the_model_on_nothing() {
        assertThat(violations(CORE, p -> p.equals("io.fwcheck.engine"),
                p -> p.equals("io.fwcheck.engine") || p.equals("io.fwcheck.model"))).isEmpty();
        assertThat(violations(CORE, p -> p.equals("io.fwcheck.model"), p -> p.equals("io.fwcheck.model"))).isEmpty();
        assertThat(violations(CORE, p -> p.startsWith("io.fwcheck.format"), p -> !p.startsWith("io.fwcheck.report")
                && !p.equals("io.fwcheck"))).isEmpty();
    }

    @Test
    void a_command_reaching_into_a_format_reader_or_an_engine_reading_a_format_is_found(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("io/fwcheck/cli"));
        Files.createDirectories(src.resolve("io/fwcheck/engine"));
        Files.writeString(src.resolve("io/fwcheck/cli/Sneaky.java"), """
                package io.fwcheck.cli;

                final class Sneaky {
                    static Object read(String text) {
                        return io.fwcheck.format.iptables.IptablesReader.read(text, "x",
                                io.fwcheck.format.LoadOptions.defaults());
                    }
                }
                """);
        Files.writeString(src.resolve("io/fwcheck/engine/Tangled.java"), """
                package io.fwcheck.engine;

                import io.fwcheck.format.InputException;
                import java.util.List;

                final class Tangled {
                    List<InputException> errors;
                }
                """);
        Path classes = dir.resolve("classes");
        Java.compile(List.of("-d", classes.toString(), "-cp", Artifacts.path(Artifacts.concat(List.of(CORE),
                Artifacts.of(Artifacts.CORE_DEPENDENCIES)))), Java.sources(src));
        Set<String> api = exported();
        assertThat(violations(classes, p -> p.equals("io.fwcheck.cli"), p -> api.contains(p) || p.equals("io.fwcheck.cli")))
                .containsExactly("io.fwcheck.cli.Sneaky uses [io.fwcheck.format.iptables]");
        assertThat(violations(classes, p -> p.equals("io.fwcheck.engine"),
                p -> p.equals("io.fwcheck.engine") || p.equals("io.fwcheck.model")))
                .containsExactly("io.fwcheck.engine.Tangled uses [io.fwcheck.format]");
    }
}
