package io.fwcheck.format.chain;

import io.fwcheck.model.Action;

/** What a chain rule does with the packets it matches. */
public sealed interface Target permits Target.Verdict, Target.Jump, Target.Goto, Target.Return, Target.Continue {

    /** A final verdict: accept, drop or reject. */
    record Verdict(Action action) implements Target {}

    /** Evaluate another chain; come back to the next rule when it ends or returns. */
    record Jump(String chain) implements Target {}

    /** Evaluate another chain; when it ends or returns, return from this chain too. */
    record Goto(String chain) implements Target {}

    /** Leave this chain: back to the caller, or to the policy in a base chain. */
    record Return() implements Target {}

    /** A target that does not decide (LOG, counters, MARK): evaluation goes on with the next rule. */
    record Continue(String what) implements Target {}
}
