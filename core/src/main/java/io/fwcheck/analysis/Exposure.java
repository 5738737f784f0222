package io.fwcheck.analysis;

import io.fwcheck.model.AddressSet;
import java.util.List;

/**
 * New connections from watched source ranges that a change newly accepts.
 *
 * @param watched the source ranges watched ({@code --fail-on-new-exposure})
 * @param flows the newly accepted flows from them (empty when none)
 * @param decidedBy the rules that accept them after the change
 * @param uncertain flows from them that may be newly accepted, depending on unmodelled conditions
 */
public record Exposure(AddressSet watched, FlowSummary flows, List<RuleRef> decidedBy, FlowSummary uncertain) {

    public Exposure {
        decidedBy = List.copyOf(decidedBy);
    }

    public boolean exposed() {
        return !flows.isEmpty();
    }
}
