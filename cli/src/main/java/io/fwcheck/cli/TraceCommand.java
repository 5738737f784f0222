package io.fwcheck.cli;

import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.FlowParser;
import io.fwcheck.format.FlowParser.FlowSyntaxException;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import io.fwcheck.report.JsonReport;
import io.fwcheck.report.TextReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fwcheck trace}: what a ruleset does with given flows, one result per line. */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Traces flows through RULESET: for each, the verdict (accept, drop, reject or unknown) and the rule,"
                    + " or the default policy, that decides it. One result per line, in input order.",
            "For iptables and nftables rulesets, the line ends with the flow's path through the chains"
                    + " (path INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT); it stops with 'may branch' at a rule"
                    + " whose conditions fwcheck does not model.",
            "",
            "A flow is PROTO SRC[:PORT] -> DST[:PORT], then optionally type T [code C],",
            "state S, in IFACE, out IFACE. Quote it: '>' is special to the shell. E.g.",
            "  tcp 10.0.1.5:40000 -> 10.0.2.10:5432",
            "  tcp 10.0.1.5 -> 10.0.2.10:5432                (source port 49152)",
            "  udp [2001:db8::1]:5353 -> [2001:db8::2]:53",
            "  icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0",
            "  icmpv6 2001:db8::1 -> 2001:db8::2 type 128",
            "  proto 47 10.0.0.1 -> 10.0.0.2",
            "  tcp 10.0.0.1 -> 10.0.0.2:22 state established in eth0",
            "The state defaults to new. In a --flows file, blank lines and lines",
            "starting with # are skipped."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck trace proposed.yaml 'tcp 10.0.1.200 -> 10.0.2.10:5432'",
            "  fwcheck trace current.yaml --flows flows.txt --format json > verdicts.jsonl",
            "  generate-flows | fwcheck trace current.yaml --flows -",
            "  fwcheck trace fw.rules --chain FORWARD 'tcp 10.0.1.5 -> 192.0.2.7:443 in eth0 out eth1'",
            "  fwcheck trace rulesets/chains/db01.rules 'icmp 10.0.1.5 -> 10.0.2.10 type 8'",
        })
public final class TraceCommand implements Callable<Integer> {

