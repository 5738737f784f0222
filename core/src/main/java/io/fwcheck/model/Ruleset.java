package io.fwcheck.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered list of rules and a default action: the first rule whose match covers a packet
 * decides it, otherwise the default action does.
 *
 * @param name the ruleset's name
 * @param rules the rules in evaluation order; ids are unique
 * @param defaultAction what happens to a packet no rule matches
 * @param source where the ruleset was read from (the location of its default action when known)
 * @param chains the chains the rules were flattened from (iptables, nftables), which give trace
 *     paths; empty for a ruleset written as one list (YAML)
 */
public record Ruleset(String name, List<Rule> rules, Action defaultAction, SourceLocation source, Optional<Chains> chains) {

    /** A ruleset written as one list, without chains. */
    public Ruleset(String name, List<Rule> rules, Action defaultAction, SourceLocation source) {
        this(name, rules, defaultAction, source, Optional.empty());
    }

    public Ruleset {
        rules = List.copyOf(rules);
        if (name == null || defaultAction == null || source == null || chains == null) {
            throw new IllegalArgumentException("ruleset name, default action, source and chains are required");
        }
        Set<String> ids = new HashSet<>();
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("duplicate rule id " + r.id());
            }
        }
    }

    /** The same rules, flattened from {@code value}. */
    public Ruleset withChains(Chains value) {
        return new Ruleset(name, rules, defaultAction, source, Optional.of(Objects.requireNonNull(value, "chains")));
    }

    /**
     * Reference first-match semantics on one flow, ignoring unmodelled conditions' uncertainty:
     * the index of the first rule whose modelled conditions match, or {@code rules().size()} for
     * the default action. Engines are tested against this.
     */
    public int firstMatch(Flow flow) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).match().matchesModelled(flow)) {
                return i;
            }
        }
        return rules.size();
    }

    /**
     * The files the rules and the default action were read from, in order of first appearance:
     * one file, or both dumps of an iptables-save dump read with its ip6tables-save dump.
     */
    public List<String> files() {
        Set<String> out = new LinkedHashSet<>();
        for (Rule r : rules) {
            out.add(r.location().file());
        }
        out.add(source.file());
        return List.copyOf(out);
    }

    /**
     * How many rules the input has: the rules at one known place count once (the copies of a
     * chain's rule on each path into the chain, the alternatives of a rule that lists several),
     * those added around them ({@link Rule#standIn()}) not at all.
     */
    public int writtenRules() {
        return written().size();
    }

    /**
     * The rules of each rule of the input, as indexes in rule order, the written rules in the
     * order they first occur: the rules at one known place together, a rule without a known place
     * alone, those added around them ({@link Rule#standIn()}) in none.
     */
    public List<List<Integer>> written() {
        Map<SourceLocation, List<Integer>> byPlace = new LinkedHashMap<>();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.standIn()) {
                continue;
            }
            if (r.location().line() == 0) {
                out.add(List.of(i));
            } else {
                List<Integer> copies = byPlace.get(r.location());
                if (copies == null) {
                    copies = new ArrayList<>();
                    byPlace.put(r.location(), copies);
                    out.add(copies);
                }
                copies.add(i);
            }
        }
        return out;
    }

    /** True when every rule's match is fully modelled. */
    public boolean isCertain() {
        return rules.stream().allMatch(r -> r.match().isCertain());
    }
}
