package io.fwcheck.analysis;

import io.fwcheck.model.RulesetChange;
import java.util.Objects;

/**
 * The diff of one ruleset of a change set (e.g. one security group of a Terraform plan).
 *
 * @param change the ruleset before and after, with its name and what changed
 * @param result what the change does
 */
public record ChangeDiff(RulesetChange change, DiffResult result) {

    public ChangeDiff {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(result, "result");
    }
}
