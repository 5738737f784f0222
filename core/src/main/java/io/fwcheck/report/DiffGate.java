package io.fwcheck.report;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.Exposure;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.RequirementChange.Status;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a diff is gated ({@code --fail-on}, {@code --fail-on-existing}), and the one-line account of
 * the gate's verdict that the text and Markdown reports lead with.
 *
 * @param failOn requirements of this severity or a more serious one decide the gate
 * @param failOnExisting whether requirements failing before and after the change fail the gate too
 */
public record DiffGate(Severity failOn, boolean failOnExisting) {

    /** Fail on regressions of error requirements and on new exposure. */
    public static final DiffGate DEFAULT = new DiffGate(Severity.ERROR, false);

    public DiffGate {
        if (failOn == null) {
            throw new IllegalArgumentException("failOn is required");
        }
    }

    /** {@link DiffResult#gate} with these settings. */
    public Verdict verdict(DiffResult result) {
        return result.gate(failOn, failOnExisting);
    }

    /**
     * Why the gate gives its verdict, e.g. {@code 1 requirement regressed: app-to-db} or
     * {@code no requirement regressed; no packet's verdict changes}.
     */
    public String summary(DiffResult result) {
        List<String> parts = new ArrayList<>();
        switch (verdict(result)) {
            case FAIL -> {
                add(parts, gated(result, Status.REGRESSION), "regressed");
                if (failOnExisting) {
                    add(parts, gated(result, Status.STILL_FAILING), "still failing");
                }
                for (Exposure e : result.exposures()) {
                    if (e.exposed()) {
                        parts.add("new exposure of " + addresses(e.watched()));
                    }
                }
            }
            case UNKNOWN -> {
                add(parts, ids(result.withStatus(Status.UNKNOWN)), "unknown after the change");
                for (Exposure e : result.exposures()) {
                    if (!e.exposed() && !e.uncertain().isEmpty()) {
                        parts.add(addresses(e.watched()) + " may be newly exposed");
                    }
                }
            }
            case PASS -> {
                if (result.policy().isEmpty()) {
                    parts.add("no policy to check");
                } else {
                    List<String> below = ids(result.withStatus(Status.REGRESSION));
                    parts.add(below.isEmpty() ? "no requirement regressed"
                            : "no requirement of severity " + failOn.label() + " or above regressed ("
                                    + String.join(", ", below) + " did)");
                    List<String> existing = ids(result.withStatus(Status.STILL_FAILING));
                    if (!existing.isEmpty()) {
                        parts.add(count(existing.size(), "requirement") + " still failing, as before: "
                                + String.join(", ", existing) + " (gate them with --fail-on-existing)");
                    }
                }
                if (!result.exposures().isEmpty()) {
                    parts.add("no watched range newly exposed");
                }
                if (result.equivalent()) {
                    parts.add("no packet's verdict changes");
                }
            }
        }
        return String.join("; ", parts);
    }

    /** {@link Differ#gate} over a change set with these settings. */
    public Verdict verdict(List<ChangeDiff> diffs) {
        return Differ.gate(diffs, failOn, failOnExisting);
    }

    /**
     * Why the gate gives its verdict over a change set, e.g. {@code 1 of 2 changed rulesets fails:
     * aws_security_group.db} or {@code the plan changes no firewall}.
     */
    public String summary(List<ChangeDiff> diffs) {
        if (diffs.isEmpty()) {
            return "the plan changes no firewall (security group, firewall rule or NSG)";
        }
        Verdict verdict = verdict(diffs);
        if (verdict == Verdict.PASS) {
            return count(diffs.size(), "changed ruleset") + (diffs.size() == 1 ? " passes" : ", all pass");
        }
        List<String> names = diffs.stream().filter(d -> verdict(d.result()) == verdict).map(d -> d.change().name())
                .toList();
        boolean one = names.size() == 1;
        String what = verdict == Verdict.FAIL ? (one ? "fails" : "fail") : (one ? "is unknown" : "are unknown");
        return names.size() + " of " + count(diffs.size(), "changed ruleset") + " " + what + ": " + String.join(", ", names);
    }

    private List<String> gated(DiffResult result, Status status) {
        return ids(result.withStatus(status).stream()
                .filter(r -> r.requirement().severity().atLeast(failOn)).toList());
    }

    private static List<String> ids(List<RequirementChange> changes) {
        return changes.stream().map(r -> r.requirement().id()).toList();
    }

    private static void add(List<String> parts, List<String> ids, String what) {
        if (!ids.isEmpty()) {
            parts.add(count(ids.size(), "requirement") + " " + what + ": " + String.join(", ", ids));
        }
    }

    /** A watched set as its ranges: {@code 0.0.0.0/0, ::/0} rather than {@code any}. */
    static String addresses(AddressSet set) {
        return set.ranges().stream().map(AddressRange::toString).collect(Collectors.joining(", "));
    }

    /** {@code 1 requirement}, {@code 2 requirements}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("x") ? "es" : "s");
    }
}
