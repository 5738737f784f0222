package io.fwcheck.format.azure;

import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One security rule of an Azure network security group.
 *
 * @param name its name, unique in the NSG
 * @param direction inbound (ingress) or outbound (egress)
 * @param priority 100-4096 (65000-65500 for the default rules), lower first; empty when not known
 *     (Terraform: known after apply)
 * @param deny true for Deny, false for Allow
 * @param services the protocols and ports it matches, one match per part ({@link AzureValues#services})
 * @param sources its sources; any of them matches
 * @param destinations its destinations; any of them matches
 * @param comment its description and where it is in the input
 * @param location where it is written
 * @param unknowns values not known (Terraform: known after apply)
 * @param standIn true when the input has no such rule: a default rule the input leaves out, or one
 *     that stands for rules the input does not show (see {@link io.fwcheck.model.Rule#standIn()})
 */
public record NsgRule(String name, Direction direction, Optional<Integer> priority, boolean deny, List<Match> services,
        List<AddressItem> sources, List<AddressItem> destinations, String comment, SourceLocation location,
        List<Unmodelled> unknowns, boolean standIn) {

    /** A rule written in the input. */
    public NsgRule(String name, Direction direction, Optional<Integer> priority, boolean deny, List<Match> services,
            List<AddressItem> sources, List<AddressItem> destinations, String comment, SourceLocation location,
            List<Unmodelled> unknowns) {
        this(name, direction, priority, deny, services, sources, destinations, comment, location, unknowns, false);
    }

    public NsgRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(priority, "priority");
        services = List.copyOf(services);
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(location, "location");
        unknowns = List.copyOf(unknowns);
    }
}
