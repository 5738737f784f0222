package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

class MainTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "check", "diff", "audit", "trace", "convert", "list"})
    void every_help_lists_the_exit_codes(String command) {
        CliRun run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Exit codes:")
                .containsPattern("\n  0 +all requirements pass")
                .containsPattern("\n  1 +a requirement at or above --fail-on failed \\(diff: regressed, or a watched")
                .containsPattern("\n  2 +bad command line")
                .containsPattern("\n  3 +nothing failed, but a verdict is UNKNOWN")
                .containsPattern("\n  4 +internal error")
                .contains("Examples:");
    }

    @Test
    void a_run_builds_only_the_subcommand_it_names() {
        Environment env = new Environment(java.util.Map.of(), java.nio.file.Path.of(""), false);
        java.util.List<String> every = java.util.List.of("check", "diff", "audit", "trace", "convert", "list", "help");

        assertThat(Main.commandLine(env, "audit").getSubcommands().keySet()).containsExactly("audit");
        assertThat(Main.commandLine(env, "help").getSubcommands().keySet()).containsExactlyElementsOf(every);
        assertThat(Main.commandLine(env, "").getSubcommands().keySet()).containsExactlyElementsOf(every);
        assertThat(Main.commandLine(env, "chek").getSubcommands().keySet()).containsExactlyElementsOf(every);
        assertThat(Main.commandLine(env).getSubcommands().keySet()).containsExactlyElementsOf(every);
        CliRun misspelt = CliRun.of("chek", "x");
        assertThat(misspelt.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(misspelt.err()).contains("Did you mean: fwcheck check");
    }

    @Test
    void an_unknown_option_exits_2_with_the_usage() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--frobnicate");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Unknown option: '--frobnicate'")
                .contains("Usage: fwcheck check ")
                .contains("Try 'fwcheck check --help' for more information.");
    }

    @Test
    void a_bad_option_value_exits_2() {
        CliRun run = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "--format", "xml");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'--format'").contains("'xml' is not a format");
        assertThat(CliRun.of("trace", CliRun.CURRENT, "--format", "sarif", "tcp 10.0.0.1 -> 10.0.2.10:22").exit())
                .as("trace writes text or json only").isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void no_command_is_a_usage_error() {
        CliRun run = CliRun.of();

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Missing command");
    }

    @Test
    void a_mistyped_command_gets_a_suggestion() {
        CliRun run = CliRun.of("chek");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Did you mean: fwcheck check");
    }

    @Test
    void version_prints_the_build_version() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("fwcheck ").doesNotContain("${").doesNotContain("unknown");
    }

    @Test
    void an_unexpected_exception_is_one_line_and_exit_4_without_a_stack_trace() {
        CliRun run = CliRun.with("boom", new Boom(), "boom");

        assertThat(run.exit()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err()).startsWith("internal error: java.lang.IllegalStateException: the engine broke")
                .hasLineCount(1)
                .doesNotContain("\tat ");
    }

    @Test
    void an_io_error_is_one_line_and_exit_2() {
        CliRun run = CliRun.with("disk-full", new DiskFull(), "disk-full");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("I/O error: No space left on device\n");
    }

    @Test
    void running_out_of_memory_is_one_line_that_says_how_to_give_java_more_and_exit_2() {
        CliRun run = CliRun.with("huge", new Huge(), "huge");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("fwcheck: ran out of memory")
                .contains("-Xmx8g", "FWCHECK_JAVA_OPTS", "--threads 1")
                .hasLineCount(1)
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void another_error_of_the_jvm_is_an_internal_error_in_one_line_and_exit_4() {
        CliRun run = CliRun.with("deep", new Deep(), "deep");

        assertThat(run.exit()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(run.err()).isEqualTo("internal error: java.lang.StackOverflowError"
                + " (a bug in fwcheck; please report it with the command that caused it)\n");
    }

    @Test
    void the_heap_limit_is_named_when_there_is_one() {
        assertThat(Main.outOfMemory(512L << 20)).startsWith("fwcheck: ran out of memory (the Java heap may not grow past 512 MiB); ");
        assertThat(Main.outOfMemory(Long.MAX_VALUE)).startsWith("fwcheck: ran out of memory; give Java more");
    }

    /** A command whose output device is full. */
    @Command(name = "disk-full")
    static final class DiskFull implements Callable<Integer> {
        @Override
        public Integer call() throws java.io.IOException {
            throw new java.io.IOException("No space left on device");
        }
    }

    /** A command whose input needs more memory than the heap has. */
    @Command(name = "huge")
    static final class Huge implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** A command whose recursion is too deep. */
    @Command(name = "deep")
    static final class Deep implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    /** A command with a bug. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the engine broke\nsecond line");
        }
    }
}
