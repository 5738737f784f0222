package io.fwcheck.testing;

import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Match;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The reference evaluator the engine is tested against: walks the rules one by one for one flow.
 * Three-valued, as the engine promises: a rule that is not {@link Match#isCertain()} (unmodelled
 * conditions of its own or in an exception) may or may not match where
 * {@link Match#matchesModelled} holds, independently of every other rule. The two extreme
 * readings evaluate every unmodelled condition as true, or as false, exceptions included.
 */
final class BruteForce {
    private BruteForce() {}

    /** How unmodelled conditions are read: they always hold, or they never do. */
    enum Reading {
        UNMODELLED_TRUE,
        UNMODELLED_FALSE
    }

    /** Index of the deciding rule under one reading, {@code rules().size()} for the default. */
    static int decider(Ruleset ruleset, Flow flow, Reading reading) {
        List<Rule> rules = ruleset.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (matches(rules.get(i).match(), flow, reading)) {
                return i;
            }
        }
        return rules.size();
    }

    /**
     * Whether the match holds under one reading: its own conditions hold (unmodelled ones as the
     * reading says) and none of its exceptions does.
     */
    static boolean matches(Match m, Flow flow, Reading reading) {
        if (!m.unmodelled().isEmpty() && reading == Reading.UNMODELLED_FALSE) {
            return false;
        }
        if (m.except().isEmpty()) {
            return m.matchesModelled(flow);
        }
        Match own = new Match(m.families(), m.sources(), m.destinations(), m.protocols(), m.sourcePorts(),
                m.destinationPorts(), m.icmp(), m.states(), m.inInterface(), m.outInterface(), m.unmodelled(), List.of());
        if (!own.matchesModelled(flow)) {
            return false;
        }
        for (Match e : m.except()) {
            if (matches(e, flow, reading)) {
                return false;
            }
        }
        return true;
    }

    static Action action(Ruleset ruleset, Flow flow, Reading reading) {
        return actionOf(ruleset, decider(ruleset, flow, reading));
    }

    static Action actionOf(Ruleset ruleset, int index) {
        return index == ruleset.rules().size() ? ruleset.defaultAction() : ruleset.rules().get(index).action();
    }

    /** Every action some reading of the unmodelled conditions (rule by rule) leads to. */
    static Set<Action> possibleActions(Ruleset ruleset, Flow flow) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Rule r : ruleset.rules()) {
            if (r.match().matchesModelled(flow)) {
                out.add(r.action());
                if (r.match().isCertain()) {
                    return out;
                }
            }
        }
        out.add(ruleset.defaultAction());
        return out;
    }

    static boolean certainlyAccepted(Ruleset ruleset, Flow flow) {
        return possibleActions(ruleset, flow).equals(EnumSet.of(Action.ACCEPT));
    }

    static boolean possiblyAccepted(Ruleset ruleset, Flow flow) {
        return possibleActions(ruleset, flow).contains(Action.ACCEPT);
    }

    /** True when the flow is one the requirement is about (for only-allow: one it does not allow). */
    static boolean inScope(Requirement requirement, Flow flow) {
        if (flow.state() != ConnState.NEW) {
            return false;
        }
        if (requirement instanceof Requirement.MustAllow r) {
            return r.from().addresses().contains(flow.source())
                    && r.to().addresses().contains(flow.destination())
                    && r.service().covers(flow);
        }
        if (requirement instanceof Requirement.MustDeny r) {
            return r.from().addresses().contains(flow.source())
                    && r.to().addresses().contains(flow.destination())
                    && r.service().covers(flow);
        }
        Requirement.OnlyAllow r = (Requirement.OnlyAllow) requirement;
        if (!r.to().addresses().contains(flow.destination())) {
            return false;
        }
        return r.allow().stream()
                .noneMatch(a -> a.from().addresses().contains(flow.source()) && a.service().covers(flow));
    }
}
