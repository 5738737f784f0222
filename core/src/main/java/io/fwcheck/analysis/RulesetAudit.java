package io.fwcheck.analysis;

import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Suppression;
import java.util.List;
import java.util.Optional;

/**
 * The audit of one ruleset (a file, or one of the rulesets of a file that holds several): its
 * findings (requirements of the policy, exposure checks, rule anomalies), those suppressed by a
 * reasoned {@code suppress:} on their rule, or the error that kept it from being read.
 *
 * @param file the file as named when it was found
 * @param name the ruleset's name, empty when the file could not be read
 * @param rules how many rules of the input it has ({@link io.fwcheck.model.Ruleset#writtenRules()})
 * @param findings what was found and not suppressed: requirements in policy order, then exposure
 *     checks, then anomalies in rule order
 * @param suppressed what was found and suppressed, with the suppression
 * @param error why the file could not be audited, when it could not
 */
public record RulesetAudit(String file, String name, int rules, List<Finding> findings,
        List<SuppressedFinding> suppressed, Optional<Problem> error) {

    /** A finding not reported because its rule suppresses its type. */
    public record SuppressedFinding(Finding finding, Suppression suppression) {}

    /** Why a file could not be audited: where and what, as an input error gives it. */
    public record Problem(SourceLocation location, String message) {}

    public RulesetAudit {
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }

    /**
     * A file (or one of the rulesets of a file that holds several, then named) that could not be
     * read or audited.
     */
    static RulesetAudit failed(String file, String name, SourceLocation location, String message) {
        return new RulesetAudit(file, name, 0, List.of(), List.of(), Optional.of(new Problem(location, message)));
    }

    /** True when a finding's outcome is UNKNOWN: it depends on conditions fwcheck does not model. */
    public static boolean isUnknown(Finding finding) {
        return finding.type() == FindingType.REQUIREMENT_UNKNOWN || finding.type() == FindingType.POSSIBLE_EXPOSURE;
    }

    /** How many checks (requirements and exposure checks) are UNKNOWN. */
    public long unknown() {
        return findings.stream().filter(RulesetAudit::isUnknown).count();
    }

    /** How many findings have the severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
