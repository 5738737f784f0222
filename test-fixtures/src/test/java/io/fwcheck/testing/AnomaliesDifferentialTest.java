package io.fwcheck.testing;

import io.fwcheck.analysis.Anomalies;
import io.fwcheck.analysis.Anomaly;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.engine.FlowBox;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Action;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.DifferentialCase.Failures;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule anomalies against brute force on seeded random rulesets: a shadowed rule decides no
 * sampled flow and its named rules cover it; removing a rule called redundant changes no sampled
 * verdict under any reading of unmodelled conditions, and for any other rule that decides
 * something there is a flow it decides that the rules after it may decide otherwise (found
 * symbolically, confirmed by brute force); overlap flows are matched by the rule and decided by a
 * named earlier rule with the other action; an empty match matches nothing.
 */
class AnomaliesDifferentialTest {

    static LongStream seeds() {
        return DifferentialCase.seeds(150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anomalies_agree_with_brute_force_first_match(long seed) {
        DifferentialCase c = DifferentialCase.of(seed);
        Ruleset ruleset = c.ruleset;
        CompiledRuleset compiled = CompiledRuleset.compile(ruleset);
        List<Anomaly> anomalies = Anomalies.of(compiled, 40);
        Failures failures = new Failures(c);
        BoxSampler sampler = new BoxSampler(seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Flow> common = c.flows.flows(400);
        List<Rule> rules = ruleset.rules();
        Map<Rule, Integer> position = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            position.put(rules.get(i), i);
        }
        Map<Rule, List<Anomaly.Kind>> kinds = new HashMap<>();
        // what each rule may decide: its match less the fully modelled rules before it
        FlowSet[] decidedNaive = new FlowSet[rules.size()];
        FlowSet covered = compiled.space().none();
        for (int j = 0; j < rules.size(); j++) {
            decidedNaive[j] = compiled.match(j).minus(covered);
            if (rules.get(j).match().isCertain()) {
                covered = covered.union(compiled.match(j));
            }
        }

        for (Anomaly a : anomalies) {
            Rule rule = a.rule();
            int index = position.get(rule);
            kinds.computeIfAbsent(rule, r -> new ArrayList<>()).add(a.kind());
            String label = a.kind() + " " + rule.id();
            List<Flow> samples = new ArrayList<>(common);
            samples.addAll(inside(a.flows().boxes(), sampler, random));
            a.flows().witness().ifPresent(samples::add);
            for (Rule r : a.related()) {
                if (a.kind() == Anomaly.Kind.REDUNDANT ? position.get(r) <= index : position.get(r) >= index) {
                    failures.add(label + " names " + r.id() + " on the wrong side of it");
                }
            }
            switch (a.kind()) {
                case EMPTY_MATCH -> {
                    for (Flow f : samples) {
                        failures.check(!rule.match().matchesModelled(f), () -> label + " matches", f);
                    }
                }
                case SHADOWED -> {
                    boolean differs = a.related().stream().anyMatch(r -> r.action().accepts() != rule.action().accepts());
                    if (differs != a.actionDiffers()) {
                        failures.add(label + " says actionDiffers=" + a.actionDiffers() + " for " + ids(a.related()));
                    }
                    // named: exactly the fully modelled earlier rules that decide part of its match
                    List<Rule> takers = new ArrayList<>();
                    for (int j = 0; j < index; j++) {
                        if (rules.get(j).match().isCertain() && compiled.match(index).intersects(decidedNaive[j])) {
                            takers.add(rules.get(j));
                        }
                    }
                    if (!ids(takers).equals(ids(a.related()))) {
                        failures.add(label + " names " + ids(a.related()) + ", rule by rule " + ids(takers));
                    }
                    for (Flow f : samples) {
                        if (!rule.match().matchesModelled(f)) {
                            continue;
                        }
                        failures.check(coveredBefore(rules, index, f), () -> label + " decides a flow", f);
                        failures.check(a.related().stream().anyMatch(r -> r.match().isCertain() && r.match().matchesModelled(f)),
                                () -> label + ": none of " + ids(a.related()) + " covers a flow of it", f);
                    }
                }
                case REDUNDANT -> {
                    Ruleset without = remove(ruleset, index);
                    Ruleset after = suffix(ruleset, index);
                    for (Flow f : samples) {
                        for (BruteForce.Reading reading : BruteForce.Reading.values()) {
                            Action with = BruteForce.action(ruleset, f, reading);
                            Action gone = BruteForce.action(without, f, reading);
                            failures.check(with.accepts() == gone.accepts(),
                                    () -> label + ": removing it turns " + with + " into " + gone + " (" + reading + ")", f);
                        }
                        if (rule.match().matchesModelled(f) && !coveredBefore(rules, index, f)) {
                            Set<Action> next = BruteForce.possibleActions(after, f);
                            failures.check(accepting(next).equals(Set.of(rule.action().accepts())),
                                    () -> label + ": the rules after it may decide a flow of it " + next, f);
                        }
                    }
                }
                case CONFLICTING_OVERLAP -> {
                    for (Rule r : a.related()) {
                        if (r.action().accepts() == rule.action().accepts()) {
                            failures.add(label + " names " + r.id() + " with the same action");
                        }
                    }
                    for (Flow f : inside(a.flows().boxes(), sampler, random)) {
                        failures.check(rule.match().matchesModelled(f), () -> label + ": overlap flow outside the rule", f);
                        failures.check(a.related().stream().anyMatch(r -> r.match().matchesModelled(f)
                                        && !coveredBefore(rules, position.get(r), f)),
                                () -> label + ": no rule of " + ids(a.related()) + " may decide an overlap flow", f);
                    }
                    // exactly the overlap: every earlier rule with the other action that may decide
                    // part of the match, and all of their parts, computed rule by rule
                    FlowSet match = compiled.match(index);
                    FlowSet overlap = compiled.space().none();
                    List<Rule> conflicting = new ArrayList<>();
                    for (int j = 0; j < index; j++) {
                        FlowSet part = match.intersect(decidedNaive[j]);
                        if (rules.get(j).action().accepts() != rule.action().accepts() && !part.isEmpty()) {
                            conflicting.add(rules.get(j));
                            overlap = overlap.union(part);
                        }
                    }
                    if (!ids(conflicting).equals(ids(a.related()))) {
                        failures.add(label + " names " + ids(a.related()) + ", rule by rule " + ids(conflicting));
                    }
                    if (!FlowSummary.of(overlap, 40).equals(a.flows())) {
                        failures.add(label + " reports overlap " + a.flows() + ", rule by rule " + FlowSummary.of(overlap, 40));
                    }
                    for (Flow f : samples) {
                        boolean expected = rule.match().matchesModelled(f) && conflicting.stream()
                                .anyMatch(r -> r.match().matchesModelled(f) && !coveredBefore(rules, position.get(r), f));
                        failures.check(overlap.contains(f) == expected,
                                () -> label + ": the overlap " + (expected ? "misses" : "holds") + " a flow", f);
                    }
                }
            }
        }

        // every fully modelled rule that decides something and is not called redundant matters
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            List<Anomaly.Kind> found = kinds.getOrDefault(rule, List.of());
            if (!rule.match().isCertain() || found.contains(Anomaly.Kind.REDUNDANT)
                    || found.contains(Anomaly.Kind.SHADOWED) || found.contains(Anomaly.Kind.EMPTY_MATCH)) {
                continue;
            }
            // a flow the rule decides that the rules after it may decide otherwise
            FlowSet decided = compiled.match(i);
            for (int j = 0; j < i; j++) {
                if (rules.get(j).match().isCertain()) {
                    decided = decided.minus(compiled.match(j));
                }
            }
            CompiledRuleset after = CompiledRuleset.compile(compiled.space(), suffix(ruleset, i));
            FlowSet otherwise = rule.action().accepts()
                    ? decided.minus(after.certainlyAccepted())
                    : decided.intersect(after.possiblyAccepted());
            if (otherwise.isEmpty()) {
                failures.add("rule " + rule.id() + " is not called redundant, yet the rules after it decide all it"
                        + " decides alike");
                continue;
            }
            Flow f = otherwise.witness().orElseThrow();
            failures.check(rule.match().matchesModelled(f) && !coveredBefore(rules, i, f)
                            && BruteForce.possibleActions(suffix(ruleset, i), f).stream()
                                    .anyMatch(a -> a.accepts() != rule.action().accepts()),
                    () -> "rule " + rule.id() + " is not called redundant, but brute force finds the rules after it"
                            + " decide its flow alike", f);
        }
        // looking for one kind finds what looking for every kind finds of it
        for (Anomaly.Kind kind : Anomaly.Kind.values()) {
            List<String> alone = Anomalies.of(compiled, 40, EnumSet.of(kind)).stream()
                    .map(AnomaliesDifferentialTest::describe).toList();
            List<String> all = anomalies.stream().filter(a -> a.kind() == kind)
                    .map(AnomaliesDifferentialTest::describe).toList();
            if (!alone.equals(all)) {
                failures.add(kind + " alone: " + alone + ", with every kind: " + all);
            }
        }
        failures.assertNone();
    }

    private static String describe(Anomaly a) {
        return a.kind() + " " + a.rule().id() + " " + ids(a.related()) + " " + a.actionDiffers() + " "
                + a.flows().total() + " " + a.flows().boxes();
    }

    /** Whether some fully modelled rule before {@code index} matches the flow. */
    private static boolean coveredBefore(List<Rule> rules, int index, Flow f) {
        for (int j = 0; j < index; j++) {
            if (rules.get(j).match().isCertain() && rules.get(j).match().matchesModelled(f)) {
                return true;
            }
        }
        return false;
    }

    /** Accept versus deny: drop and reject are alike for anomalies. */
    private static Set<Boolean> accepting(Set<Action> actions) {
        Set<Boolean> out = new java.util.HashSet<>();
        actions.forEach(a -> out.add(a.accepts()));
        return out;
    }

    private static Ruleset remove(Ruleset ruleset, int index) {
        List<Rule> rules = new ArrayList<>(ruleset.rules());
        rules.remove(index);
        return new Ruleset(ruleset.name(), rules, ruleset.defaultAction(), ruleset.source());
    }

    /** The rules after {@code index}, with the same default: what decides a flow once rule {@code index} is gone. */
    private static Ruleset suffix(Ruleset ruleset, int index) {
        List<Rule> rules = ruleset.rules().subList(index + 1, ruleset.rules().size());
        return new Ruleset(ruleset.name(), rules, ruleset.defaultAction(), ruleset.source());
    }

    private static List<Flow> inside(List<FlowBox> boxes, BoxSampler sampler, SplittableRandom random) {
        List<Flow> out = new ArrayList<>();
        for (FlowBox box : boxes) {
            for (int k = 0; k < 3; k++) {
                Flow f = sampler.inside(box, random.nextBoolean());
                if (f != null) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static List<String> ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList();
    }
}
