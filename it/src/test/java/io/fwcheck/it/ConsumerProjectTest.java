package io.fwcheck.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample consumer project (samples/consumer) built from outside fwcheck's reactor, the way a
 * user's build sees fwcheck: its module {@code com.example.firewall} requires
 * {@code io.fwcheck.core}, and its tests {@code io.fwcheck.testing}, all on the module path, against
 * fwcheck's packaged jars. Its main program checks the sample rulesets; its tests run on the JUnit
 * Platform, one dynamic test per requirement.
 */
class ConsumerProjectTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SAMPLE = ROOT.resolve("samples/consumer");
    private static final String MODULE = "com.example.firewall";

    @TempDir
    static Path out;

    private static List<Path> coreModules() {
        return Artifacts.concat(List.of(Artifacts.of("fwcheck-core")), Artifacts.of(Artifacts.CORE_DEPENDENCIES));
    }

    private static List<Path> testModules() {
        return Artifacts.concat(coreModules(), List.of(Artifacts.of("fwcheck-test-fixtures")),
                Artifacts.of(Artifacts.TESTING_DEPENDENCIES));
    }

    @BeforeAll
    static void compileTheSampleAgainstThePackagedJars() throws IOException {
        Java.compile(List.of("-d", out.resolve("main").toString(), "--module-path", Artifacts.path(coreModules())),
                Java.sources(SAMPLE.resolve("src/main/java")));
    }

    @Test
    void the_packaged_jars_carry_their_module_descriptors() throws IOException {
        for (String artifact : List.of("fwcheck-core", "fwcheck-test-fixtures")) {
            Path jar = Artifacts.of(artifact);
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(file.getEntry("module-info.class")).as(jar.toString()).isNotNull();
                }
            } else {
                assertThat(jar.resolve("module-info.class")).as("built before packaging: " + jar).isRegularFile();
            }
        }
    }

    @Test
    void the_sample_gate_checks_rulesets_on_the_module_path() throws Exception {
        List<String> args = List.of("--module-path", Artifacts.path(Artifacts.concat(List.of(out.resolve("main")), coreModules())),
                "-m", MODULE + "/" + MODULE + ".Gate");
        Java.Run failing = Java.run(ROOT, concat(args, "rulesets/postmortem/proposed.yaml", "rulesets/postmortem/policy.yaml"));
        assertThat(failing.output())
                .startsWith("fwcheck check: rulesets/postmortem/proposed.yaml against rulesets/postmortem/policy.yaml\n")
                .contains("FAIL  app-to-db         app-servers must reach db on postgres")
                .contains("decided by block-scanner (rulesets/postmortem/proposed.yaml:35:5) drop")
                .endsWith("1 failed, 3 passed, 0 unknown\n");
        assertThat(failing.exitCode()).isEqualTo(1);

        Java.Run passing = Java.run(ROOT, concat(args, "rulesets/postmortem/current.rules", "rulesets/postmortem/policy.yaml"));
        assertThat(passing.output()).contains("UNKNOWN").contains("iptables-save has the IPv4 rules only");
        assertThat(passing.exitCode()).isEqualTo(3);

        Java.Run json = Java.run(ROOT, concat(args, "rulesets/postmortem/current.nft.json", "rulesets/postmortem/policy.yaml"));
        assertThat(json.output()).endsWith("0 failed, 4 passed, 0 unknown\n");
        assertThat(json.exitCode()).isZero();

        Java.Run missing = Java.run(ROOT, concat(args, "no/such.yaml", "rulesets/postmortem/policy.yaml"));
        assertThat(missing.output()).contains("no/such.yaml").contains("no such file");
        assertThat(missing.exitCode()).isEqualTo(2);
    }

    @Test
    void the_sample_tests_run_on_the_junit_platform_with_one_test_per_requirement() throws Exception {
        Path runner = ROOT.resolve("it/src/test/resources/runner");
        String reads = MODULE + "=io.fwcheck.testing,org.junit.jupiter.api,org.assertj.core,org.junit.platform.launcher,"
                + "org.junit.platform.engine";
        List<Path> compileModules = Artifacts.concat(List.of(out.resolve("main")), testModules(),
                Artifacts.of(List.of("junit-platform-launcher", "junit-platform-engine")));
        Java.compile(List.of("-d", out.resolve("test").toString(),
                        "--module-path", Artifacts.path(compileModules),
                        "--patch-module", MODULE + "=" + Artifacts.path(List.of(SAMPLE.resolve("src/test/java"), runner)),
                        "--add-modules", "io.fwcheck.testing,org.junit.jupiter.api,org.assertj.core,org.junit.platform.launcher,"
                                + "org.junit.platform.engine",
                        "--add-reads", reads),
                Java.sources(SAMPLE.resolve("src/test/java"), runner));

        List<Path> runModules = Artifacts.concat(List.of(out.resolve("main")), testModules(), Artifacts.of(Artifacts.JUNIT_RUNNER));
        Java.Run run = Java.run(ROOT, List.of(
                "--module-path", Artifacts.path(runModules),
                "--patch-module", MODULE + "=" + out.resolve("test"),
                "--add-modules", "ALL-MODULE-PATH",
                "--add-reads", reads,
                "--add-opens", MODULE + "/" + MODULE + "=org.junit.platform.commons",
                "-m", MODULE + "/" + MODULE + ".RunTests", MODULE + ".DbFirewallTest"));
        assertThat(run.output())
                .contains("PASS app_servers_reach_the_database_and_nothing_else_does()")
                .contains("PASS the_scanner_block_would_have_been_caught()")
                .contains("PASS app-to-db: app-servers must reach db on tcp/5432")
                .contains("PASS bastion-ssh: 10.0.9.5 must reach db on tcp/22")
                .contains("PASS no-telnet: any must not reach db on tcp/23")
                .contains("5 tests, 5 passed, 0 failed");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void the_sample_project_builds_against_this_version() throws IOException {
        String pom = Files.readString(SAMPLE.resolve("pom.xml"));
        assertThat(pom).contains("<fwcheck.version>" + System.getProperty("fwcheck.version") + "</fwcheck.version>");
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
