package io.fwcheck.analysis;

import io.fwcheck.engine.AddressPairs;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.engine.FlowSpace;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in exposure checks of audits, computed exactly on the packet space: each looks for a
 * set of new connections (from the internet to administrative ports, to database ports, to an
 * internal-only group; or every protocol and port from a broad source range) in what the ruleset
 * certainly accepts, and reports it once per rule that accepts part of it, with the flows and a
 * witness. A broad accept that an earlier rule makes safe is not flagged: only accepted flows count.
 * Connections arriving on the loopback interface ({@code lo}) never count as from the internet, and
 * only packets of the settings' address families are looked at.
 * Flows that are accepted only under some reading of unmodelled conditions make one
 * {@link FindingType#POSSIBLE_EXPOSURE} finding per check.
 */
public final class ExposureChecks {

    /** The loopback interface: what arrives on it comes from the host itself, never from the internet. */
    public static final String LOOPBACK = "lo";

    private final CompiledRuleset compiled;
    private final FlowSpace space;
    private final Ruleset ruleset;
    private final int cap;
    private final FlowSet fresh;
    private final List<Finding> out = new ArrayList<>();

    private ExposureChecks(CompiledRuleset compiled, int cap) {
        this.compiled = compiled;
        this.space = compiled.space();
        this.ruleset = compiled.ruleset();
        this.cap = cap;
        this.fresh = space.states(EnumSet.of(ConnState.NEW));
    }

    /**
     * The findings of every check, in catalogue order (administrative ports, database ports, broad
     * accepts, internal-only groups in policy order), each check's in rule order.
     *
     * @param cap how many boxes to list per set of flows
     */
    public static List<Finding> of(CompiledRuleset compiled, AuditSettings settings, int cap) {
        return of(compiled, settings, cap, AuditOptions.AUDIT_FINDINGS);
    }

    /**
     * The findings of the checks whose type is among {@code types}, or of every check when
     * {@link FindingType#POSSIBLE_EXPOSURE} is (the possible exposures of every check are found, and
     * the caller keeps the types it wants); the other checks are not run.
     *
     * @param cap how many boxes to list per set of flows
     */
    public static List<Finding> of(CompiledRuleset compiled, AuditSettings settings, int cap, Set<FindingType> types) {
        ExposureChecks checks = new ExposureChecks(compiled, cap);
        boolean possible = types.contains(FindingType.POSSIBLE_EXPOSURE);
        FlowSet internet = checks.fresh.intersect(checks.space.sources(settings.internetAddresses()))
                .minus(checks.space.of(Match.builder().inInterface(InterfaceMatch.of(LOOPBACK)).build()));
        if (possible || types.contains(FindingType.ADMIN_PORT_EXPOSED)) {
            checks.check(FindingType.ADMIN_PORT_EXPOSED, "new connections to admin ports", "",
                    internet.intersect(checks.space.service(settings.adminPorts())));
        }
        if (possible || types.contains(FindingType.DATABASE_PORT_EXPOSED)) {
            checks.check(FindingType.DATABASE_PORT_EXPOSED, "new connections to database ports", "",
                    internet.intersect(checks.space.service(settings.databasePorts())));
        }
        if (possible || types.contains(FindingType.BROAD_ACCEPT)) {
            checks.broad(settings);
        }
        List<AuditSettings.InternalOnly> internalOnly = possible || types.contains(FindingType.INTERNAL_ONLY_EXPOSED)
                ? settings.internalOnly() : List.of();
        for (AuditSettings.InternalOnly internal : internalOnly) {
            if (!internal.appliesTo(checks.ruleset.name(), checks.ruleset.source().file())) {
                continue;
            }
            Endpoint group = internal.group();
            checks.check(FindingType.INTERNAL_ONLY_EXPOSED, "new connections to internal-only group " + group.name(),
                    group.name(), internet.intersect(checks.space.destinations(group.addresses())));
        }
        return List.copyOf(checks.out);
    }

    /** Reports the certainly accepted flows of the target by deciding rule, and those possibly accepted. */
    private void check(FindingType type, String what, String key, FlowSet target) {
        FlowSet accepted = target.intersect(compiled.certainlyAccepted());
        exposed(type, what, key, accepted);
        FlowSet possibly = target.intersect(compiled.possiblyAccepted()).minus(accepted);
        if (!possibly.isEmpty()) {
            out.add(AuditFindings.possibleExposure(type, ruleset, what, key, FlowSummary.of(possibly, cap),
                    compiled.unknownCausesFor(possibly)));
        }
    }

    /** One finding per rule (or the default policy) that accepts part of the flows. */
    private void exposed(FindingType type, String what, String key, FlowSet accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        List<CompiledRuleset.Part> parts = compiled.partition(accepted);
        for (CompiledRuleset.Part part : parts) {
            out.add(AuditFindings.exposure(type, ruleset, part.rule(), what, key, FlowSummary.of(part.flows(), cap),
                    type == FindingType.BROAD_ACCEPT ? others(parts, part) : List.of()));
        }
    }

    /** The rules of the other parts, as many as a finding names (thousands of parts may share one set). */
    private static List<Rule> others(List<CompiledRuleset.Part> parts, CompiledRuleset.Part part) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < parts.size() && out.size() < AuditFindings.MAX_RELATED; i++) {
            CompiledRuleset.Part p = parts.get(i);
            if (p != part) {
                p.rule().ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Every protocol and port accepted from a broad source range: the address pairs all of whose
     * new connections are accepted, searched per family for runs of consecutive sources at least
     * as wide as the threshold that share a destination.
     */
    private void broad(AuditSettings settings) {
        FlowSet old = space.states(EnumSet.complementOf(EnumSet.of(ConnState.NEW)));
        AddressPairs certain = compiled.certainlyAccepted().union(old).pairsWhollyIn();
        // when the two accepted sets are one (as with every rule fully modelled), nothing is uncertain
        AddressPairs possible = compiled.possiblyAccepted().equals(compiled.certainlyAccepted()) ? null
                : compiled.possiblyAccepted().union(old).pairsWhollyIn();
        FlowSet uncertain = space.none();
        String uncertainWhat = null;
        for (IpFamily family : IpFamily.values()) {
            if (!settings.families().contains(family)) {
                continue;
            }
            int bits = settings.broadBits(family);
            for (AddressPairs.SourceRun run : certain.sourceRuns(family, bits)) {
                exposed(FindingType.BROAD_ACCEPT, describe(run), run.sources() + " " + run.destinations(), flows(run));
            }
            if (possible == null) {
                continue;
            }
            for (AddressPairs.SourceRun run : possible.sourceRuns(family, bits)) {
                FlowSet open = flows(run).minus(compiled.certainlyAccepted());
                if (!open.isEmpty()) {
                    uncertain = uncertain.union(open);
                    uncertainWhat = uncertainWhat == null ? describe(run) : uncertainWhat;
                }
            }
        }
        if (!uncertain.isEmpty()) {
            out.add(AuditFindings.possibleExposure(FindingType.BROAD_ACCEPT, ruleset, uncertainWhat, "",
                    FlowSummary.of(uncertain, cap), compiled.unknownCausesFor(uncertain)));
        }
    }

    private FlowSet flows(AddressPairs.SourceRun run) {
        return fresh.intersect(space.sources(AddressSet.of(run.sources())))
                .intersect(space.destinations(run.destinations()));
    }

    /** {@code from 10.0.0.0/8 to 10.0.2.10}, with at most two destination ranges. */
    private static String describe(AddressPairs.SourceRun run) {
        List<AddressRange> to = run.destinations().ranges();
        String destinations = run.destinations().isAll() || to.size() == 1
                && to.get(0).equals(AddressRange.all(to.get(0).family()))
                ? "any " + to.get(0).family().label() + " address"
                : to.stream().limit(2).map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("")
                        + (to.size() > 2 ? " and " + (to.size() - 2) + " more ranges" : "");
        return "from " + run.sources() + " to " + destinations;
    }
}
