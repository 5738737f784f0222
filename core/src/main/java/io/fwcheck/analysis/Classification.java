package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import java.util.List;

/**
 * What a ruleset does with a whole set of flows, exactly: the part it accepts, the part it denies
 * (drops or rejects), the part whose fate depends on conditions fwcheck does not model, and the
 * rules that decide each. Made by {@link #of(CompiledRuleset, FlowSet, int)}; every flow of the set
 * is in exactly one of the three parts.
 *
 * @param ruleset the ruleset
 * @param flows the whole set
 * @param accepted the flows accepted whatever unmodelled conditions do
 * @param acceptedBy the rules (or default policy) deciding the accepted flows, in rule order
 * @param denied the flows not accepted under any reading of unmodelled conditions
 * @param deniedBy the rules (or default policy) deciding the denied flows, in rule order
 * @param uncertain the flows accepted or not depending on unmodelled conditions
 * @param unknownCauses the unmodelled conditions the uncertain flows depend on
 * @param decidedBy the rules (or default policy) deciding the whole set, in rule order; a rule with
 *     unmodelled conditions is listed with the flows it may decide, and the rules after it with
 *     the flows it may let pass, so parts may overlap
 */
public record Classification(
        Ruleset ruleset,
        FlowSummary flows,
        FlowSummary accepted,
        List<Decision> acceptedBy,
        FlowSummary denied,
        List<Decision> deniedBy,
        FlowSummary uncertain,
        List<UnknownCause> unknownCauses,
        List<Decision> decidedBy) {

    /** Copies the lists. */
    public Classification {
        acceptedBy = List.copyOf(acceptedBy);
        deniedBy = List.copyOf(deniedBy);
        unknownCauses = List.copyOf(unknownCauses);
        decidedBy = List.copyOf(decidedBy);
    }

    /**
     * Classifies a set of flows.
     *
     * @param compiled the compiled ruleset
     * @param flows flows of the compiled ruleset's {@link io.fwcheck.engine.FlowSpace}, e.g.
     *     {@code compiled.space().of(match)}
     * @param cap how many boxes to list per set of flows
     * @return the classification
     */
    public static Classification of(CompiledRuleset compiled, FlowSet flows, int cap) {
        FlowSet accepted = flows.intersect(compiled.certainlyAccepted());
        FlowSet denied = flows.minus(compiled.possiblyAccepted());
        FlowSet uncertain = flows.minus(accepted).minus(denied);
        return new Classification(
                compiled.ruleset(),
                FlowSummary.of(flows, cap),
                FlowSummary.of(accepted, cap),
                compiled.decisionsOf(accepted, cap),
                FlowSummary.of(denied, cap),
                compiled.decisionsOf(denied, cap),
                FlowSummary.of(uncertain, cap),
                compiled.unknownCausesFor(uncertain),
                compiled.decisionsOf(flows, cap));
    }

    /**
     * Classifies the flows a match describes (its modelled conditions), e.g. one made by
     * {@link io.fwcheck.format.FlowParser#parseSet}, compiling the ruleset on the way.
     *
     * @param ruleset the ruleset
     * @param flows the flows
     * @param cap how many boxes to list per set of flows
     * @return the classification
     */
    public static Classification of(Ruleset ruleset, Match flows, int cap) {
        CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
        return of(compiled, compiled.space().of(flows), cap);
    }

    /** @return the verdict on "every flow of the set is accepted": PASS, FAIL (some are denied) or UNKNOWN */
    public Verdict allAccepted() {
        return !denied.isEmpty() ? Verdict.FAIL : uncertain.isEmpty() ? Verdict.PASS : Verdict.UNKNOWN;
    }

    /** @return the verdict on "no flow of the set is accepted": PASS, FAIL (some are accepted) or UNKNOWN */
    public Verdict noneAccepted() {
        return !accepted.isEmpty() ? Verdict.FAIL : uncertain.isEmpty() ? Verdict.PASS : Verdict.UNKNOWN;
    }
}
