package io.fwcheck.analysis;

import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.format.InputException;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Requirement.Allowance;
import io.fwcheck.model.Requirement.MustAllow;
import io.fwcheck.model.Requirement.MustDeny;
import io.fwcheck.model.Requirement.OnlyAllow;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a ruleset against the requirements of a policy, exactly: each requirement's flows are a
 * set compared with the sets the ruleset certainly and possibly accepts.
 */
public final class Checker {

    private final CompiledRuleset compiled;
    private final FlowSpace space;
    private final int cap;
    /** Each requirement's flows, in policy order. */
    private final List<FlowSet> regions = new ArrayList<>();
    /** What the ruleset certainly and possibly accepts of the flows the requirements look at. */
    private final FlowSet certainly;
    private final FlowSet possibly;

    private Checker(CompiledRuleset compiled, Policy policy, int cap) {
        this.compiled = compiled;
        this.space = compiled.space();
        this.cap = cap;
        for (Requirement r : policy.requirements()) {
            regions.add(region(r));
        }
        FlowSet[] accepted = compiled.acceptedOn(FlowSet.unionOf(space, regions));
        this.certainly = accepted[0];
        this.possibly = accepted[1];
    }

    /** Checks every requirement of the policy, listing at most {@link FlowSummary#DEFAULT_CAP} boxes per set. */
    public static CheckResult check(Ruleset ruleset, Policy policy) {
        return check(CompiledRuleset.of(ruleset), policy, FlowSummary.DEFAULT_CAP);
    }

    /**
     * Checks every requirement of the policy on a compiled ruleset. Where the ruleset's accepted
     * sets are not compiled yet, only the flows the requirements look at are.
     *
     * @param cap how many boxes to list per set of flows
     * @throws InputException when a requirement covers no flow at all
     */
    public static CheckResult check(CompiledRuleset compiled, Policy policy, int cap) {
        Checker checker = new Checker(compiled, policy, cap);
        List<RequirementResult> results = new ArrayList<>();
        for (int i = 0; i < checker.regions.size(); i++) {
            results.add(checker.evaluate(policy.requirements().get(i), checker.regions.get(i)));
        }
        return new CheckResult(compiled.ruleset(), policy, results);
    }

    /** The flows a requirement is about: those it requires, forbids, or limits. */
    private FlowSet region(Requirement requirement) {
        if (requirement instanceof MustAllow r) {
            return covered(r, connections(r.from().addresses(), r.to().addresses(), r.service()));
        }
        if (requirement instanceof MustDeny r) {
            return covered(r, connections(r.from().addresses(), r.to().addresses(), r.service()));
        }
        OnlyAllow r = (OnlyAllow) requirement;
        return covered(r, newConnections().intersect(space.destinations(r.to().addresses())));
    }

    private RequirementResult evaluate(Requirement requirement, FlowSet region) {
        if (requirement instanceof MustAllow r) {
            return mustAllow(r, region);
        }
        if (requirement instanceof MustDeny r) {
            return mustDeny(r, region);
        }
        return onlyAllow((OnlyAllow) requirement, region);
    }

    private FlowSet newConnections() {
        return space.states(EnumSet.of(ConnState.NEW));
    }

    private FlowSet connections(AddressSet from, AddressSet to, Service service) {
        return newConnections().intersect(space.sources(from)).intersect(space.destinations(to))
                .intersect(space.service(service));
    }

    private FlowSet covered(Requirement requirement, FlowSet flows) {
        if (flows.isEmpty()) {
            throw new InputException(requirement.location(),
                    "requirement '" + requirement.id() + "' covers no flow: its addresses share no IP family"
                            + " or its service matches nothing",
                    "source and destination addresses of the same family (IPv4 or IPv6)");
        }
        return flows;
    }

    private RequirementResult mustAllow(MustAllow r, FlowSet required) {
        FlowSet blocked = required.minus(possibly);
        FlowSet open = required.intersect(possibly).minus(certainly);
        String what = "connections from " + r.from() + " to " + r.to() + " on " + r.service().name();
        if (!blocked.isEmpty()) {
            List<Decision> deciders = compiled.decisionsOf(blocked, cap);
            return fail(r, "some " + what + " are not accepted: " + blame(deciders, "blocked by"), blocked, deciders);
        }
        if (!open.isEmpty()) {
            return unknown(r, "whether all " + what + " are accepted depends on conditions fwcheck does not model", open);
        }
        return pass(r, "every " + what.replaceFirst("connections", "connection") + " is accepted");
    }

    private RequirementResult mustDeny(MustDeny r, FlowSet forbidden) {
        FlowSet accepted = forbidden.intersect(certainly);
        FlowSet open = forbidden.intersect(possibly).minus(certainly);
        String what = "connections from " + r.from() + " to " + r.to()
                + (r.service().isAny() ? "" : " on " + r.service().name());
        if (!accepted.isEmpty()) {
            List<Decision> deciders = compiled.decisionsOf(accepted, cap);
            return fail(r, "some " + what + " are accepted: " + blame(deciders, "by"), accepted, deciders);
        }
        if (!open.isEmpty()) {
            return unknown(r, "whether " + what + " are all refused depends on conditions fwcheck does not model", open);
        }
        return pass(r, "no " + what.replaceFirst("connections", "connection") + " is accepted");
    }

    private RequirementResult onlyAllow(OnlyAllow r, FlowSet toward) {
        FlowSet allowed = space.none();
        for (Allowance a : r.allow()) {
            allowed = allowed.union(space.sources(a.from().addresses()).intersect(space.service(a.service())));
        }
        FlowSet extra = toward.intersect(certainly).minus(allowed);
        FlowSet open = toward.intersect(possibly).minus(allowed).minus(certainly);
        if (!extra.isEmpty()) {
            List<Decision> deciders = compiled.decisionsOf(extra, cap);
            return fail(r, "connections to " + r.to() + " beyond the allowed ones are accepted: "
                    + blame(deciders, "by"), extra, deciders);
        }
        if (!open.isEmpty()) {
            return unknown(r, "whether only the allowed connections to " + r.to()
                    + " are accepted depends on conditions fwcheck does not model", open);
        }
        return pass(r, "only the allowed connections to " + r.to() + " are accepted");
    }

    private static String blame(List<Decision> deciders, String verb) {
        String names = deciders.stream().limit(3)
                .map(d -> d.rule().isPresent() ? d.rule().get().describe() : "the default policy (" + d.action().label() + ")")
                .collect(Collectors.joining(", "));
        return verb + " " + names + (deciders.size() > 3 ? " and " + (deciders.size() - 3) + " more" : "");
    }

    private RequirementResult pass(Requirement r, String message) {
        return new RequirementResult(r, Verdict.PASS, message, FlowSummary.of(space.none(), cap), List.of(),
                FlowSummary.of(space.none(), cap), List.of());
    }

    private RequirementResult fail(Requirement r, String message, FlowSet violation, List<Decision> deciders) {
        return new RequirementResult(r, Verdict.FAIL, message, FlowSummary.of(violation, cap), deciders,
                FlowSummary.of(space.none(), cap), List.of());
    }

    private RequirementResult unknown(Requirement r, String message, FlowSet open) {
        return new RequirementResult(r, Verdict.UNKNOWN, message, FlowSummary.of(space.none(), cap), List.of(),
                FlowSummary.of(open, cap), compiled.unknownCausesFor(open));
    }
}
