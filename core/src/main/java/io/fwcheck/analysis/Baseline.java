package io.fwcheck.analysis;

import io.fwcheck.model.RulesetPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The findings of an audit accepted as known: later audits report only findings that are not in
 * it (and, on request, those of it that disappeared). A finding matches an entry with the same
 * ruleset file and fingerprint; fingerprints are built from content (the finding type, the
 * ruleset's name, the rule's text, the requirement or check id), never from line numbers, so a
 * baseline survives unrelated edits. An entry matches as many findings as it occurs.
 *
 * @param entries one per accepted finding, with enough context to read what it was
 */
public record Baseline(List<Entry> entries) {

    /**
     * One accepted finding.
     *
     * @param ruleset the ruleset's file, relative, with {@code /}
     * @param fingerprint the finding's fingerprint
     * @param type its finding type id
     * @param severity its severity when it was accepted
     * @param rule the id of the rule it was about, or {@code default policy}
     * @param location where it was, {@code file:line:column}, for people reading the baseline
     * @param message what it said
     */
    public record Entry(String ruleset, String fingerprint, String type, String severity, String rule, String location,
            String message) {

        public Entry {
            Objects.requireNonNull(ruleset, "ruleset");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(message, "message");
        }

        /** What the entry matches: its ruleset file and fingerprint. */
        String key() {
            return Baseline.key(ruleset, fingerprint);
        }
    }

    /** How a finding relates to the baseline (the SARIF {@code baselineState} values). */
    public enum State {
        /** Found now, not in the baseline. */
        NEW,
        /** Found now and in the baseline. */
        UNCHANGED,
        /** In the baseline, not found now. */
        ABSENT;

        /** {@code new}, {@code unchanged}, {@code absent}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Baseline {
        entries = List.copyOf(entries);
    }

    /**
     * The entries of the given finding types only: what an audit that looks only for those types is
     * compared with.
     */
    public Baseline restrictedTo(Set<FindingType> types) {
        Set<String> ids = new HashSet<>();
        types.forEach(t -> ids.add(t.id()));
        return new Baseline(entries.stream().filter(e -> ids.contains(e.type())).toList());
    }

    /** Every finding of the audit (suppressed ones aside), in the audit's order. */
    public static Baseline of(AuditResult result) {
        List<Entry> out = new ArrayList<>();
        for (RulesetAudit r : result.rulesets()) {
            for (Finding f : r.findings()) {
                out.add(entry(r.file(), f));
            }
        }
        return new Baseline(out);
    }

    static Entry entry(String file, Finding f) {
        return new Entry(RulesetPattern.normalize(file), f.fingerprint(), f.type().id(), f.severity().label(), f.rule(),
                f.location().toString(), f.message());
    }

    static String key(String file, String fingerprint) {
        return RulesetPattern.normalize(file) + "\u0000" + fingerprint;
    }
}
