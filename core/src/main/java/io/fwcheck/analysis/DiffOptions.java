package io.fwcheck.analysis;

import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Policy;
import java.util.List;
import java.util.Optional;

/**
 * What a diff should also evaluate.
 *
 * @param policy requirements to evaluate before and after the change
 * @param watchedSources source ranges whose new exposure fails the gate ({@code --fail-on-new-exposure})
 * @param cap how many boxes to list per set of flows
 */
public record DiffOptions(Optional<Policy> policy, List<AddressSet> watchedSources, int cap) {

    public DiffOptions {
        watchedSources = List.copyOf(watchedSources);
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be 0 or more");
        }
    }

    /** No policy, no watched ranges, the default cap. */
    public static DiffOptions defaults() {
        return new DiffOptions(Optional.empty(), List.of(), FlowSummary.DEFAULT_CAP);
    }

    public DiffOptions withPolicy(Policy value) {
        return new DiffOptions(Optional.of(value), watchedSources, cap);
    }

    public DiffOptions watching(List<AddressSet> sources) {
        return new DiffOptions(policy, sources, cap);
    }

    public DiffOptions withCap(int value) {
        return new DiffOptions(policy, watchedSources, value);
    }
}
