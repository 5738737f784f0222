package io.fwcheck.engine;

/**
 * A {@link FlowSpace} reached the node budget it was created with. Callers that can do without
 * the diagram (for example a tracer falling back to rule-by-rule evaluation) catch it.
 */
public final class DiagramTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DiagramTooLargeException(int budget) {
        super("decision diagram exceeds its budget of " + budget + " nodes");
    }
}
