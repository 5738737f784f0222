package io.fwcheck.model;

/**
 * The chains a first-match ruleset was flattened from (iptables, nftables): they give the path
 * a flow takes through them, which the flattened rules no longer show. Implementations walk
 * the same chains the ruleset was made from, so the path's verdict, where certain, is the
 * ruleset's verdict.
 */
public interface Chains {

    /** The path of one flow through the chains, evaluated rule by rule as netfilter does. */
    ChainPath walk(Flow flow);
}