    private static final int CHUNK = 1 << 16;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULESET",
            description = "the ruleset file: YAML, iptables-save output, nftables JSON, AWS security groups,"
                    + " a Terraform plan, GCP firewall rules or an Azure NSG")
    Path ruleset;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FLOW", description = "flows to trace, each one quoted argument")
    List<String> flows = List.of();

    @Option(names = "--flows", paramLabel = "FILE",
            description = "read flows from FILE, one per line ('-' for standard input); json output is JSON Lines")
    String flowsFile;

    /** Trace output formats: results are streamed, one line per flow. */
    public enum Format { text, json }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text or json: JSON Lines, one object per flow (default: ${DEFAULT-VALUE})")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the results to FILE instead of standard output")
    Path output;

    @Mixin
    ColorOption color;

    @Mixin
    InputOptions input;

    private final Environment env;

    TraceCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (flows.isEmpty() == (flowsFile == null)) {
            throw new ParameterException(spec.commandLine(),
                    flows.isEmpty() ? "Missing flows: give FLOW arguments or --flows FILE"
                            : "Give FLOW arguments or --flows FILE, not both");
        }
        // a few flows on the command line: evaluating the rules costs less than compiling them;
        // a file: compiled once evaluating them has cost about as much
        Ruleset rules = input.load(ruleset);
        Tracer tracer = flowsFile == null ? Tracer.ruleByRule(rules) : Tracer.adaptive(rules);
        Writer out = output == null ? spec.commandLine().getOut() : ReportFiles.create(output);
        Sink sink = format == Format.json ? new JsonSink(tracer, out)
                : new TextSink(tracer, out, color.colour(env, output == null));
        boolean unknown;
        try {
            unknown = flowsFile == null ? traceArguments(tracer, sink) : traceFile(tracer, sink);
        } finally {
            sink.flush();
            if (output != null) {
                out.close();
            }
        }
        return unknown ? ExitCodes.UNKNOWN : ExitCodes.OK;
    }

    private boolean traceArguments(Tracer tracer, Sink sink) throws IOException {
        boolean unknown = false;
        for (int i = 0; i < flows.size(); i++) {
            Flow flow;
            try {
                flow = FlowParser.parse(flows.get(i));
            } catch (FlowSyntaxException e) {
                sink.flush();
                throw new CliException("FLOW " + (i + 1) + " '" + flows.get(i) + "': column " + e.column() + ": "
                        + e.problem(), ExitCodes.BAD_INPUT);
            }
            TraceResult result = tracer.trace(flow);
            unknown |= result.isUnknown();
            sink.write(result);
        }
        return unknown;
    }

    private boolean traceFile(Tracer tracer, Sink sink) throws IOException {
        boolean stdin = flowsFile.equals("-");
        String name = stdin ? "<stdin>" : flowsFile;
        try (BufferedReader in = stdin
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), CHUNK)
                : open(Path.of(flowsFile))) {
            boolean unknown = false;
            int lineNumber = 0;
            String line;
            while ((line = readLine(in, name)) != null) {
                lineNumber++;
                if (skip(line)) {
                    continue;
                }
                Flow flow;
                try {
                    flow = FlowParser.parse(line);
                } catch (FlowSyntaxException e) {
                    sink.flush();
                    throw new CliException(name + ":" + lineNumber + ":" + e.column() + ": " + e.problem(),
                            ExitCodes.BAD_INPUT);
                }
                TraceResult result = tracer.trace(flow);
                unknown |= result.isUnknown();
                sink.write(result);
            }
            return unknown;
        }
    }

    private static BufferedReader open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new CliException("cannot read '" + file + "': it is a directory", ExitCodes.BAD_INPUT);
            }
            return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), CHUNK);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read '" + file + "': no such file", ExitCodes.BAD_INPUT);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read '" + file + "': permission denied", ExitCodes.BAD_INPUT);
        } catch (IOException e) {
            throw new CliException("cannot read '" + file + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

    private static String readLine(BufferedReader in, String name) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new CliException("cannot read '" + name + "': " + e.getMessage(), ExitCodes.BAD_INPUT);
        }
    }

    /** Blank lines and comments ({@code #} as the first non-blank character). */
    private static boolean skip(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return c == '#';
            }
        }
        return true;
    }

    /** Standard output is a PrintWriter, which hides write errors: stop when the reader has gone. */
    private static void checkWritable(Writer out) {
        if (out instanceof PrintWriter printer && printer.checkError()) {
            throw new CliException("cannot write the output: standard output was closed", ExitCodes.BAD_INPUT);
        }
    }

    /** Where trace results go, buffered: nothing is flushed per line. */
    private interface Sink {
        void write(TraceResult result) throws IOException;

        void flush() throws IOException;
    }

    private static final class TextSink implements Sink {
        private final TextReport.TraceFormatter formatter;
        private final Writer out;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);
        private char[] chars = new char[CHUNK + 1024];

        TextSink(Tracer tracer, Writer out, boolean colour) {
            this.formatter = TextReport.traceFormatter(tracer.ruleset(), colour);
            this.out = out;
        }

        @Override
        public void write(TraceResult result) throws IOException {
            formatter.append(buffer, result);
            if (buffer.length() >= CHUNK) {
                drain();
            }
        }

        private void drain() throws IOException {
            int n = buffer.length();
            if (chars.length < n) {
                chars = new char[n];
            }
            buffer.getChars(0, n, chars, 0);
            out.write(chars, 0, n);
            buffer.setLength(0);
            checkWritable(out);
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }
    }

    private static final class JsonSink implements Sink {
        private final JsonReport.TraceLines lines;
        private final Writer out;
        private long count;

        JsonSink(Tracer tracer, Writer out) {
            this.lines = JsonReport.traceLines(tracer.ruleset(), out);
            this.out = out;
        }

        @Override
        public void write(TraceResult result) throws IOException {
            lines.write(result);
            if (++count % 4096 == 0) {
                checkWritable(out);
            }
        }

        @Override
        public void flush() throws IOException {
            lines.flush();
        }
    }
}
