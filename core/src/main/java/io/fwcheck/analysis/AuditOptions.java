package io.fwcheck.analysis;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.model.Policy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to audit.
 *
 * @param policy requirements to evaluate on every ruleset they apply to, and the settings of the
 *     exposure checks (its {@code audit:} section); without one, the default settings
 * @param load how to read the ruleset files
 * @param cap how many boxes to list per set of flows ({@link #DEFAULT_CAP} unless asked otherwise)
 * @param threads how many rulesets are audited at once
 * @param listener follows the audit
 * @param findings the finding types to look for (some of {@link #AUDIT_FINDINGS}, at least one);
 *     the work only the others need is skipped
 */
public record AuditOptions(Optional<Policy> policy, LoadOptions load, int cap, int threads, AuditListener listener,
        Set<FindingType> findings) {

    /**
     * Boxes listed per finding unless asked otherwise: one, the box its message names. An audit
     * holds every finding of every ruleset until it reports, so more boxes by default would cost
     * time and memory on a fleet for lists few readers look at; the total is always kept.
     */
    public static final int DEFAULT_CAP = 1;

    /** Every finding type an audit reports: those of its groups. */
    public static final Set<FindingType> AUDIT_FINDINGS = auditFindings();

    private static Set<FindingType> auditFindings() {
        Set<FindingType> all = EnumSet.noneOf(FindingType.class);
        for (Group group : Group.values()) {
            all.addAll(group.types());
        }
        return Collections.unmodifiableSet(all);
    }

    /** The audit's finding types in groups, to select several by one name. */
    public enum Group {
        /** The requirements of the policy. */
        REQUIREMENTS(EnumSet.of(FindingType.REQUIREMENT_VIOLATED, FindingType.REQUIREMENT_UNKNOWN)),
        /** The built-in exposure checks. */
        EXPOSURES(EnumSet.of(FindingType.ADMIN_PORT_EXPOSED, FindingType.DATABASE_PORT_EXPOSED,
                FindingType.BROAD_ACCEPT, FindingType.INTERNAL_ONLY_EXPOSED, FindingType.POSSIBLE_EXPOSURE)),
        /** The rule anomalies. */
        ANOMALIES(EnumSet.of(FindingType.SHADOWED_RULE, FindingType.REDUNDANT_RULE,
                FindingType.CONFLICTING_OVERLAP, FindingType.EMPTY_MATCH));

        private final Set<FindingType> types;

        Group(Set<FindingType> types) {
            this.types = Collections.unmodifiableSet(types);
        }

        /** {@code requirements}, {@code exposures}, {@code anomalies}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The finding types of the group. */
        public Set<FindingType> types() {
            return types;
        }
    }

    public AuditOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(findings, "findings");
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be 0 or more");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("an audit must look for at least one finding type");
        }
        for (FindingType type : findings) {
            if (!AUDIT_FINDINGS.contains(type)) {
                throw new IllegalArgumentException(type.id() + " is not a finding type of audits");
            }
        }
        findings = Collections.unmodifiableSet(EnumSet.copyOf(findings));
    }

    /**
     * No policy, default reading, {@link #DEFAULT_CAP} boxes per finding, one thread per available
     * processor, no listener, every finding type.
     */
    public static AuditOptions defaults() {
        return new AuditOptions(Optional.empty(), LoadOptions.defaults(), DEFAULT_CAP,
                Runtime.getRuntime().availableProcessors(), AuditListener.NONE, AUDIT_FINDINGS);
    }

    public AuditOptions withPolicy(Policy value) {
        return new AuditOptions(Optional.of(value), load, cap, threads, listener, findings);
    }

    public AuditOptions withLoadOptions(LoadOptions value) {
        return new AuditOptions(policy, value, cap, threads, listener, findings);
    }

    public AuditOptions withCap(int value) {
        return new AuditOptions(policy, load, value, threads, listener, findings);
    }

    public AuditOptions withThreads(int value) {
        return new AuditOptions(policy, load, cap, value, listener, findings);
    }

    public AuditOptions withListener(AuditListener value) {
        return new AuditOptions(policy, load, cap, threads, value, findings);
    }

    /** Looks only for these finding types (some of {@link #AUDIT_FINDINGS}). */
    public AuditOptions withFindings(Set<FindingType> value) {
        return new AuditOptions(policy, load, cap, threads, listener, value);
    }
}
