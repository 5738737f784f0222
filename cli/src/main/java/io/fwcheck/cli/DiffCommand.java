package io.fwcheck.cli;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.report.DiffGate;
import io.fwcheck.report.GithubReport;
import io.fwcheck.report.JsonReport;
import io.fwcheck.report.JunitReport;
import io.fwcheck.report.MarkdownReport;
import io.fwcheck.report.ReportContext;
import io.fwcheck.report.SarifReport;
import io.fwcheck.report.TextReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code fwcheck diff}: what a change to a ruleset does, exactly, and whether it may be deployed. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Compares two versions of a ruleset exactly: the flows the change newly blocks and newly accepts,"
                    + " grouped by the rule deciding them before and after, and each rule added, removed, modified"
                    + " or moved with its effect on packets.",
            "With --policy, each requirement is checked before and after: the gate fails (exit 1) when one"
                    + " regresses (held before, fails after). With --fail-on-new-exposure, it also fails when the"
                    + " change newly accepts connections from a watched source range.",
            "With --plan instead of BEFORE and AFTER, the change is a Terraform plan (terraform show -json):"
                    + " each security group, GCP network or NSG it changes is diffed on its own, before and after,"
                    + " and the exit code is the worst of them. --chain OUTPUT gates egress instead of ingress."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck diff current.yaml proposed.yaml --policy policy.yaml",
            "  git show origin/main:fw/db01.yaml > /tmp/before.yaml",
            "  fwcheck diff /tmp/before.yaml fw/db01.yaml -p policy.yaml -f sarif=out.sarif",
            "  fwcheck diff current.yaml proposed.yaml --fail-on-new-exposure 0.0.0.0/0,::/0",
            "  fwcheck diff deployed.rules proposed.yaml -p policy.yaml   (iptables-save output before, YAML after)",
            "  terraform show -json tfplan > plan.json",
            "  fwcheck diff --plan plan.json -p policy.yaml",
            "  fwcheck diff --plan plan.json --resource aws_security_group.db -p policy.yaml --sg-members eni.json",
        })
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BEFORE",
            description = "the ruleset before the change (any format); not with --plan")
    Path before;

    @Parameters(index = "1", arity = "0..1", paramLabel = "AFTER",
            description = "the ruleset after the change (any format); not with --plan")
    Path after;

    @Option(names = "--plan", paramLabel = "PLAN",
            description = "a Terraform plan as terraform show -json writes it, instead of BEFORE and AFTER: diff every"
                    + " security group, GCP network and Azure NSG it changes, before and after")
    Path plan;

    @Option(names = "--resource", paramLabel = "ADDRESS",
            description = "with --plan: only this one, by resource address (aws_security_group.db), security group"
                    + " id or name, NSG name or GCP network")
    String resource;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY",
            description = "check the requirements of this policy file (YAML) before and after the change")
    Path policy;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "exit 1 when a requirement of this severity or a more serious one regresses:"
                    + " error, warning or info (default: ${DEFAULT-VALUE})")
    CheckCommand.FailOn failOn = CheckCommand.FailOn.error;

    @Option(names = "--fail-on-existing",
            description = "also exit 1 when such a requirement fails before and after the change")
    boolean failOnExisting;

    @Option(names = "--fail-on-new-exposure", paramLabel = "CIDR[,CIDR...]", converter = WatchedConverter.class,
            description = "exit 1 when the change newly accepts connections from these source addresses:"
                    + " CIDR blocks, ranges first-last or addresses, e.g. 0.0.0.0/0,::/0 for every source."
                    + " Repeatable; each is reported on its own")
    List<AddressSet> watched = new ArrayList<>();

    @Option(names = "--max-boxes", paramLabel = "N",
            description = "list at most N boxes per set of flows (0: totals and witnesses only); the total is always given"
                    + " (default: ${DEFAULT-VALUE})")
    int maxBoxes = FlowSummary.DEFAULT_CAP;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        if (maxBoxes < 0) {
            throw new ParameterException(spec.commandLine(), "--max-boxes must be 0 or more, not " + maxBoxes);
        }
        checkArguments();
        output.validate(spec);
        if (input.ip6File != null) {
            throw new ParameterException(spec.commandLine(), "--ip6 is for check, trace and convert: diff reads two"
                    + " rulesets (convert each dual-stack pair to YAML, then diff those)");
        }
        DiffOptions options = DiffOptions.defaults().watching(watched).withCap(maxBoxes);
        if (policy != null) {
            Policy requirements = YamlPolicyReader.read(policy);
            input.definePolicyGroups(requirements);
            options = options.withPolicy(requirements);
        }
        DiffGate gate = new DiffGate(failOn.severity, failOnExisting);
        if (plan != null) {
            return plan(options, gate);
        }
        Ruleset was = input.load(before);
        Ruleset now = input.load(after);
        DiffResult result = Differ.diff(was, now, options);

        ReportContext context = output.context(VersionProvider.version());
        output.write(spec.commandLine().getOut(), OutputOptions.Renderer.ofText((format, colour) -> switch (format) {
            case text -> TextReport.diff(result, gate, colour);
            case json -> JsonReport.diff(result, gate, context.toolVersion());
            case sarif -> SarifReport.diff(result, context);
            case junit -> JunitReport.diff(result);
            case github -> GithubReport.diff(result, context);
            case markdown -> MarkdownReport.diff(result, gate);
        }));
        return exitCode(gate.verdict(result));
    }

    /** BEFORE and AFTER, or --plan: exactly one of them. */
    private void checkArguments() {
        if (plan != null && (before != null || after != null)) {
            throw new ParameterException(spec.commandLine(), "Give either BEFORE and AFTER or --plan PLAN, not both");
        }
        if (plan == null && (before == null || after == null)) {
            throw new ParameterException(spec.commandLine(), before == null
                    ? "Missing required parameters: 'BEFORE', 'AFTER' (the rulesets before and after the change),"
                            + " or --plan PLAN"
                    : "Missing required parameter: 'AFTER' (the ruleset after the change)");
        }
        if (resource != null && plan == null) {
            throw new ParameterException(spec.commandLine(), "--resource selects a resource of --plan; without a plan"
                    + " use --ruleset NAME");
        }
        if (resource != null && input.ruleset != null) {
            throw new ParameterException(spec.commandLine(), "Give --resource or --ruleset, not both");
        }
    }

    /** {@code --plan}: each changed ruleset diffed on its own; the exit code is the worst of them. */
    private int plan(DiffOptions options, DiffGate gate) throws Exception {
        LoadOptions load = input.options();
        if (resource != null) {
            load = load.withRuleset(resource);
        }
        List<ChangeDiff> diffs = Differ.diff(RulesetLoader.changes(plan, load), options);
        String planFile = plan.toString();
        String policyFile = policy == null ? null : policy.toString();
        ReportContext context = output.context(VersionProvider.version());
        output.write(spec.commandLine().getOut(), OutputOptions.Renderer.ofText((format, colour) -> switch (format) {
            case text -> TextReport.diffs(planFile, policyFile, diffs, gate, colour);
            case json -> JsonReport.diffs(planFile, policyFile, diffs, gate, context.toolVersion());
            case sarif -> SarifReport.diffs(diffs, context);
            case junit -> JunitReport.diffs(diffs);
            case github -> GithubReport.diffs(diffs, context);
            case markdown -> MarkdownReport.diffs(planFile, policyFile, diffs, gate);
        }));
        return exitCode(gate.verdict(diffs));
    }

    /** 1 when the gate fails, 3 when it is UNKNOWN, else 0. */
    static int exitCode(Verdict gate) {
        return switch (gate) {
            case FAIL -> ExitCodes.FAILED;
            case UNKNOWN -> ExitCodes.UNKNOWN;
            case PASS -> ExitCodes.OK;
        };
    }

    /** Parses comma-separated CIDR blocks, ranges and addresses into one set. */
    static final class WatchedConverter implements ITypeConverter<AddressSet> {
        @Override
        public AddressSet convert(String value) {
            List<AddressRange> ranges = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                String text = item.strip();
                try {
                    ranges.add(AddressSpecs.parse(text));
                } catch (IllegalArgumentException e) {
                    String word = text.toLowerCase(Locale.ROOT);
                    String hint = word.equals("internet") || word.equals("any") || word.equals("all")
                            ? "; for every source write 0.0.0.0/0,::/0" : "";
                    throw new TypeConversionException(e.getMessage() + hint);
                }
            }
            return AddressSet.of(ranges);
        }
    }
}
