package io.fwcheck.cli;

import io.fwcheck.format.InputException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code fwcheck} command: subcommands, exit codes and the handling of every error. */
@Command(
        name = "fwcheck",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Proves firewall rule changes safe before they are deployed: checks a ruleset against the"
                    + " requirements of a policy, exactly, over every address and port; shows what a change"
                    + " newly blocks and opens; audits many rulesets at once for exposure and anomalies; and traces"
                    + " flows through a ruleset. Rulesets are fwcheck's YAML, iptables-save output, nftables JSON,"
                    + " Cisco IOS / ASA access lists, AWS security groups, GCP firewall rules, Azure NSGs or"
                    + " Terraform plans; convert shows any of them as YAML."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck check proposed.yaml --policy policy.yaml",
            "  fwcheck check current.yaml -p policy.yaml --format json -o report.json",
            "  fwcheck diff current.yaml proposed.yaml --policy policy.yaml",
            "  fwcheck audit firewalls/ --policy policy.yaml --baseline audit-baseline.json",
            "  fwcheck trace current.yaml 'tcp 10.0.1.5 -> 10.0.2.10:5432'",
            "  fwcheck trace current.yaml --flows flows.txt --format json",
            "  fwcheck check fw.rules --policy policy.yaml --chain FORWARD",
            "  fwcheck convert fw.rules --to yaml",
            "  fwcheck list fw.rules",
            "  fwcheck check router.cfg --ruleset EDGE-IN --policy policy.yaml",
        })
public final class Main implements Callable<Integer> {

    /** The subcommands, in the order the usage help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        out.put("check", CheckCommand.class);
        out.put("diff", DiffCommand.class);
        out.put("audit", AuditCommand.class);
        out.put("trace", TraceCommand.class);
        out.put("convert", ConvertCommand.class);
        out.put("list", ListCommand.class);
        out.put("help", CommandLine.HelpCommand.class);
        return out;
    }

    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: check, diff, audit, trace, convert or list");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code;
        try {
            CommandLine cmd = commandLine(Environment.system(), args.length > 0 ? args[0] : "");
            cmd.setOut(out);
            cmd.setErr(err);
            code = execute(cmd, args);
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /**
     * Runs the command line, with what picocli's handlers leave to the JVM (errors such as running
     * out of memory) also made one line on its standard error and an exit code.
     */
    static int execute(CommandLine cmd, String... args) {
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // what the command held is garbage once its stack is gone: there is room for a message
            cmd.getErr().println(outOfMemory(Runtime.getRuntime().maxMemory()));
            return ExitCodes.BAD_INPUT;
        } catch (Error e) {
            cmd.getErr().println("internal error: " + e
                    + " (a bug in fwcheck; please report it with the command that caused it)");
            return ExitCodes.INTERNAL_ERROR;
        } finally {
            cmd.getErr().flush();
        }
    }

    /**
     * The configured command line: every error becomes one message on standard error and an exit
     * code of {@link ExitCodes}; no stack trace reaches the user. Tests call {@code setOut},
     * {@code setErr} and {@code execute} on it.
     */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /** The configured command line in a given environment (variables, working directory, terminal). */
    public static CommandLine commandLine(Environment env) {
        return commandLine(env, "");
    }

    /**
     * The command line with the subcommand {@code first} names alone when it names one (but
     * {@code help}), else with every subcommand: building a subcommand's model from its annotations
     * takes time a run that uses another one need not spend.
     */
    static CommandLine commandLine(Environment env, String first) {
        Factory factory = new Factory(env);
        CommandLine cmd = new CommandLine(new Main(), factory);
        Class<?> only = "help".equals(first) ? null : SUBCOMMANDS.get(first);
        for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS.entrySet()) {
            if (only == null || sub.getValue() == only) {
                cmd.addSubcommand(sub.getKey(), new CommandLine(create(factory, sub.getValue()), factory));
            }
        }
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(Main::executionError);
        cmd.setParameterExceptionHandler(Main::parameterError);
        cmd.setExitCodeExceptionMapper(Main::exitCodeOf);
        configure(cmd);
        return cmd;
    }

    private static void configure(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.table());
        cmd.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.BAD_INPUT);
        cmd.getCommandSpec().exitCodeOnExecutionException(ExitCodes.INTERNAL_ERROR);
        for (CommandLine sub : cmd.getSubcommands().values()) {
            configure(sub);
        }
    }

    private static Object create(Factory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + type.getSimpleName() + " command", e);
        }
    }

    /** Creates commands and option groups, handing those that read it the environment. */
    private record Factory(Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == OutputOptions.class) {
                return type.cast(new OutputOptions(env));
            }
            if (type == TraceCommand.class) {
                return type.cast(new TraceCommand(env));
            }
            if (type == AuditCommand.class) {
                return type.cast(new AuditCommand(env));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** What to say when the Java heap ran out, given its limit in bytes ({@code Long.MAX_VALUE}: none). */
    static String outOfMemory(long maxHeap) {
        String limit = maxHeap == Long.MAX_VALUE ? "" : " (the Java heap may not grow past " + (maxHeap >> 20) + " MiB)";
        return "fwcheck: ran out of memory" + limit + "; give Java more: FWCHECK_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx8g\""
                + " ./fwcheck …, or java -Xmx8g -jar fwcheck.jar …; an audit also needs less with --threads 1";
    }

    /** Maps what escapes picocli's handlers (should nothing else catch it) to an exit code. */
    static int exitCodeOf(Throwable t) {
        if (t instanceof ParameterException || t instanceof InputException) {
            return ExitCodes.BAD_INPUT;
        }
        if (t instanceof CliException e) {
            return e.exitCode();
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof InputException || e instanceof CliException) {
            err.println(e.getMessage());
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("I/O error: " + e.getMessage());
        } else if (e instanceof ParameterException p) {
            return parameterError(p, new String[0]);
        } else {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            err.println("internal error: " + e.getClass().getName() + message
                    + " (a bug in fwcheck; please report it with the command that caused it)");
        }
        err.flush();
        return exitCodeOf(e);
    }

    private static int parameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        CommandLine.Help help = cmd.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
