package io.fwcheck.report;

import io.fwcheck.analysis.AuditResult;
import io.fwcheck.analysis.Baseline;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.RulesetAudit;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An audit result as the reports show it: the gate's severity threshold, the baseline it was
 * compared with (then only new findings are listed and counted), and whether the findings of the
 * baseline that disappeared are listed too.
 *
 * @param result the audit, compared with the baseline when there is one
 * @param failOn findings of this severity or a more serious one decide the gate
 * @param baselineFile the baseline file, when the result was compared with one
 * @param showResolved list the baseline's findings that are no longer found
 */
public record AuditView(AuditResult result, Severity failOn, Optional<String> baselineFile, boolean showResolved) {

    public AuditView {
        if (result == null || failOn == null || baselineFile == null) {
            throw new IllegalArgumentException("result, failOn and baselineFile are required");
        }
    }

    /** No baseline, the default threshold (error). */
    public static AuditView of(AuditResult result) {
        return new AuditView(result, Severity.ERROR, Optional.empty(), false);
    }

    /** The gate: FAIL, UNKNOWN or PASS, as {@link AuditResult#verdict} says. */
    public Verdict verdict() {
        return result.verdict(failOn);
    }

    /** The findings a report lists for a ruleset: all of them, or the new ones with a baseline. */
    public List<Finding> reported(RulesetAudit ruleset) {
        return result.reported(ruleset);
    }

    /**
     * How reports name a ruleset in their tables: its file, and its name too when the file holds
     * several rulesets of the audit ({@code edge.ios (EDGE-IN)}).
     */
    public Function<RulesetAudit, String> labels() {
        Map<String, Long> perFile = result.rulesets().stream()
                .collect(Collectors.groupingBy(RulesetAudit::file, Collectors.counting()));
        return r -> perFile.getOrDefault(r.file(), 0L) > 1 && !r.name().isEmpty()
                ? r.file() + " (" + r.name() + ")" : r.file();
    }

    /** The baseline's findings no longer found, when asked for. */
    public List<Baseline.Entry> resolved() {
        return showResolved ? result.baseline().map(AuditResult.Comparison::absent).orElse(List.of()) : List.of();
    }

    /** How many findings have a baseline state. */
    long countState(Baseline.State state) {
        if (state == Baseline.State.ABSENT) {
            return result.baseline().map(c -> (long) c.absent().size()).orElse(0L);
        }
        return result.baseline().map(c -> c.states().values().stream().filter(s -> s == state).count()).orElse(0L);
    }

    /** How many reported findings of a ruleset have the severity. */
    long count(RulesetAudit ruleset, Severity severity) {
        return reported(ruleset).stream().filter(f -> f.severity() == severity).count();
    }

    /** How many reported findings of a ruleset are UNKNOWN. */
    long unknown(RulesetAudit ruleset) {
        return reported(ruleset).stream().filter(RulesetAudit::isUnknown).count();
    }

    /** Totals over every ruleset. */
    long count(Severity severity) {
        return result.rulesets().stream().mapToLong(r -> count(r, severity)).sum();
    }

    long unknown() {
        return result.rulesets().stream().mapToLong(this::unknown).sum();
    }

    long errors() {
        return result.rulesets().stream().filter(r -> r.error().isPresent()).count();
    }

    long suppressed() {
        return result.rulesets().stream().mapToLong(r -> r.suppressed().size()).sum();
    }

    /** Why the gate gives its verdict, in one line. */
    String summary() {
        long findings = count(Severity.ERROR) + count(Severity.WARNING) + count(Severity.INFO);
        String what = DiffGate.count(findings, baselineFile.isPresent() ? "new finding" : "finding");
        StringBuilder sb = new StringBuilder(what);
        sb.append(" (").append(count(Severity.ERROR)).append(" error, ").append(count(Severity.WARNING))
                .append(" warning, ").append(count(Severity.INFO)).append(" info), ").append(unknown())
                .append(" unknown");
        if (errors() > 0) {
            sb.append("; ").append(DiffGate.count(errors(), "ruleset")).append(" could not be audited");
        }
        return sb.toString();
    }
}
