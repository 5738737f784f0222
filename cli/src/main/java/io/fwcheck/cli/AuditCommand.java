package io.fwcheck.cli;

import io.fwcheck.analysis.AuditListener;
import io.fwcheck.analysis.AuditOptions;
import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Auditor;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.RulesetPattern;
import io.fwcheck.report.AuditReport;
import io.fwcheck.report.AuditView;
import io.fwcheck.report.BaselineFile;
import io.fwcheck.report.JsonReport;
import io.fwcheck.report.ReportContext;
import io.fwcheck.report.SarifReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fwcheck audit}: many rulesets at once, for anomalies, exposure and the requirements of a policy. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Audits every ruleset in the PATHs (files, or directories searched for rulesets of every format fwcheck"
                    + " reads; each ruleset of a file that holds several, as 'fwcheck list' shows them) on all cores,"
                    + " and writes one report: exposure checks (admin and database ports open"
                    + " to the internet, every port open to a broad range, internal-only groups reachable from the"
                    + " internet), rule anomalies (shadowed, redundant, conflicting, empty) and, with --policy, every"
                    + " requirement on the rulesets it applies to. All of it exact, on the packet space.",
            "With --baseline, only findings not in the baseline are reported; --update-baseline writes every"
                    + " current finding to it. A ruleset that cannot be read is reported as such (exit 2), the others"
                    + " are audited all the same."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck audit firewalls/",
            "  fwcheck audit firewalls/ --policy policy.yaml -f text -f sarif=build/audit.sarif",
            "  fwcheck audit firewalls/ -p policy.yaml --baseline audit-baseline.json --update-baseline",
            "  fwcheck audit firewalls/ -p policy.yaml --baseline audit-baseline.json --show-resolved",
            "  fwcheck audit gw1.rules gw2.rules db.yaml --fail-on warning",
            "  fwcheck audit router.cfg -p policy.yaml --only requirements,shadowed-rule",
            "  fwcheck audit firewalls/ --skip conflicting-overlap,redundant-rule",
        })
public final class AuditCommand implements Callable<Integer> {

