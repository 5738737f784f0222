package io.fwcheck.format.aws;

import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An AWS network ACL: numbered allow and deny entries per direction, lowest number first, and a
 * final deny. Stateless: return traffic is filtered like any other packet, so connection state
 * plays no part.
 *
 * @param id its id ({@code acl-…})
 * @param location where it is defined
 * @param entries its entries, both directions
 */
public record NetworkAcl(String id, SourceLocation location, List<Entry> entries) {

    /**
     * One numbered entry.
     *
     * @param number the rule number (1-32766; 32767 is the final {@code *} entry)
     * @param direction ingress or egress
     * @param action allow (accept) or deny (drop)
     * @param match the packets it matches
     * @param comment where the entry is in the input
     * @param location where it is written
     */
    public record Entry(int number, Direction direction, Action action, Match match, String comment,
            SourceLocation location) {}

    public NetworkAcl {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
    }

    /** The entries of one direction, by number. */
    public List<Entry> of(Direction direction) {
        return entries.stream().filter(e -> e.direction() == direction)
                .sorted(Comparator.comparingInt(Entry::number)).toList();
    }

    /** The ruleset of one direction: its entries by number, then deny. */
    public Ruleset ruleset(Direction direction) {
        List<Rule> rules = of(direction).stream()
                .map(e -> new Rule(id + "/" + direction.label() + "#" + (e.number() == 32767 ? "*" : e.number()),
                        e.action(), e.match(), e.comment(), e.location()))
                .toList();
        return new Ruleset("aws " + id + " " + direction.label(), rules, Action.DROP, location);
    }
}
