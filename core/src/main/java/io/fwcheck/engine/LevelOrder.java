package io.fwcheck.engine;

import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses which address field a space's diagrams test first. A rule that matches every source
 * is copied below each distinct source range the other rules tell apart when the source comes
 * first, and likewise for destinations; so the field whose wildcards would be copied less goes
 * first. Typical access lists (many entries from {@code any} to one server) shrink many times
 * over with the destination first; host firewalls and rulesets without such a lean keep the
 * source first. Either order gives the same sets and answers.
 */
final class LevelOrder {

    /**
     * The system property that overrides the choice for every space: {@code source-first},
     * {@code destination-first} or {@code auto} (the default: source first, unless the rules a
     * space is made for lean towards the destination). For tests that hold both orders to the
     * same answers, and for measurements.
     */
    static final String PROPERTY = "fwcheck.addressOrder";

    /** The property's value as read at start-up. */
    private static final String SETTING = System.getProperty(PROPERTY, "auto");

    /** How much cheaper the destination-first estimate must be before the order is changed. */
    private static final long MARGIN = 2;

    private LevelOrder() {}

    /**
     * The order a value of the property forces: true for destination first, null for the
     * automatic choice.
     *
     * @throws IllegalArgumentException for any other value, when a space is made
     */
    static Boolean parse(String value) {
        return switch (value) {
            case "source-first" -> Boolean.FALSE;
            case "destination-first" -> Boolean.TRUE;
            case "auto", "" -> null;
            default -> throw new IllegalArgumentException("system property " + PROPERTY + "=" + value
                    + ": expected source-first, destination-first or auto");
        };
    }

    /** The order of a space made without rules to suit: source first unless the property says otherwise. */
    static boolean byDefault() {
        return Boolean.TRUE.equals(parse(SETTING));
    }

    /** True when the rules' diagrams are expected to be much smaller with the destination first. */
    static boolean destinationFirst(List<Rule> rules) {
        Boolean forced = parse(SETTING);
        return forced != null ? forced : leansToDestination(rules);
    }

    /** The estimate alone: far fewer copies of wildcards with the destination first. */
    static boolean leansToDestination(List<Rule> rules) {
        return MARGIN * copies(rules, r -> r.match().destinations()) < copies(rules, r -> r.match().sources());
    }

    /**
     * The rules that match every address of a family in the field, times the distinct narrower
     * address sets of that field: about how many copies of the former the diagrams hold when the
     * field is tested first.
     */
    private static long copies(List<Rule> rules, Function<Rule, AddressSet> field) {
        long wide = 0;
        Set<AddressSet> narrower = new HashSet<>();
        for (Rule rule : rules) {
            AddressSet set = field.apply(rule);
            if (isWide(set)) {
                wide++;
            } else {
                narrower.add(set);
            }
        }
        return wide * narrower.size();
    }

    private static boolean isWide(AddressSet set) {
        if (set.isAll()) {
            return true;
        }
        for (IpFamily family : IpFamily.values()) {
            if (set.has(family) && set.only(family).equals(AddressSet.all(family))) {
                return true;
            }
        }
        return false;
    }
}
