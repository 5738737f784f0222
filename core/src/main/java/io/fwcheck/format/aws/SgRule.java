package io.fwcheck.format.aws;

import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.List;
import java.util.Objects;

/**
 * One allow rule of a security group, for one peer: a permission of {@code describe-security-groups}
 * with two CIDR blocks is two of these.
 *
 * @param id the rule's id, unique in its group, e.g. {@code sg-0123/ingress#2.1}
 * @param direction ingress or egress
 * @param service the protocols, ports and ICMP types it allows ({@link SgProtocol})
 * @param peer the source (ingress) or destination (egress)
 * @param comment the description and where the rule is in the input (its JSON path or resource address)
 * @param location where the rule is written
 * @param named true when the id is a name the user gave (a Terraform resource address), false when
 *     it comes from the rule's position
 * @param unknowns conditions not known (Terraform values known after apply): the rule may match
 *     more or fewer packets than its known conditions say
 */
public record SgRule(String id, Direction direction, Match service, Peer peer, String comment, SourceLocation location,
        boolean named, List<Unmodelled> unknowns) {

    public SgRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(location, "location");
        unknowns = List.copyOf(unknowns);
    }
}
