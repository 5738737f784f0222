package io.fwcheck.analysis;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.model.Policy;
import java.util.Objects;
import java.util.Optional;

/**
 * How to audit.
 *
 * @param policy requirements to evaluate on every ruleset they apply to, and the settings of the
 *     exposure checks (its {@code audit:} section); without one, the default settings
 * @param load how to read the ruleset files
 * @param cap how many boxes to list per set of flows
 * @param threads how many rulesets are audited at once
 * @param listener follows the audit
 */
public record AuditOptions(Optional<Policy> policy, LoadOptions load, int cap, int threads, AuditListener listener) {

    public AuditOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(listener, "listener");
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be 0 or more");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** No policy, default reading, the default cap, one thread per available processor, no listener. */
    public static AuditOptions defaults() {
        return new AuditOptions(Optional.empty(), LoadOptions.defaults(), FlowSummary.DEFAULT_CAP,
                Runtime.getRuntime().availableProcessors(), AuditListener.NONE);
    }

    public AuditOptions withPolicy(Policy value) {
        return new AuditOptions(Optional.of(value), load, cap, threads, listener);
    }

    public AuditOptions withLoadOptions(LoadOptions value) {
        return new AuditOptions(policy, value, cap, threads, listener);
    }

    public AuditOptions withCap(int value) {
        return new AuditOptions(policy, load, value, threads, listener);
    }

    public AuditOptions withThreads(int value) {
        return new AuditOptions(policy, load, cap, value, listener);
    }

    public AuditOptions withListener(AuditListener value) {
        return new AuditOptions(policy, load, cap, threads, value);
    }
}
