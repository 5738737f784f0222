package io.fwcheck.format.cloud;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * What the cloud firewalls have in common: the direction a hook stands for, the return traffic of
 * stateful filters, names resolved to addresses (or left uncertain), and the selection of one or
 * several rulesets of a file.
 */
public final class CloudRules {

    /** The id of the rule accepting the return traffic of accepted connections. */
    public static final String RETURN_TRAFFIC = "established";

    private CloudRules() {}

    /** Traffic into the filtered resources, or out of them. */
    public enum Direction {
        INGRESS,
        EGRESS;

        /** {@code ingress} or {@code egress}. */
        public String label() {
            return this == INGRESS ? "ingress" : "egress";
        }
    }

    /**
     * The direction a hook stands for: INPUT is ingress (traffic to the instances), OUTPUT egress
     * (traffic they send).
     *
     * @param what the format, for the message, e.g. {@code AWS security groups}
     * @throws InputException for FORWARD, which cloud filters do not have
     */
    public static Direction direction(Hook hook, String what, String fileName) {
        return switch (hook) {
            case INPUT -> Direction.INGRESS;
            case OUTPUT -> Direction.EGRESS;
            case FORWARD -> throw new InputException(new SourceLocation(fileName, 0, 0), what
                    + " filter the traffic to and from the instances, not traffic routed through them",
                    "--chain INPUT (ingress, the default) or --chain OUTPUT (egress)");
        };
    }

    /**
     * The first rule of a stateful filter: packets of connections already accepted (and related
     * ones, e.g. ICMP errors) pass whatever the rules say.
     *
     * @param at where the filter is defined
     * @param taken rule ids already used, so that the id is unique
     */
    public static Rule returnTraffic(SourceLocation at, Collection<String> taken) {
        String id = RETURN_TRAFFIC;
        for (int n = 2; taken.contains(id); n++) {
            id = RETURN_TRAFFIC + "-" + n;
        }
        Match match = Match.builder().states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build();
        return new Rule(id, Action.ACCEPT, match, "stateful: return traffic of accepted connections", at, false).asStandIn();
    }

    /**
     * A port or a port range as the clouds write them: {@code 22} or {@code 1024-65535}.
     *
     * @return {@code {first, last}}
     * @throws IllegalArgumentException naming the text and ending in {@code (expected …)}
     */
    public static int[] portRange(String text) {
        String expected = " (expected a port 0-65535 or a range like 1024-65535)";
        int dash = text.indexOf('-');
        String lo = dash < 0 ? text : text.substring(0, dash);
        String hi = dash < 0 ? text : text.substring(dash + 1);
        if (!lo.matches("0|[1-9][0-9]{0,4}") || !hi.matches("0|[1-9][0-9]{0,4}")) {
            throw new IllegalArgumentException("'" + text + "' is not a port or port range" + expected);
        }
        int first = Integer.parseInt(lo);
        int last = Integer.parseInt(hi);
        if (last > Match.PORT_MAX || first > last) {
            throw new IllegalArgumentException("port range '" + text + "' is not valid" + expected);
        }
        return new int[] {first, last};
    }

    /** {@code id}, or {@code id-2}, {@code id-3}, … when taken; the result is added to {@code taken}. */
    public static String unique(String id, Collection<String> taken) {
        String out = id;
        for (int n = 2; taken.contains(out); n++) {
            out = id + "-" + n;
        }
        taken.add(out);
        return out;
    }

    /**
     * A name's addresses: those it is defined with, or every address with an unmodelled condition
     * (the rule may match any of them) when it is not defined.
     *
     * @param addresses the addresses to match (every address when the name is not defined)
     * @param unknown the unmodelled condition when the name is not defined
     * @param note what the name was resolved to, for rule comments; empty when not defined
     */
    public record Resolved(AddressSet addresses, Optional<Unmodelled> unknown, String note) {

        /** Adds this condition on the source or destination to a match. */
        public Match.Builder applyTo(Match.Builder b, boolean source) {
            if (source) {
                b.sources(addresses);
            } else {
                b.destinations(addresses);
            }
            unknown.ifPresent(b::unmodelled);
            return b;
        }
    }

    /**
     * Resolves a name.
     *
     * @param what what the name is, e.g. {@code security group}
     * @param hint how to define it, e.g. {@code give its members with --sg-members}
     */
    public static Resolved resolve(AddressNames names, String name, String what, String hint, SourceLocation at) {
        Optional<AddressNames.Definition> d = names.get(name);
        if (d.isPresent()) {
            return new Resolved(d.get().addresses(), Optional.empty(),
                    what + " " + name + " = " + d.get().addresses() + " (" + d.get().origin() + ")");
        }
        return new Resolved(AddressSet.all(), Optional.of(new Unmodelled(what + " " + name
                + " (its addresses are not known: " + hint + ")", at)), "");
    }

    /**
     * The addresses of a condition written as ranges and names (e.g. a GCP rule's source ranges and
     * source tags, which it matches in any of): one part with every certain address (the ranges
     * and the defined names), and one uncertain part per undefined name. A packet matches the
     * condition when it matches one of the parts.
     *
     * @param ranges addresses given as such
     * @param names the names, resolved
     * @return the parts; one part with no address when there is nothing at all
     */
    public static List<Resolved> union(AddressSet ranges, List<Resolved> names) {
        AddressSet certain = ranges;
        List<String> notes = new ArrayList<>();
        List<Resolved> uncertain = new ArrayList<>();
        for (Resolved r : names) {
            if (r.unknown().isPresent()) {
                uncertain.add(r);
            } else {
                certain = certain.union(r.addresses());
                notes.add(r.note());
            }
        }
        List<Resolved> out = new ArrayList<>();
        if (!certain.isEmpty() || uncertain.isEmpty()) {
            out.add(new Resolved(certain, Optional.empty(), String.join("; ", notes)));
        }
        out.addAll(uncertain);
        return out;
    }

    /**
     * The entries {@code --ruleset} selects: one name, or several separated by commas when the
     * format combines rulesets (the security groups of one interface); each must be in the file.
     *
     * @param noun what an entry is, in the singular, e.g. {@code security group}
     * @param several whether a selection may name several
     * @return indexes into {@code entries}, in the order named, without repeats
     * @throws InputException as {@link RulesetSelection#select} does, or for several names where one is expected
     */
    public static List<Integer> select(List<RulesetEntry> entries, Optional<String> wanted, String file, String noun,
            boolean several) {
        if (wanted.isEmpty() || !wanted.get().contains(",")) {
            return List.of(RulesetSelection.select(entries, wanted, file, noun));
        }
        if (!several) {
            throw new InputException(new SourceLocation(file, 0, 0), "'" + wanted.get() + "' names several rulesets, which "
                    + noun + "s do not combine", "one name");
        }
        List<Integer> out = new ArrayList<>();
        for (String part : wanted.get().split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new InputException(new SourceLocation(file, 0, 0), "empty name in --ruleset '" + wanted.get() + "'",
                        "names separated by commas, e.g. sg-1,sg-2");
            }
            int i = RulesetSelection.select(entries, Optional.of(name), file, noun);
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
