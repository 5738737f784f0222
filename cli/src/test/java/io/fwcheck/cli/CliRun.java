package io.fwcheck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** One in-process run of the fwcheck command line: exit code, standard output and standard error. */
record CliRun(int exit, String out, String err) {

    static final String PROPOSED = "../rulesets/postmortem/proposed.yaml";
    static final String CURRENT = "../rulesets/postmortem/current.yaml";
    static final String POLICY = "../rulesets/postmortem/policy.yaml";

    /** Runs in an environment without variables, not on a terminal, in this directory. */
    static CliRun of(String... args) {
        return in(new Environment(java.util.Map.of(), java.nio.file.Path.of(""), false), args);
    }

    /** Runs in the given environment. */
    static CliRun in(Environment env, String... args) {
        return run(Main.commandLine(env, args.length > 0 ? args[0] : ""), args);
    }

    /** Runs with an extra subcommand, to exercise the error handling with commands that misbehave. */
    static CliRun with(String name, Callable<Integer> command, String... args) {
        CommandLine cmd = Main.commandLine(new Environment(java.util.Map.of(), java.nio.file.Path.of(""), false));
        cmd.addSubcommand(name, command);
        return run(cmd, args);
    }

    private static CliRun run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = Main.execute(cmd, args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
