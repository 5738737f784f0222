package io.fwcheck.analysis;

import io.fwcheck.engine.FlowBox;
import io.fwcheck.engine.FlowSet;
import io.fwcheck.model.Flow;
import java.util.List;
import java.util.Optional;

/**
 * A readable account of an exact set of flows: its first boxes (capped), how many boxes describe
 * it in all, and one witness flow.
 *
 * @param boxes the first boxes, at most the cap
 * @param total how many boxes describe the whole set
 * @param witness one flow of the set, empty when the set is empty
 */
public record FlowSummary(List<FlowBox> boxes, long total, Optional<Flow> witness) {

    /** Boxes shown per set unless asked otherwise. */
    public static final int DEFAULT_CAP = 10;

    public FlowSummary {
        boxes = List.copyOf(boxes);
    }

    public static FlowSummary of(FlowSet set, int cap) {
        return new FlowSummary(set.boxes(cap), set.boxCount(), set.witness());
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** True when some boxes were left out. */
    public boolean truncated() {
        return total > boxes.size();
    }
}
