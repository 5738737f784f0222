package io.fwcheck.format.aws;

import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS security group: allow rules for ingress and egress, stateful.
 *
 * @param id its id ({@code sg-…}), or the name it is known by when it has no id yet
 * @param name its group name, when known
 * @param location where it is defined
 * @param rules its rules, both directions, in input order
 * @param open reasons why the group may have rules not listed (e.g. a group a Terraform plan adds
 *     rules to but does not manage): each makes every packet of the direction possibly accepted
 */
public record SecurityGroup(String id, Optional<String> name, SourceLocation location, List<SgRule> rules,
        List<Unmodelled> open) {

    public SecurityGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        rules = List.copyOf(rules);
        open = List.copyOf(open);
    }
}
