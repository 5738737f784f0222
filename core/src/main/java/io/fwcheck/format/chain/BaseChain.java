package io.fwcheck.format.chain;

import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.Optional;

/**
 * A chain entered from a hook, with its policy.
 *
 * @param chain the chain's name
 * @param policy what happens to packets that reach its end (or return from it)
 * @param scope the packets that enter it at all (e.g. only IPv4 for an {@code ip} table); the
 *     others pass on to the next base chain as if accepted
 * @param policyLocation where the policy is written
 * @param unknownPolicy present when the input does not tell the policy (iptables-restore input that
 *     appends to a built-in chain without declaring it keeps the kernel's): what reaches the end
 *     is then accepted or dropped, UNKNOWN, and {@code policy} is the drop that stands for it
 */
public record BaseChain(String chain, Action policy, Match scope, SourceLocation policyLocation,
        Optional<Unmodelled> unknownPolicy) {

    /** A base chain whose policy is known. */
    public BaseChain(String chain, Action policy, Match scope, SourceLocation policyLocation) {
        this(chain, policy, scope, policyLocation, Optional.empty());
    }

    public BaseChain {
        if (unknownPolicy.isPresent() && policy.accepts()) {
            throw new IllegalArgumentException("an unknown policy stands as a drop");
        }
    }
}
