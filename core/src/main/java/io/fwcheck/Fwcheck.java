package io.fwcheck;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Auditor;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.Classification;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.format.FlowParser;
import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The entry point of the fwcheck library: read rulesets and policies, check, diff, trace and
 * classify flows, and make rulesets and policies in code.
 *
 * <pre>{@code
 * Ruleset ruleset = Fwcheck.loadRuleset(Path.of("fw.rules"));          // format detected
 * Policy policy = Fwcheck.loadPolicy(Path.of("policy.yaml"));
 * CheckResult result = Fwcheck.check(ruleset, policy);
 * if (result.verdict() != Verdict.PASS) {
 *     System.out.print(TextReport.check(result, false));
 * }
 * }</pre>
 *
 * <p><b>Formats.</b> The {@code Format} of {@link #parseRuleset(String, RulesetFormat)} is
 * {@link RulesetFormat}: every format fwcheck reads is a constant there, so a new format needs no
 * change to this class. The format options of the command line ({@code --chain},
 * {@code --ipset}, {@code --family}) are {@link LoadOptions}, taken by the overloads that have them.
 *
 * <p><b>Results.</b> Every analysis returns an immutable record ({@link CheckResult},
 * {@link DiffResult}, {@link TraceResult}, {@link Classification}); the renderers of
 * {@code io.fwcheck.report} turn them into text, JSON, SARIF, JUnit XML, GitHub annotations or
 * Markdown, exactly as the command line prints them.
 *
 * <p><b>Errors.</b> Input that cannot be read (a missing file, a syntax error, an unknown key) is an
 * {@link InputException} with file:line:column, what was wrong and what was expected. A flow with
 * bad syntax is an {@link IllegalArgumentException} with the column. Verdicts are sound: what
 * fwcheck does not model makes a verdict UNKNOWN, never a false PASS.
 *
 * <p><b>Threads.</b> Every method is thread-safe: each analysis compiles into a flow space of its
 * own (see {@code docs/adr/0001-interval-decision-diagrams.md}), so analyses of different (or the
 * same) rulesets run concurrently without locks. Rulesets, policies and results are immutable and
 * may be shared; a {@link Tracer} may trace from many threads. A {@link CompiledRuleset} and the
 * flow sets made from it belong to one thread at a time.
 */
public final class Fwcheck {

    private static final String TEXT = "<string>";

    private Fwcheck() {}

    // ---- reading -----------------------------------------------------------------------------

    /**
     * Reads a ruleset file of any format, detected from its content: fwcheck's YAML,
     * {@code iptables-save} or {@code ip6tables-save} output, nftables JSON, …
     *
     * @param file the ruleset file; locations in results name it as given
     * @return the ruleset
     * @throws InputException when the file cannot be read, its format cannot be told, or it is not valid
     */
    public static Ruleset loadRuleset(Path file) {
        return loadRuleset(file, LoadOptions.defaults());
    }

    /**
     * Reads a ruleset file with options: its format, the hook whose chain is the ruleset
     * ({@code INPUT}, {@code FORWARD}, {@code OUTPUT}), an ipset file, the address family.
     *
     * @param file the ruleset file
     * @param options how to read it, e.g. {@code LoadOptions.defaults().withHook(Hook.FORWARD)}
     * @return the ruleset
     * @throws InputException when the file cannot be read or is not valid
     */
    public static Ruleset loadRuleset(Path file, LoadOptions options) {
        return RulesetLoader.load(Objects.requireNonNull(file, "file"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Reads a ruleset from text, detecting its format; locations name it {@code <string>}.
     *
     * @param text the ruleset
     * @return the ruleset
     * @throws InputException when the text is not a valid ruleset
     */
    public static Ruleset parseRuleset(String text) {
        return parseRuleset(text, TEXT, LoadOptions.defaults());
    }

    /**
     * Reads a ruleset from text in the given format; locations name it {@code <string>}.
     *
     * @param text the ruleset
     * @param format its format, e.g. {@link RulesetFormat#IPTABLES}
     * @return the ruleset
     * @throws InputException when the text is not a valid ruleset of the format
     */
    public static Ruleset parseRuleset(String text, RulesetFormat format) {
        return parseRuleset(text, TEXT, LoadOptions.defaults().withFormat(Objects.requireNonNull(format, "format")));
    }

    /**
     * Reads a ruleset from text with options.
     *
     * @param text the ruleset
     * @param fileName names the text in locations, e.g. {@code fw.rules}
     * @param options its format (detected when absent), hook, ipset file and family
     * @return the ruleset
     * @throws InputException when the text is not a valid ruleset
     */
    public static Ruleset parseRuleset(String text, String fileName, LoadOptions options) {
        return RulesetLoader.load(text, fileName, options);
    }

    /**
     * Reads a policy file (YAML, {@code docs/policy-format.md}).
     *
     * @param file the policy file
     * @return the policy
     * @throws InputException when the file cannot be read or is not a valid policy
     */
    public static Policy loadPolicy(Path file) {
        return YamlPolicyReader.read(Objects.requireNonNull(file, "file"));
    }

    /**
     * Reads a policy from YAML text; locations name it {@code <string>}.
     *
     * @param text the policy
     * @return the policy
     * @throws InputException when the text is not a valid policy
     */
    public static Policy parsePolicy(String text) {
        return YamlPolicyReader.read(Objects.requireNonNull(text, "text"), TEXT);
    }

    /**
     * Reads one flow as {@code fwcheck trace} does: {@code tcp 10.0.1.5 -> 10.0.2.10:5432}
     * (source port 49152 when none is given, state new).
     *
     * @param text the flow
     * @return the flow
     * @throws IllegalArgumentException saying what is wrong and at which column
     */
    public static Flow parseFlow(String text) {
        return FlowParser.parse(text);
    }

    /**
     * Reads a set of flows: {@code tcp 10.0.1.0/24 -> 10.0.2.10:5432} is every NEW connection from
     * every address of 10.0.1.0/24 and every source port to 10.0.2.10 port 5432. The syntax and the
     * defaults are those of {@link FlowParser#parseSet}.
     *
     * @param text the set
     * @return conditions that hold for exactly the flows of the set
     * @throws IllegalArgumentException saying what is wrong and at which column
     */
    public static Match parseFlows(String text) {
        return FlowParser.parseSet(text);
    }

    // ---- analyses ----------------------------------------------------------------------------

    /**
     * Checks a ruleset against every requirement of a policy, exactly.
     *
     * @param ruleset the ruleset
     * @param policy the requirements
     * @return PASS, FAIL or UNKNOWN per requirement, with violating flows, an example flow and the
     *     deciding rules
     * @throws InputException when a requirement covers no flow at all
     */
    public static CheckResult check(Ruleset ruleset, Policy policy) {
        return Checker.check(ruleset, policy);
    }

    /**
     * What a change does: the flows it newly accepts and blocks, by rule, its rule changes, and
     * the requirements of the policy before and after.
     *
     * @param before the ruleset before the change
     * @param after the ruleset after it
     * @param policy the requirements to evaluate before and after
     * @return the difference; {@link io.fwcheck.report.DiffGate} decides whether it fails a gate
     */
    public static DiffResult diff(Ruleset before, Ruleset after, Policy policy) {
        return Differ.diff(before, after, DiffOptions.defaults().withPolicy(Objects.requireNonNull(policy, "policy")));
    }

    /**
     * What a change does, without requirements.
     *
     * @param before the ruleset before the change
     * @param after the ruleset after it
     * @return the difference
     */
    public static DiffResult diff(Ruleset before, Ruleset after) {
        return Differ.diff(before, after);
    }

    /**
     * What a change does, with options: a policy, watched source ranges, how many boxes to list.
     *
     * @param before the ruleset before the change
     * @param after the ruleset after it
     * @param options e.g. {@code DiffOptions.defaults().withPolicy(policy).watching(List.of(AddressSet.all()))}
     * @return the difference
     */
    public static DiffResult diff(Ruleset before, Ruleset after, DiffOptions options) {
        return Differ.diff(before, after, options);
    }

    /**
     * Traces one flow: which rule decides it and what it does.
     *
     * @param ruleset the ruleset
     * @param flow the flow as {@link #parseFlow} reads it, e.g. {@code tcp 10.0.1.5 -> 10.0.2.10:5432}
     * @return the outcome (unknown when it depends on unmodelled conditions) and the deciding rule
     * @throws IllegalArgumentException when the flow cannot be read
     */
    public static TraceResult trace(Ruleset ruleset, String flow) {
        return Tracer.ruleByRule(ruleset).trace(parseFlow(flow));
    }

    /**
     * A tracer for many flows: compiles the ruleset once; thread-safe.
     *
     * @param ruleset the ruleset
     * @return the tracer
     */
    public static Tracer tracer(Ruleset ruleset) {
        return Tracer.of(ruleset);
    }

    /**
     * What a ruleset does with every flow of a set, exactly: which it accepts, which it denies,
     * which depend on unmodelled conditions, and the rules deciding them.
     *
     * @param ruleset the ruleset
     * @param flows a set as {@link #parseFlows} reads it, e.g. {@code tcp 10.0.1.0/24 -> 10.0.2.10:5432}
     * @return the classification; {@link Classification#allAccepted()} and
     *     {@link Classification#noneAccepted()} give the verdicts
     * @throws IllegalArgumentException when the set cannot be read
     */
    public static Classification classify(Ruleset ruleset, String flows) {
        return classify(ruleset, parseFlows(flows));
    }

    /**
     * What a ruleset does with the flows of a match (its modelled conditions).
     *
     * @param ruleset the ruleset
     * @param flows the flows, e.g. {@code Match.builder().protocol(Protocol.TCP).build()}
     * @return the classification
     */
    public static Classification classify(Ruleset ruleset, Match flows) {
        return Classification.of(ruleset, flows, FlowSummary.DEFAULT_CAP);
    }

    /**
     * The rule anomalies of a ruleset, exactly: rules that match nothing, shadowed and redundant
     * rules, conflicting overlaps.
     *
     * @param ruleset the ruleset
     * @return the anomalies in rule order
     */
    public static List<Anomaly> anomalies(Ruleset ruleset) {
        return Anomalies.of(CompiledRuleset.compile(ruleset));
    }

    /**
     * Audits ruleset files and directories as {@code fwcheck audit} does: every ruleset found
     * (directories are searched for files of every supported format), in parallel, for exposure
     * checks, rule anomalies and, with a policy in the options, the requirements that apply to it.
     * A file that cannot be read is reported in the result, not thrown.
     *
     * @param paths ruleset files and directories
     * @param options policy, how to read the files, threads, box cap, the finding types to look
     *     for ({@link AuditOptions#defaults()}, {@link AuditOptions#withFindings})
     * @return every ruleset's findings, in the order the paths name them
     */
    public static AuditResult audit(List<Path> paths, AuditOptions options) {
        return Auditor.audit(paths, options);
    }

    /**
     * Audits one ruleset in the calling thread: exposure checks, rule anomalies and, with a policy
     * in the options, its requirements.
     *
     * @param ruleset the ruleset
     * @param options policy, box cap, the finding types to look for ({@link AuditOptions#defaults()})
     * @return its findings
     */
    public static RulesetAudit audit(Ruleset ruleset, AuditOptions options) {
        return Auditor.audit(ruleset, options);
    }

    // ---- builders ----------------------------------------------------------------------------

    /**
     * Starts a ruleset in code; see {@link RulesetBuilder}.
     *
     * @param name the ruleset's name
     * @return a builder whose default action is DROP until set
     */
    public static RulesetBuilder ruleset(String name) {
        return new RulesetBuilder(name, CallSite.caller());
    }

    /**
     * Starts a policy in code; see {@link PolicyBuilder}.
     *
     * @return a builder
     */
    public static PolicyBuilder policy() {
        return new PolicyBuilder(CallSite.caller());
    }
}
