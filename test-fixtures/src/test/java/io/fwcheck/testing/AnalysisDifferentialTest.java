package io.fwcheck.testing;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.testing.BruteForce.Reading;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyses against brute force: traces, the certainly/possibly accepted sets, and check
 * verdicts on flows sampled from each requirement's space. With unmodelled conditions a trace
 * is unknown exactly when some reading of them changes the outcome, and a PASS or FAIL must hold
 * under every reading (checked explicitly for "always true" and "always false").
 */
class AnalysisDifferentialTest {

    static LongStream seeds() {
        return DifferentialCase.seeds(200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tracer_is_unknown_exactly_when_readings_of_unmodelled_conditions_disagree(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        Tracer tracer = Tracer.of(ruleset);
        Tracer direct = Tracer.ruleByRule(ruleset);
        // compiles its map part way through the flows
        Tracer adaptive = Tracer.adaptive(ruleset, 5L * ruleset.rules().size());
        Failures failures = new Failures(c);
        for (Flow flow : c.flows.flows(1_000)) {
            TraceResult t = tracer.trace(flow);
            failures.check(t.equals(direct.trace(flow)), () -> "rule map and rule-by-rule traces differ", flow);
            failures.check(t.equals(adaptive.trace(flow)), () -> "rule map and adaptive traces differ", flow);
            Set<Action> possible = BruteForce.possibleActions(ruleset, flow);
            int first = ruleset.firstMatch(flow);
            if (possible.size() == 1) {
                failures.check(t.action().equals(Optional.of(possible.iterator().next())),
                        () -> "trace says " + t.verdict() + ", brute force " + possible, flow);
            } else {
                failures.check(t.isUnknown(), () -> "trace says " + t.verdict() + " but brute force allows " + possible, flow);
                failures.check(!t.unknownCauses().isEmpty(), () -> "unknown trace without causes", flow);
            }
            Rule expectedRule = first == ruleset.rules().size() ? null : ruleset.rules().get(first);
            failures.check(t.rule().orElse(null) == expectedRule,
                    () -> "trace names " + t.decidedBy() + ", first (possible) match is " + (expectedRule == null ? "default" : expectedRule.id()), flow);
            for (Reading reading : Reading.values()) {
                Action a = BruteForce.action(ruleset, flow, reading);
                failures.check(possible.contains(a), () -> "reading " + reading + " gives " + a + " outside " + possible, flow);
                t.action().ifPresent(known -> failures.check(known == a, () -> "trace says " + known + " but " + reading + " gives " + a, flow));
            }
        }
        if (!adaptive.isCompiled() || direct.isCompiled()) {
            failures.add("the adaptive tracer compiled " + adaptive.isCompiled() + ", the rule-by-rule one " + direct.isCompiled());
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void certainly_and_possibly_accepted_agree_with_every_reading(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
        Failures failures = new Failures(c);
        if (!compiled.certainlyAccepted().isSubsetOf(compiled.possiblyAccepted())) {
            failures.add("certainlyAccepted is not a subset of possiblyAccepted");
        }
        if (ruleset.isCertain() && !compiled.certainlyAccepted().equals(compiled.possiblyAccepted())) {
            failures.add("certain ruleset, yet certainlyAccepted != possiblyAccepted");
        }
        for (Flow flow : c.flows.flows(1_000)) {
            boolean certain = compiled.certainlyAccepted().contains(flow);
            boolean possible = compiled.possiblyAccepted().contains(flow);
            failures.check(certain == BruteForce.certainlyAccepted(ruleset, flow),
                    () -> "certainlyAccepted.contains = " + certain + ", possible actions " + BruteForce.possibleActions(ruleset, flow), flow);
            failures.check(possible == BruteForce.possiblyAccepted(ruleset, flow),
                    () -> "possiblyAccepted.contains = " + possible + ", possible actions " + BruteForce.possibleActions(ruleset, flow), flow);
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void what_each_rule_decides_and_the_accepted_sets_joined_from_it_agree_with_brute_force(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        List<Rule> rules = ruleset.rules();
        CompiledRuleset merged = CompiledRuleset.compile(ruleset);
        // in the same space, so that equal sets are the same diagram
        CompiledRuleset joined = CompiledRuleset.of(merged.space(), ruleset);
        List<FlowSet> decided = joined.decided();
        Failures failures = new Failures(c);
        if (decided.size() != rules.size()) {
            failures.add(decided.size() + " parts for " + rules.size() + " rules");
        }
        if (!joined.certainlyAccepted().equals(merged.certainlyAccepted())) {
            failures.add("certainly accepted, joined from the parts, differs from the compiled one");
        }
        if (!joined.possiblyAccepted().equals(merged.possiblyAccepted())) {
            failures.add("possibly accepted, joined from the parts, differs from the compiled one");
        }
        for (Flow flow : c.flows.flows(1_000)) {
            // a rule may decide a flow its modelled match holds when no earlier fully modelled rule matches it
            boolean open = true;
            for (int j = 0; j < rules.size(); j++) {
                Rule rule = rules.get(j);
                boolean matches = rule.match().matchesModelled(flow);
                boolean expected = open && matches;
                boolean actual = decided.get(j).contains(flow);
                int index = j;
                failures.check(actual == expected, () -> "rule " + index + " (" + rule.id() + ") decides the flow: "
                        + actual + ", brute force " + expected, flow);
                if (matches && rule.match().isCertain()) {
                    open = false;
                }
            }
            boolean accepted = joined.certainlyAccepted().contains(flow);
            failures.check(accepted == BruteForce.certainlyAccepted(ruleset, flow),
                    () -> "joined certainlyAccepted.contains = " + accepted, flow);
        }
        failures.assertNone();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void check_verdicts_hold_on_every_sampled_flow_of_the_requirement(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        Policy policy = PolicyGenerator.seeded(seed).about(ruleset).generate(12);
        FlowGenerator flows = FlowGenerator.seeded(seed).biasedToward(ruleset).biasedToward(policy);
        // as fwcheck check does: only the flows the requirements look at are compiled
        CheckResult result = Checker.check(CompiledRuleset.of(ruleset), policy, 20);
        Failures failures = new Failures(c);
        CheckResult compiled = Checker.check(CompiledRuleset.compile(ruleset), policy, 20);
        for (int i = 0; i < result.results().size(); i++) {
            if (!result.results().get(i).equals(compiled.results().get(i))) {
                failures.add(result.results().get(i).requirement().id() + ": " + result.results().get(i).verdict()
                        + " checked on its flows alone, " + compiled.results().get(i).verdict()
                        + " (or other evidence) on the ruleset compiled over every flow");
            }
        }
        BoxSampler sampler = new BoxSampler(seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (RequirementResult r : result.results()) {
            Requirement req = r.requirement();
            String label = req.id() + " (" + req.text() + ") " + r.verdict();
            List<Flow> samples = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                samples.add(inRequirement(req, flows, random));
            }
            samples.addAll(flows.flows(50).stream().map(f -> f.withState(ConnState.NEW)).toList());
            FlowSummary evidence = r.verdict() == Verdict.FAIL ? r.violation() : r.uncertain();
            evidence.witness().ifPresent(samples::add);
            for (FlowBox box : evidence.boxes()) {
                Flow f = sampler.inside(box, random.nextBoolean());
                if (f != null) {
                    samples.add(f);
                }
            }
            if (r.verdict() != Verdict.PASS && evidence.witness().isEmpty()) {
                failures.add(label + " comes without a witness");
            }
            if (r.verdict() == Verdict.PASS && (!r.violation().isEmpty() || !r.uncertain().isEmpty())) {
                failures.add(label + " has a violation or uncertain flows");
            }
            if (r.verdict() == Verdict.UNKNOWN && r.unknownCauses().isEmpty()) {
                failures.add(label + " names no unknown cause");
            }
            if (r.verdict() == Verdict.FAIL && r.violation().witness().isPresent()) {
                int decider = ruleset.firstMatch(r.violation().witness().get());
                String name = decider == ruleset.rules().size() ? "default policy" : ruleset.rules().get(decider).id();
                failures.check(r.decidedBy().stream().anyMatch(d -> d.name().equals(name)),
                        () -> label + ": decidedBy " + r.decidedBy().stream().map(d -> d.name()).toList()
                                + " misses the witness's first match " + name, r.violation().witness().get());
            }
            boolean wantsAccept = req instanceof Requirement.MustAllow;
            for (Flow f : samples) {
                if (!BruteForce.inScope(req, f)) {
                    failures.check(!evidenceHolds(r, f), () -> label + ": evidence lies outside the requirement", f);
                    continue;
                }
                boolean acceptedTrue = BruteForce.action(ruleset, f, Reading.UNMODELLED_TRUE).accepts();
                boolean acceptedFalse = BruteForce.action(ruleset, f, Reading.UNMODELLED_FALSE).accepts();
                boolean certainly = BruteForce.certainlyAccepted(ruleset, f);
                boolean possibly = BruteForce.possiblyAccepted(ruleset, f);
                // good: the flow meets the requirement whatever unmodelled conditions do
                boolean good = wantsAccept ? certainly : !possibly;
                // bad: the flow breaks the requirement whatever they do
                boolean bad = wantsAccept ? !possibly : certainly;
                if (r.verdict() == Verdict.PASS) {
                    failures.check(good, () -> label + " but brute force finds a flow that is not surely "
                            + (wantsAccept ? "accepted" : "refused"), f);
                    failures.check(wantsAccept ? acceptedTrue && acceptedFalse : !acceptedTrue && !acceptedFalse,
                            () -> label + " contradicted by one extreme reading", f);
                }
                if (r.verdict() != Verdict.FAIL) {
                    failures.check(!bad, () -> label + " but brute force finds a flow that breaks it under every reading", f);
                }
                if (isIn(r.violation(), f) || r.violation().witness().filter(f::equals).isPresent()) {
                    failures.check(bad, () -> label + ": violation flow does not break the requirement under every reading", f);
                    failures.check(wantsAccept ? !acceptedTrue && !acceptedFalse : acceptedTrue && acceptedFalse,
                            () -> label + ": violation flow is fine under one extreme reading", f);
                }
                if (isIn(r.uncertain(), f) || r.uncertain().witness().filter(f::equals).isPresent()) {
                    failures.check(!good && !bad, () -> label + ": uncertain flow is certain by brute force", f);
                }
            }
        }
        failures.assertNone();
    }

    private static boolean evidenceHolds(RequirementResult r, Flow f) {
        return isIn(r.violation(), f) || isIn(r.uncertain(), f)
                || r.violation().witness().filter(f::equals).isPresent()
                || r.uncertain().witness().filter(f::equals).isPresent();
    }

    private static boolean isIn(FlowSummary summary, Flow f) {
        return summary.boxes().stream().anyMatch(b -> BoxSampler.contains(b, f));
    }

    /** A NEW flow the requirement is about (for only-allow: toward its destination). */
    private static Flow inRequirement(Requirement req, FlowGenerator flows, SplittableRandom random) {
        AddressSet from;
        AddressSet to;
        Service service;
        if (req instanceof Requirement.MustAllow r) {
            from = r.from().addresses();
            to = r.to().addresses();
            service = r.service();
        } else if (req instanceof Requirement.MustDeny r) {
            from = r.from().addresses();
            to = r.to().addresses();
            service = r.service();
        } else {
            Requirement.OnlyAllow r = (Requirement.OnlyAllow) req;
            to = r.to().addresses();
            boolean allowed = !r.allow().isEmpty() && random.nextInt(3) == 0;
            Requirement.Allowance a = allowed ? r.allow().get(random.nextInt(r.allow().size())) : null;
            from = a != null ? a.from().addresses() : AddressSet.all();
            service = a != null ? a.service() : Service.ANY;
        }
        List<IpFamily> families = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            if (from.has(f) && to.has(f)) {
                families.add(f);
            }
        }
        IpFamily family = families.isEmpty() ? IpFamily.IPV4 : families.get(random.nextInt(families.size()));
        if (families.isEmpty()) {
            return flows.next().withState(ConnState.NEW);
        }
        Service.Part part = service.parts().get(random.nextInt(service.parts().size()));
        IntRanges protocols = part.protocols();
        if (part.ports().isPresent()) {
            protocols = protocols.intersect(Protocol.WITH_PORTS);
        }
        if (part.icmp().isPresent()) {
            protocols = protocols.intersect(IntRanges.of(Protocol.icmpOf(family)));
        }
        int protocol = random.nextInt(3) == 0 && protocols.contains(Protocol.TCP) ? Protocol.TCP
                : protocols.isEmpty() ? Protocol.TCP : flows.valueIn(protocols);
        Flow base = flows.flow(family, flows.addressIn(from, family), flows.addressIn(to, family), protocol);
        int dport = part.ports().isPresent() && Protocol.hasPorts(protocol) ? flows.valueIn(part.ports().get()) : base.destinationPort();
        int icmp = part.icmp().isPresent() && Protocol.carriesIcmp(family, protocol) ? flows.valueIn(part.icmp().get()) : base.icmpValue();
        return new Flow(family, base.source(), base.destination(), protocol, base.sourcePort(), dport,
                icmp >>> 8, icmp & 0xFF, ConnState.NEW, base.inInterface(), base.outInterface());
    }
}
