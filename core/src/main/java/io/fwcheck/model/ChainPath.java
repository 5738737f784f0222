package io.fwcheck.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The way one flow takes through the chains a ruleset was flattened from, rule by rule, as
 * netfilter evaluates it: {@code INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT}. When a rule on
 * the way has a condition fwcheck does not model and may match the flow, the path ends at that
 * rule with a {@link Kind#BRANCH} step: from there it may go either way.
 *
 * @param steps what happened, in order; the last step decides (a verdict, a policy or a branch)
 * @param action the verdict at the end of the path, empty when it ends at a branch
 */
public record ChainPath(List<Step> steps, Optional<Action> action) {

    public ChainPath {
        steps = List.copyOf(steps);
    }

    /** What a step of the path does. */
    public enum Kind {
        /** A rule jumps to the chain {@link Step#target()}; the next step is in that chain. */
        JUMP,
        /** A rule goes to the chain {@link Step#target()}, not to come back to its own chain. */
        GOTO,
        /** A rule returns to the calling chain (or to the base chain's policy). */
        RETURN,
        /** The flow reaches the end of the user chain {@link Step#rule()} and returns to the caller. */
        END,
        /** A rule does something that does not decide ({@link Step#target()}: LOG, a counter, MARK…). */
        CONTINUE,
        /** A rule decides: {@link Step#target()} is ACCEPT, DROP or REJECT. */
        VERDICT,
        /** The flow reaches the end of the base chain {@link Step#rule()}: its policy decides. */
        POLICY,
        /** A rule whose unmodelled conditions may or may not match the flow: the path may branch here. */
        BRANCH;

        /** {@code jump}, {@code goto}, … as JSON reports write it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step of a path.
     *
     * @param kind what the step does
     * @param rule the rule's id ({@code INPUT#3}); the chain's name for {@link Kind#END} and {@link Kind#POLICY}
     * @param target the chain jumped or gone to, the verdict or policy ({@code ACCEPT}), the
     *     non-deciding target ({@code LOG}), or what the uncertain rule would do; empty for returns
     * @param location where the rule (or the policy, or the chain) is written
     */
    public record Step(Kind kind, String rule, String target, SourceLocation location) {

        public Step {
            if (kind == null || rule == null || target == null || location == null) {
                throw new IllegalArgumentException("step kind, rule, target and location are required");
            }
        }

        /** {@code INPUT#3}, {@code app-in#2 RETURN}, {@code end of app-in}, {@code INPUT policy DROP}… */
        @Override
        public String toString() {
            return switch (kind) {
                case JUMP -> rule;
                case GOTO -> rule + " goto";
                case RETURN -> rule + " RETURN";
                case END -> "end of " + rule;
                case CONTINUE, VERDICT -> rule + " " + target;
                case POLICY -> rule + " policy " + target;
                case BRANCH -> rule + " may branch";
            };
        }
    }

    /** True when the path ends at a rule that may or may not match: the verdict may differ. */
    public boolean mayBranch() {
        return action.isEmpty();
    }

    /** The steps joined by arrows: {@code INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (sb.length() > 0) {
                sb.append(" → ");
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
