package io.fwcheck.analysis;

import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetFiles;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Suppression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Audits rulesets: every ruleset file among the paths is read and checked, in parallel, for rule
 * anomalies ({@link Anomalies}), exposure ({@link ExposureChecks}) and, with a policy, each
 * requirement that applies to it ({@link Checker}). A file that cannot be read is reported as an
 * error of its own; the others are audited all the same.
 *
 * <p>Each ruleset is compiled in its own {@link io.fwcheck.engine.FlowSpace} on one worker
 * thread (see docs/adr/0001), so rulesets are audited concurrently without locks.
 */
public final class Auditor {

    private Auditor() {}

    /**
     * Audits the ruleset files named and those found under the directories named.
     *
     * @throws InputException when a directory cannot be walked
     */
    public static AuditResult audit(List<Path> paths, AuditOptions options) {
        List<RulesetFiles.Candidate> candidates = RulesetFiles.candidates(paths);
        options.listener().started(candidates.size());
        List<Outcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), Math.max(1, candidates.size())),
                runnable -> {
                    Thread thread = new Thread(runnable, "fwcheck-audit");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RulesetFiles.Candidate candidate : candidates) {
                futures.add(pool.submit(() -> {
                    try {
                        return audit(candidate, options);
                    } finally {
                        options.listener().done(candidate.file().toString());
                    }
                }));
            }
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the audit was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        List<RulesetAudit> rulesets = new ArrayList<>();
        List<AuditResult.SkippedFile> skipped = new ArrayList<>();
        for (Outcome o : outcomes) {
            o.audit().ifPresent(rulesets::add);
            o.skipped().ifPresent(skipped::add);
        }
        return new AuditResult(rulesets, skipped, options.policy(), Optional.empty());
    }

    /** What became of one file: audited (possibly with an error) or skipped. */
    private record Outcome(Optional<RulesetAudit> audit, Optional<AuditResult.SkippedFile> skipped) {}

    private static Outcome audit(RulesetFiles.Candidate candidate, AuditOptions options) {
        String file = candidate.file().toString();
        try {
            String text = RulesetLoader.readText(candidate.file());
            if (!candidate.named()) {
                Optional<String> reason = RulesetFiles.notARuleset(candidate.file(), text);
                if (reason.isPresent()) {
                    return new Outcome(Optional.empty(), Optional.of(new AuditResult.SkippedFile(file, reason.get())));
                }
            }
            Ruleset ruleset = RulesetLoader.load(text, file, options.load());
            return new Outcome(Optional.of(audit(file, ruleset, options)), Optional.empty());
        } catch (InputException e) {
            return new Outcome(Optional.of(RulesetAudit.failed(file, e.location(), e.getMessage())), Optional.empty());
        }
    }

    /**
     * Audits one ruleset in the calling thread.
     *
     * @throws InputException when a rule suppresses a finding type that does not exist, or a
     *     requirement that applies to it covers no flow
     */
    public static RulesetAudit audit(Ruleset ruleset, AuditOptions options) {
        return audit(ruleset.source().file(), ruleset, options);
    }

    private static RulesetAudit audit(String file, Ruleset ruleset, AuditOptions options) {
        checkSuppressions(ruleset);
        int cap = options.cap();
        Set<FindingType> types = options.findings();
        // the exposure checks and conflicting overlaps need what the ruleset accepts of every flow;
        // without them, requirements are checked on their own flows only, as by the check command
        CompiledRuleset compiled = Collections.disjoint(types, AuditOptions.Group.EXPOSURES.types())
                && !types.contains(FindingType.CONFLICTING_OVERLAP)
                ? CompiledRuleset.of(ruleset) : CompiledRuleset.compile(ruleset);
        List<Finding> found = new ArrayList<>();
        Optional<Policy> policy = options.policy().map(p -> p.forRuleset(ruleset));
        if (policy.isPresent() && !policy.get().requirements().isEmpty()
                && !Collections.disjoint(types, AuditOptions.Group.REQUIREMENTS.types())) {
            Checker.check(compiled, policy.get(), cap).findings().stream().map(AuditFindings::requirement)
                    .forEach(found::add);
        }
        if (!Collections.disjoint(types, AuditOptions.Group.EXPOSURES.types())) {
            found.addAll(ExposureChecks.of(compiled, policy.map(Policy::audit).orElse(AuditSettings.defaults()), cap,
                    types));
        }
        for (Anomaly a : Anomalies.of(compiled, cap, anomalyKinds(types))) {
            found.add(AuditFindings.anomaly(ruleset, a));
        }

        List<Finding> findings = new ArrayList<>();
        List<RulesetAudit.SuppressedFinding> suppressed = new ArrayList<>();
        Map<String, Rule> byId = new HashMap<>();
        ruleset.rules().forEach(r -> byId.put(r.id(), r));
        for (Finding f : found) {
            if (!types.contains(f.type())) {
                continue;
            }
            Optional<Suppression> s = suppression(byId.get(f.rule()), f);
            if (s.isPresent()) {
                suppressed.add(new RulesetAudit.SuppressedFinding(f, s.get()));
            } else {
                findings.add(f);
            }
        }
        return new RulesetAudit(file, ruleset.name(), ruleset.rules().size(), findings, suppressed, Optional.empty());
    }

    /** The kinds of anomaly behind the finding types. */
    private static Set<Anomaly.Kind> anomalyKinds(Set<FindingType> types) {
        Set<Anomaly.Kind> kinds = EnumSet.noneOf(Anomaly.Kind.class);
        for (FindingType type : types) {
            switch (type) {
                case SHADOWED_RULE -> kinds.add(Anomaly.Kind.SHADOWED);
                case REDUNDANT_RULE -> kinds.add(Anomaly.Kind.REDUNDANT);
                case CONFLICTING_OVERLAP -> kinds.add(Anomaly.Kind.CONFLICTING_OVERLAP);
                case EMPTY_MATCH -> kinds.add(Anomaly.Kind.EMPTY_MATCH);
                default -> { }
            }
        }
        return kinds;
    }

    /**
     * The suppression of the finding's type on the rule it is about, if any: the rule it is located
     * at, or for a possible exposure the rule whose construct leaves it open.
     */
    private static Optional<Suppression> suppression(Rule rule, Finding f) {
        if (rule == null || !rule.location().equals(f.location()) && f.type() != FindingType.POSSIBLE_EXPOSURE) {
            return Optional.empty();
        }
        return rule.suppressions().stream().filter(s -> s.id().equals(f.type().id())).findFirst();
    }

    /** Every suppression names a finding type of the catalogue. */
    private static void checkSuppressions(Ruleset ruleset) {
        for (Rule rule : ruleset.rules()) {
            for (Suppression s : rule.suppressions()) {
                if (Arrays.stream(FindingType.values()).noneMatch(t -> t.id().equals(s.id()))) {
                    throw new InputException(s.location(), "rule " + rule.id() + " suppresses '" + s.id()
                            + "', which is not a finding type",
                            "one of " + Arrays.stream(FindingType.values()).map(FindingType::id)
                                    .collect(Collectors.joining(", ")));
                }
            }
        }
    }
}
