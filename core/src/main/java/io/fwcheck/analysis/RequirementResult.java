package io.fwcheck.analysis;

import io.fwcheck.model.Requirement;
import java.util.List;

/**
 * The verdict on one requirement with its evidence.
 *
 * @param requirement what was checked
 * @param verdict PASS, FAIL or UNKNOWN
 * @param message one line saying what was found
 * @param violation the flows that break the requirement (empty unless FAIL)
 * @param decidedBy the rules (or default policy) deciding the violating flows, in rule order
 * @param uncertain the flows whose fate decides the requirement but is not known (empty unless UNKNOWN)
 * @param unknownCauses the unmodelled conditions behind an UNKNOWN
 */
public record RequirementResult(
        Requirement requirement,
        Verdict verdict,
        String message,
        FlowSummary violation,
        List<Decision> decidedBy,
        FlowSummary uncertain,
        List<UnknownCause> unknownCauses) {

    public RequirementResult {
        decidedBy = List.copyOf(decidedBy);
        unknownCauses = List.copyOf(unknownCauses);
    }
}
