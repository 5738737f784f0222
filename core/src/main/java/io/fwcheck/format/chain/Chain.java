package io.fwcheck.format.chain;

import java.util.List;

/** A named, ordered list of chain rules. */
public record Chain(String name, List<ChainRule> rules) {

    public Chain {
        rules = List.copyOf(rules);
    }
}
