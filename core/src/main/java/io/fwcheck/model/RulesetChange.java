package io.fwcheck.model;

import java.util.Objects;

/**
 * One ruleset before and after a change, e.g. a security group with its rules in a Terraform plan.
 *
 * @param name the ruleset's name, e.g. a resource address {@code aws_security_group.db}
 * @param description what changes, e.g. {@code aws_security_group_rule.app_to_db: delete}
 * @param before the ruleset before the change
 * @param after the ruleset after the change
 */
public record RulesetChange(String name, String description, Ruleset before, Ruleset after) {

    public RulesetChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
