package io.fwcheck.cli;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import io.fwcheck.report.GithubReport;
import io.fwcheck.report.JsonReport;
import io.fwcheck.report.JunitReport;
import io.fwcheck.report.MarkdownReport;
import io.fwcheck.report.ReportContext;
import io.fwcheck.report.SarifReport;
import io.fwcheck.report.TextReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fwcheck check}: proves a ruleset meets every requirement of a policy, or shows why not. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Checks RULESET against every requirement of POLICY, exactly: over every address, port and protocol.",
            "Each requirement is PASS (proven), FAIL (with the violating flows, an example flow and the rules"
                    + " that decide them) or UNKNOWN (it depends on a construct fwcheck does not model)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck check proposed.yaml --policy policy.yaml",
            "  fwcheck check current.yaml -p policy.yaml --fail-on warning",
            "  fwcheck check current.yaml -p policy.yaml --format json -o report.json",
            "  fwcheck check db.yaml -p policy.yaml -f text -f sarif=build/fwcheck.sarif",
            "  iptables-save > fw.rules && fwcheck check fw.rules -p policy.yaml",
            "  nft -j list ruleset > fw.json && fwcheck check fw.json -p policy.yaml --chain FORWARD",
            "  aws ec2 describe-security-groups > sg.json && fwcheck check sg.json --ruleset db01 -p policy.yaml"
                    + " --sg-members members.yaml",
            "  fwcheck check firewall-rules.json --ruleset prod/tag:db -p policy.yaml   (GCP)",
        })
public final class CheckCommand implements Callable<Integer> {

    /** Severity threshold names as users type them. */
    public enum FailOn {
        error(Severity.ERROR),
        warning(Severity.WARNING),
        info(Severity.INFO);

        final Severity severity;

        FailOn(Severity severity) {
            this.severity = severity;
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULESET",
            description = "the ruleset file: YAML, iptables-save output, nftables JSON, AWS security groups,"
                    + " a Terraform plan, GCP firewall rules or an Azure NSG")
    Path ruleset;

    @Option(names = {"-p", "--policy"}, required = true, paramLabel = "POLICY",
            description = "the policy file (YAML) with the requirements")
    Path policy;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "exit 1 when a requirement of this severity or a more serious one fails:"
                    + " error, warning or info (default: ${DEFAULT-VALUE})")
    FailOn failOn = FailOn.error;

    @Option(names = "--max-boxes", paramLabel = "N",
            description = "list at most N boxes per set of flows; the total is always given (default: ${DEFAULT-VALUE})")
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
        output.validate(spec);
        Policy requirements = YamlPolicyReader.read(policy);
        if (requirements.requirements().isEmpty()) {
            throw new CliException(policy + ": the policy has no requirements, only an audit section (expected at"
                    + " least one requirement for check; fwcheck audit uses the audit section)", ExitCodes.BAD_INPUT);
        }
        input.definePolicyGroups(requirements);
        Ruleset rules = input.load(ruleset);
        CheckResult result = Checker.check(CompiledRuleset.of(rules), requirements, maxBoxes);

        ReportContext context = output.context(VersionProvider.version());
        output.write(spec.commandLine().getOut(), OutputOptions.Renderer.ofText((format, colour) -> switch (format) {
            case text -> TextReport.check(result, colour);
            case json -> JsonReport.check(result, context.toolVersion());
            case sarif -> SarifReport.check(result, context);
            case junit -> JunitReport.check(result);
            case github -> GithubReport.check(result, context);
            case markdown -> MarkdownReport.check(result);
        }));
        return exitCode(result, failOn.severity);
    }

    /**
     * 1 when a requirement at or above the threshold failed; else 3 when one at or above it is
     * UNKNOWN; else 0. Requirements below the threshold never fail the command.
     */
    static int exitCode(CheckResult result, Severity threshold) {
        boolean unknown = false;
        for (RequirementResult r : result.results()) {
            if (!r.requirement().severity().atLeast(threshold)) {
                continue;
            }
            if (r.verdict() == Verdict.FAIL) {
                return ExitCodes.FAILED;
            }
            unknown |= r.verdict() == Verdict.UNKNOWN;
        }
        return unknown ? ExitCodes.UNKNOWN : ExitCodes.OK;
    }
}