    /** When to draw the progress bar. */
    public enum ProgressMode { auto, always, never }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "PATH",
            description = "a ruleset file (any format) or a directory searched for ruleset files")
    List<Path> paths;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY",
            description = "check the requirements of this policy file (YAML) on every ruleset they apply to; its"
                    + " audit section sets the exposure checks")
    Path policy;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "report only findings not in this baseline file (JSON)")
    Path baseline;

    @Option(names = "--update-baseline",
            description = "write every current finding to the --baseline file (created or replaced)")
    boolean updateBaseline;

    @Option(names = "--show-resolved",
            description = "also list the findings of the --baseline that are no longer found")
    boolean showResolved;

    @Option(names = "--only", paramLabel = "FINDING", split = ",",
            description = "look only for these findings: finding ids (e.g. shadowed-rule) or groups (requirements,"
                    + " exposures, anomalies); comma-separated or repeated. What only the others need is not computed")
    List<String> only = List.of();

    @Option(names = "--skip", paramLabel = "FINDING", split = ",",
            description = "do not look for these findings (ids or groups, as for --only)")
    List<String> skip = List.of();

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "exit 1 when a reported finding of this severity or a more serious one is found:"
                    + " error, warning or info (default: ${DEFAULT-VALUE})")
    CheckCommand.FailOn failOn = CheckCommand.FailOn.error;

    @Option(names = "--max-boxes", paramLabel = "N",
            description = "list at most N boxes of each finding's flows, the first being the one its message names;"
                    + " the total is always given (default: ${DEFAULT-VALUE})")
    int maxBoxes = AuditOptions.DEFAULT_CAP;

    @Option(names = "--threads", paramLabel = "N",
            description = "audit N rulesets at once, and render as many at once for the text, JSON and SARIF reports"
                    + " (default: the number of processors, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--progress", paramLabel = "WHEN",
            description = "draw a progress bar on standard error: auto (when it is a terminal), always or never"
                    + " (default: ${DEFAULT-VALUE})")
    ProgressMode progress = ProgressMode.auto;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    private final Environment env;

    AuditCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        if (maxBoxes < 0) {
            throw new ParameterException(spec.commandLine(), "--max-boxes must be 0 or more, not " + maxBoxes);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be 1 or more, not " + threads);
        }
        if ((updateBaseline || showResolved) && baseline == null) {
            throw new ParameterException(spec.commandLine(), (updateBaseline ? "--update-baseline" : "--show-resolved")
                    + " needs --baseline FILE");
        }
        Set<FindingType> findings = findingTypes();
        if (updateBaseline && !findings.equals(AuditOptions.AUDIT_FINDINGS)) {
            throw new ParameterException(spec.commandLine(),
                    "--update-baseline records every finding type: leave out --only and --skip");
        }
        output.validate(spec);
        AuditOptions options = AuditOptions.defaults().withLoadOptions(input.options()).withCap(maxBoxes)
                .withThreads(threads).withFindings(findings);
        if (policy != null) {
            options = options.withPolicy(YamlPolicyReader.read(policy));
        }
        if (baseline != null && !updateBaseline && !Files.exists(baseline)) {
            throw new CliException(baseline + ": no such baseline file (write one with --update-baseline: fwcheck audit"
                    + " PATH... --baseline " + baseline + " --update-baseline)", ExitCodes.BAD_INPUT);
        }
        // a baseline's findings of types not looked for are neither matched nor resolved
        Optional<Baseline> known = baseline == null || updateBaseline ? Optional.empty()
                : Optional.of(BaselineFile.read(baseline).restrictedTo(findings));

        PrintWriter err = spec.commandLine().getErr();
        boolean bar = progress == ProgressMode.always || progress == ProgressMode.auto && env.errorTerminal();
        ProgressBar progressBar = bar ? new ProgressBar(err) : null;
        AuditResult result;
        try {
            result = Auditor.audit(paths, options.withListener(bar ? progressBar : AuditListener.NONE));
        } finally {
            if (progressBar != null) {
                progressBar.close();
            }
        }
        if (updateBaseline) {
            Baseline written = Baseline.of(result);
            ReportFiles.write(baseline, BaselineFile.write(written, VersionProvider.version()));
            err.println("fwcheck audit: wrote " + written.entries().size() + " findings to the baseline " + baseline);
            err.flush();
            known = Optional.of(written);
        }
        AuditResult compared = known.map(result::against).orElse(result);
        AuditView view = new AuditView(compared, failOn.severity,
                Optional.ofNullable(baseline).map(Path::toString), showResolved);

        ReportContext context = output.context(VersionProvider.version());
        // the text, JSON and SARIF reports of a large audit are streamed: they can be hundreds of megabytes
        output.write(spec.commandLine().getOut(), (format, colour, out) -> {
            switch (format) {
                case text -> AuditReport.text(view, colour, out, threads);
                case json -> JsonReport.audit(view, context.toolVersion(), out, threads);
                case sarif -> SarifReport.audit(view, context, out, threads);
                case junit -> out.write(AuditReport.junit(view));
                case github -> out.write(AuditReport.github(view, context));
                case markdown -> out.write(AuditReport.markdown(view));
            }
        });
        unmatchedScopes(result).forEach(err::println);
        if (output.targets().stream().anyMatch(t -> t.format() == OutputOptions.Format.sarif)) {
            sarifTooLarge(SarifReport.auditResults(view), SarifReport.CODE_SCANNING_RESULTS).ifPresent(err::println);
            err.flush();
        }
        return exitCode(view);
    }

    /**
     * Warnings for the requirements and internal-only groups whose {@code rulesets:} patterns match
     * none of the rulesets the audit read, among what it looked for: a mistyped pattern would
     * otherwise leave them unchecked without a word. Auditing part of a fleet may leave some
     * unmatched on purpose, so it is no error.
     */
    static List<String> unmatchedScopes(AuditResult result) {
        List<RulesetAudit> audited = result.rulesets().stream().filter(r -> r.error().isEmpty()).toList();
        List<String> out = new ArrayList<>();
        if (result.policy().isEmpty() || audited.isEmpty()) {
            return out;
        }
        Policy policy = result.policy().get();
        String none = " none of the " + audited.size() + (audited.size() == 1 ? " ruleset" : " rulesets")
                + " audited (rulesets: ";
        if (!Collections.disjoint(result.lookedFor(), AuditOptions.Group.REQUIREMENTS.types())) {
            for (Requirement requirement : policy.requirements()) {
                List<RulesetPattern> patterns = policy.scopes().get(requirement.id());
                if (patterns != null && audited.stream().noneMatch(r -> policy.appliesTo(requirement, r.name(), r.file()))) {
                    out.add("fwcheck audit: requirement " + requirement.id() + " applies to" + none + globs(patterns) + ")");
                }
            }
        }
        if (result.lookedFor().contains(FindingType.INTERNAL_ONLY_EXPOSED)) {
            for (AuditSettings.InternalOnly internal : policy.audit().internalOnly()) {
                if (audited.stream().noneMatch(r -> internal.appliesTo(r.name(), r.file()))) {
                    out.add("fwcheck audit: internal-only group " + internal.group().name() + " is checked on" + none
                            + globs(internal.rulesets()) + ")");
                }
            }
        }
        return out;
    }

    private static String globs(List<RulesetPattern> patterns) {
        return patterns.stream().map(RulesetPattern::glob).collect(Collectors.joining(", "));
    }

    /** A warning when the SARIF log holds more results than GitHub code scanning takes in one run. */
    static Optional<String> sarifTooLarge(long results, int limit) {
        if (results <= limit) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "fwcheck audit: the SARIF log holds %,d results, and GitHub code"
                + " scanning rejects a run of more than %,d: upload fewer with --only or --skip, or audit and upload"
                + " directories separately (see docs/ci.md)", results, limit));
    }

    /** The finding types --only and --skip leave, every audit finding type without them. */
    private Set<FindingType> findingTypes() {
        Set<FindingType> out = only.isEmpty() ? EnumSet.copyOf(AuditOptions.AUDIT_FINDINGS)
                : EnumSet.noneOf(FindingType.class);
        for (String name : only) {
            out.addAll(findingTypes("--only", name));
        }
        for (String name : skip) {
            out.removeAll(findingTypes("--skip", name));
        }
        if (out.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--only and --skip leave no finding to look for");
        }
        return out;
    }

    /** The finding types a name of --only or --skip stands for: a finding id or a group. */
    private Set<FindingType> findingTypes(String option, String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (AuditOptions.Group group : AuditOptions.Group.values()) {
            if (group.id().equals(key)) {
                return group.types();
            }
        }
        for (FindingType type : AuditOptions.AUDIT_FINDINGS) {
            if (type.id().equals(key)) {
                return Set.of(type);
            }
        }
        throw new ParameterException(spec.commandLine(), option + ": '" + name + "' is not a finding of audits;"
                + " expected one of " + Arrays.stream(AuditOptions.Group.values()).map(AuditOptions.Group::id)
                        .collect(Collectors.joining(", "))
                + ", " + AuditOptions.AUDIT_FINDINGS.stream().map(FindingType::id).collect(Collectors.joining(", ")));
    }

    /** 2 when a ruleset could not be read; else 1 for a failing finding, 3 for an unknown one, else 0. */
    static int exitCode(AuditView view) {
        if (view.result().hasErrors()) {
            return ExitCodes.BAD_INPUT;
        }
        Verdict verdict = view.verdict();
        return switch (verdict) {
            case FAIL -> ExitCodes.FAILED;
            case UNKNOWN -> ExitCodes.UNKNOWN;
            case PASS -> ExitCodes.OK;
        };
    }
}
