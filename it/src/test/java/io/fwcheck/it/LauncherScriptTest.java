package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fwcheck} launcher script's choice of JVM options, run from a copy beside an up-to-date
 * jar with a stand-in {@code java} (under {@code JAVA_HOME}) that prints the arguments it gets.
 */
class LauncherScriptTest {

    /** The tests run in the checkout's root. */
    private static final Path SCRIPT = Path.of("").toAbsolutePath().resolve("fwcheck");
    private static final String COMMON =
            "-XX:+UseParallelGC -XX:InitialRAMPercentage=12.5 -XX:FreqInlineSize=50 -XX:InlineSmallCode=500";
    private static final String AUDIT = COMMON
            + " -XX:NewRatio=2 -XX:-UseAdaptiveGenerationSizePolicyAtMinorCollection -XX:MaxTenuringThreshold=1";

    @TempDir
    Path dir;

    private Path root;
    private Path javaHome;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher script needs /bin/bash");
        assertThat(SCRIPT).isRegularFile();
        root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(SCRIPT, root.resolve("fwcheck"));
        Files.writeString(Files.createDirectories(root.resolve("cli/target")).resolve("fwcheck.jar"), "jar");
        javaHome = dir.resolve("jdk");
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/bash\necho \"$*\"\nexit 7\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void small_inputs_get_the_quick_compiler_alone_large_ones_both_compilers_audits_a_small_young_generation() throws Exception {
        Path small = Files.writeString(dir.resolve("small.yaml"), "rules: []\n");
        Path large = Files.createDirectories(dir.resolve("fleet"));
        Files.write(large.resolve("big.rules"), new byte[9 * 1024 * 1024]);

        assertThat(run(null, "check", small.toString()))
                .isEqualTo(COMMON + " -XX:TieredStopAtLevel=1 -jar " + jar() + " check " + small);
        assertThat(run(null, "audit", large.toString())).isEqualTo(AUDIT + " -jar " + jar() + " audit " + large);
        assertThat(run(null, "audit", small.toString()))
                .isEqualTo(AUDIT + " -XX:TieredStopAtLevel=1 -jar " + jar() + " audit " + small);
        assertThat(run(null, "check", "--policy=" + large.resolve("big.rules"), small.toString()))
                .startsWith(COMMON + " -jar ");
        assertThat(run(null, "--version")).startsWith(COMMON + " -XX:TieredStopAtLevel=1 -jar ");
    }

    @Test
    void fwcheck_java_opts_replaces_the_options_even_when_empty() throws Exception {
        Path small = Files.writeString(dir.resolve("small.yaml"), "rules: []\n");

        assertThat(run("-Xmx1g", "check", small.toString())).isEqualTo("-Xmx1g -jar " + jar() + " check " + small);
        assertThat(run("", "check", small.toString())).isEqualTo("-jar " + jar() + " check " + small);
    }

    private String jar() {
        return root.resolve("cli/target/fwcheck.jar").toString();
    }

    /** Runs the script copy; the stand-in java's exit code 7 must come through. */
    private String run(String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", root.resolve("fwcheck").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.remove("FWCHECK_JAVA_OPTS");
        if (javaOpts != null) {
            env.put("FWCHECK_JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(out).isEqualTo(7);
        return out;
    }
}
