package io.fwcheck.analysis;

import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The exact semantic difference between two versions of a ruleset.
 *
 * @param before the ruleset before the change
 * @param after the ruleset after the change
 * @param newlyAccepted flows accepted after but not before (certainly, whatever unmodelled conditions do)
 * @param acceptedGroups the newly accepted flows by (rule before → rule after)
 * @param newlyBlocked flows accepted before but not after (certainly)
 * @param blockedGroups the newly blocked flows by (rule before → rule after)
 * @param uncertain flows whose verdict may change, depending on unmodelled conditions
 * @param unknownCauses the unmodelled conditions behind {@code uncertain}
 * @param ruleChanges textual rule changes, each with its semantic effect
 * @param policy the policy evaluated, if any
 * @param requirements each requirement before and after, in policy order
 * @param exposures one per watched source range
 */
public record DiffResult(
        Ruleset before,
        Ruleset after,
        FlowSummary newlyAccepted,
        List<DiffGroup> acceptedGroups,
        FlowSummary newlyBlocked,
        List<DiffGroup> blockedGroups,
        FlowSummary uncertain,
        List<UnknownCause> unknownCauses,
        List<RuleChange> ruleChanges,
        Optional<Policy> policy,
        List<RequirementChange> requirements,
        List<Exposure> exposures) {

    public DiffResult {
        acceptedGroups = List.copyOf(acceptedGroups);
        blockedGroups = List.copyOf(blockedGroups);
        unknownCauses = List.copyOf(unknownCauses);
        ruleChanges = List.copyOf(ruleChanges);
        requirements = List.copyOf(requirements);
        exposures = List.copyOf(exposures);
    }

    /** True when the default action changed. */
    public boolean defaultChanged() {
        return before.defaultAction() != after.defaultAction();
    }

    /** True when no flow's verdict changes (and none may). */
    public boolean equivalent() {
        return newlyAccepted.isEmpty() && newlyBlocked.isEmpty() && uncertain.isEmpty();
    }

    public List<RequirementChange> withStatus(RequirementChange.Status status) {
        return requirements.stream().filter(r -> r.status() == status).toList();
    }

    /**
     * The gate's verdict: FAIL when a requirement of at least {@code failOn} severity regresses
     * (or, with {@code failOnExisting}, still fails) or a watched range is newly exposed; else
     * UNKNOWN when a requirement is unknown after the change or a watched range may be newly
     * exposed; else PASS.
     */
    public Verdict gate(Severity failOn, boolean failOnExisting) {
        boolean failed = requirements.stream().anyMatch(r -> r.requirement().severity().atLeast(failOn)
                && (r.status() == RequirementChange.Status.REGRESSION
                        || failOnExisting && r.status() == RequirementChange.Status.STILL_FAILING));
        if (failed || exposures.stream().anyMatch(Exposure::exposed)) {
            return Verdict.FAIL;
        }
        boolean unknown = requirements.stream().anyMatch(r -> r.status() == RequirementChange.Status.UNKNOWN)
                || exposures.stream().anyMatch(e -> !e.uncertain().isEmpty());
        return unknown ? Verdict.UNKNOWN : Verdict.PASS;
    }

    /**
     * The findings, located in the ruleset after the change: one per requirement that regressed,
     * still fails, is fixed or is unknown (policy order); per watched range newly or possibly
     * exposed; per opened and blocked group; and one for uncertain flows.
     */
    public List<Finding> findings() {
        return Finding.of(this);
    }
}
