package io.fwcheck.analysis;

import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetFiles;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
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
 * thread (see docs/adr/0001), so rulesets are audited concurrently without locks. When there are
 * fewer rulesets than threads, the spare threads help: a ruleset's requirements are then checked
 * on one while the exposure checks and anomalies run, each side on a compilation of its own, and
 * the findings are put together in the same order.
 */
public final class Auditor {

    private Auditor() {}

    /**
     * Audits the ruleset files named and those found under the directories named. A file that
     * cannot be read, and a ruleset whose audit runs out of memory, are reported as such (with
     * {@link RulesetAudit#error()}); the others are audited all the same.
     *
     * @throws InputException when a directory cannot be walked
     */
    public static AuditResult audit(List<Path> paths, AuditOptions options) {
        List<RulesetFiles.Candidate> candidates = RulesetFiles.candidates(paths);
        options.listener().started(candidates.size());
        List<Outcome> outcomes = new ArrayList<>();
        int workers = Math.min(options.threads(), Math.max(1, candidates.size()));
        ExecutorService pool = daemonPool(workers);
        // threads the rulesets leave idle check each ruleset's requirements beside its other parts
        int spare = options.threads() - workers;
        ExecutorService helpers = spare > 0 ? daemonPool(spare) : null;
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (RulesetFiles.Candidate candidate : candidates) {
                futures.add(pool.submit(() -> {
                    try {
                        return audit(candidate, options, helpers);
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
            if (helpers != null) {
                helpers.shutdownNow();
            }
        }
        List<RulesetAudit> rulesets = new ArrayList<>();
        List<AuditResult.SkippedFile> skipped = new ArrayList<>();
        for (Outcome o : outcomes) {
            rulesets.addAll(o.audits());
            o.skipped().ifPresent(skipped::add);
        }
        return new AuditResult(rulesets, skipped, options.policy(), Optional.empty(), options.findings());
    }

    private static ExecutorService daemonPool(int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "fwcheck-audit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** What became of one file: its rulesets audited (or the error that kept it from being read), or skipped. */
    private record Outcome(List<RulesetAudit> audits, Optional<AuditResult.SkippedFile> skipped) {}

    /**
     * Audits every ruleset of a file (each security group, access list, NSG… of a file that holds
     * several), one after the other.
     */
    private static Outcome audit(RulesetFiles.Candidate candidate, AuditOptions options, ExecutorService helpers) {
        String file = candidate.file().toString();
        List<Ruleset> rulesets;
        String text = null;
        try {
            text = RulesetLoader.readRuleset(candidate.file(), options.load());
            if (!candidate.named()) {
                Optional<String> reason = RulesetFiles.notARuleset(candidate.file(), text);
                if (reason.isPresent()) {
                    return new Outcome(List.of(), Optional.of(new AuditResult.SkippedFile(file, reason.get())));
                }
            }
            rulesets = RulesetLoader.loadEach(text, file, options.load());
        } catch (InputException e) {
            // a configuration found in a directory with no access list (a listing with no group…) has
            // nothing to audit, nor has a binary file that is not even text; named, they are errors
            if (text != null && !candidate.named() && RulesetLoader.holdsNone(text, file, options.load())) {
                return new Outcome(List.of(),
                        Optional.of(new AuditResult.SkippedFile(file, "not a ruleset: " + e.problem())));
            }
            if (text == null && !candidate.named() && RulesetFiles.binary(candidate.file())) {
                return new Outcome(List.of(), Optional.of(new AuditResult.SkippedFile(file, "a binary file")));
            }
            return new Outcome(List.of(RulesetAudit.failed(file, "", e.location(), e.getMessage())), Optional.empty());
        } catch (OutOfMemoryError e) {
            SourceLocation where = new SourceLocation(file, 0, 0);
            return new Outcome(List.of(RulesetAudit.failed(file, "", where, outOfMemory(where, "reading it"))),
                    Optional.empty());
        }
        List<RulesetAudit> audits = new ArrayList<>();
        for (Ruleset ruleset : rulesets) {
            // one of several rulesets of a file is named, so that its row says which
            String name = rulesets.size() > 1 ? ruleset.name() : "";
            try {
                audits.add(audit(file, ruleset, options, helpers));
            } catch (InputException e) {
                audits.add(RulesetAudit.failed(file, name, e.location(), e.getMessage()));
            } catch (OutOfMemoryError e) {
                // what the audit of this ruleset held is garbage once its stack is gone: the other
                // rulesets are audited all the same
                SourceLocation where = ruleset.source();
                audits.add(RulesetAudit.failed(file, name, where,
                        outOfMemory(where, "auditing its " + ruleset.writtenRules() + " rules")));
            }
        }
        return new Outcome(audits, Optional.empty());
    }

    /** Why a ruleset could not be audited when the heap ran out, and what to do about it. */
    private static String outOfMemory(SourceLocation where, String doing) {
        long max = Runtime.getRuntime().maxMemory();
        String limit = max == Long.MAX_VALUE ? "" : " (the Java heap may not grow past " + (max >> 20) + " MiB)";
        return where + ": ran out of memory " + doing + limit
                + ": give Java more memory (-Xmx), or audit fewer rulesets at once";
    }

    /**
     * Audits one ruleset in the calling thread.
     *
     * @throws InputException when a rule suppresses a finding type that does not exist, or a
     *     requirement that applies to it covers no flow
     */
    public static RulesetAudit audit(Ruleset ruleset, AuditOptions options) {
        return audit(ruleset.source().file(), ruleset, options, null);
    }

    /**
     * Up to this many rules, a ruleset's requirements may be checked on a spare thread while the
     * calling thread runs the exposure checks and anomalies, each side compiling the ruleset in a
     * flow space of its own; larger rulesets are audited part after part on one compilation, to
     * keep one copy in memory.
     */
    static final int SIDE_BY_SIDE_RULES = 20_000;

    /** One part of a ruleset's audit: its findings, from a compiled ruleset. */
    private interface Part {
        List<Finding> findings(CompiledRuleset compiled);
    }

    /**
     * @param helpers threads that may check the requirements while the calling thread runs the
     *     other parts, or null to run every part on the calling thread
     */
    private static RulesetAudit audit(String file, Ruleset ruleset, AuditOptions options, ExecutorService helpers) {
        checkSuppressions(ruleset);
        int cap = options.cap();
        Set<FindingType> types = options.findings();
        Optional<Policy> policy = options.policy().map(p -> p.forRuleset(ruleset));
        Part requirements = null;
        if (policy.isPresent() && !policy.get().requirements().isEmpty()
                && !Collections.disjoint(types, AuditOptions.Group.REQUIREMENTS.types())) {
            requirements = compiled -> Checker.check(compiled, policy.get(), cap).findings().stream()
                    .map(AuditFindings::requirement).toList();
        }
        boolean exposures = !Collections.disjoint(types, AuditOptions.Group.EXPOSURES.types());
        List<Part> parts = new ArrayList<>();
        if (exposures) {
            parts.add(compiled -> ExposureChecks.of(compiled,
                    policy.map(Policy::audit).orElse(AuditSettings.defaults()), cap, types));
        }
        Set<Anomaly.Kind> kinds = anomalyKinds(types);
        if (!kinds.isEmpty()) {
            parts.add(compiled -> {
                AuditFindings.Places places = new AuditFindings.Places();
                return Anomalies.of(compiled, cap, kinds).stream()
                        .map(a -> AuditFindings.anomaly(ruleset, a, places)).toList();
            });
        }
        // the exposure checks and conflicting overlaps need what the ruleset accepts of every flow;
        // without them, requirements are checked on their own flows only, as by the check command
        boolean everyFlow = exposures || types.contains(FindingType.CONFLICTING_OVERLAP);
        List<Finding> found = new ArrayList<>();
        if (requirements != null && !parts.isEmpty() && helpers != null
                && ruleset.rules().size() <= SIDE_BY_SIDE_RULES) {
            // the requirements compile only their own flows, and on their own the rest would wait
            // for them: they are checked on a spare thread meanwhile
            Part checked = requirements;
            Future<List<Finding>> side = helpers.submit(() -> checked.findings(CompiledRuleset.of(ruleset)));
            List<Finding> rest = run(parts, compiled(ruleset, everyFlow, !kinds.isEmpty()));
            found.addAll(join(side));
            found.addAll(rest);
        } else {
            CompiledRuleset compiled = compiled(ruleset, everyFlow, !kinds.isEmpty());
            if (requirements != null) {
                found.addAll(requirements.findings(compiled));
            }
            found.addAll(run(parts, compiled));
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
        return new RulesetAudit(file, ruleset.name(), ruleset.writtenRules(), findings, suppressed, Optional.empty());
    }

    /**
     * The ruleset compiled for the parts of its audit. When anomalies are looked for, what each
     * rule decides comes first: they need it, and the accepted sets are then joined from it rather
     * than compiled from every rule. With {@code everyFlow}, the accepted sets of every flow.
     */
    private static CompiledRuleset compiled(Ruleset ruleset, boolean everyFlow, boolean anomalies) {
        CompiledRuleset compiled = CompiledRuleset.of(ruleset);
        if (anomalies) {
            compiled.decided();
        }
        if (everyFlow) {
            compiled.certainlyAccepted();
        }
        return compiled;
    }

    private static List<Finding> run(List<Part> parts, CompiledRuleset compiled) {
        List<Finding> out = new ArrayList<>();
        for (Part part : parts) {
            out.addAll(part.findings(compiled));
        }
        return out;
    }

    /** The findings of a part run on another thread, or what it threw. */
    private static List<Finding> join(Future<List<Finding>> side) {
        try {
            return side.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the audit was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The kinds of anomaly whose findings are among the types. */
    private static Set<Anomaly.Kind> anomalyKinds(Set<FindingType> types) {
        Set<Anomaly.Kind> kinds = EnumSet.noneOf(Anomaly.Kind.class);
        for (Anomaly.Kind kind : Anomaly.Kind.values()) {
            if (types.contains(AuditFindings.typeOf(kind))) {
                kinds.add(kind);
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
