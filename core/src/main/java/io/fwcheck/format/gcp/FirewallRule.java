package io.fwcheck.format.gcp;

import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One GCP VPC firewall rule, as {@code gcloud compute firewall-rules list --format=json} and the
 * Terraform resource {@code google_compute_firewall} describe it.
 *
 * @param name its name, unique in the project
 * @param network the short name of its network ({@code default} for {@code global/networks/default})
 * @param direction ingress or egress
 * @param priority 0-65535, lower first; empty when not known (Terraform: known after apply)
 * @param deny true for a deny rule, false for an allow rule
 * @param services what it matches of protocols and ports: one match per {@code allowed}/{@code denied} item
 * @param sourceRanges its source ranges, empty when none are given
 * @param destinationRanges its destination ranges, empty when none are given
 * @param sourceTags network tags of source instances (ingress)
 * @param sourceServiceAccounts service accounts of source instances (ingress)
 * @param targetTags the instances it applies to, by network tag; none: every instance
 * @param targetServiceAccounts the instances it applies to, by service account
 * @param comment its description and where it is in the input
 * @param location where it is written
 * @param unknowns values not known (Terraform: known after apply): the rule may match more or
 *     fewer packets than its known conditions say
 */
public record FirewallRule(String name, String network, Direction direction, Optional<Integer> priority, boolean deny,
        List<Match> services, Optional<AddressSet> sourceRanges, Optional<AddressSet> destinationRanges,
        List<String> sourceTags, List<String> sourceServiceAccounts, List<String> targetTags,
        List<String> targetServiceAccounts, String comment, SourceLocation location, List<Unmodelled> unknowns) {

    public FirewallRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(priority, "priority");
        services = List.copyOf(services);
        Objects.requireNonNull(sourceRanges, "sourceRanges");
        Objects.requireNonNull(destinationRanges, "destinationRanges");
        sourceTags = List.copyOf(sourceTags);
        sourceServiceAccounts = List.copyOf(sourceServiceAccounts);
        targetTags = List.copyOf(targetTags);
        targetServiceAccounts = List.copyOf(targetServiceAccounts);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(location, "location");
        unknowns = List.copyOf(unknowns);
    }

    /** True when the rule applies to every instance of its network. */
    public boolean targetsAll() {
        return targetTags.isEmpty() && targetServiceAccounts.isEmpty();
    }
}
