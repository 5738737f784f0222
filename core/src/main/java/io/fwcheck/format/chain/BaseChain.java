package io.fwcheck.format.chain;

import io.fwcheck.model.Action;
import io.fwcheck.model.Match;
import io.fwcheck.model.SourceLocation;

/**
 * A chain entered from a hook, with its policy.
 *
 * @param chain the chain's name
 * @param policy what happens to packets that reach its end (or return from it)
 * @param scope the packets that enter it at all (e.g. only IPv4 for an {@code ip} table); the
 *     others pass on to the next base chain as if accepted
 * @param policyLocation where the policy is written
 */
public record BaseChain(String chain, Action policy, Match scope, SourceLocation policyLocation) {}
