package io.fwcheck.model;

/**
 * A match condition fwcheck does not model (an unknown module, an ipset without its contents):
 * the rule may or may not match a packet, so verdicts that depend on it are UNKNOWN.
 *
 * @param construct the construct as written in the input, e.g. {@code -m recent --rcheck}
 * @param location where it was written
 */
public record Unmodelled(String construct, SourceLocation location) {

    @Override
    public String toString() {
        return construct + " at " + location;
    }
}
