package io.fwcheck.bench;

import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.model.Action;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code fwcheck diff} of a generated ruleset against a copy with {@code edits} seeded edits
 * (rules removed, actions flipped, rules moved, rules inserted), without and with a policy of 100
 * generated requirements. Targets: 10k rules with 10 edits under 1 s; 100k rules under 10 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DiffBenchmark {

    @Param({"10000", "100000"})
    public int rules;

    @Param({"10"})
    public int edits;

    private Ruleset before;
    private Ruleset after;
    private Policy policy;

    @Setup(Level.Trial)
    public void generate() {
        before = GeneratedInput.ruleset(rules);
        after = edited(before, edits, GeneratedInput.SEED);
        policy = GeneratedInput.policy(before, 100);
    }

    @Benchmark
    public DiffResult diff() {
        return Differ.diff(before, after, DiffOptions.defaults());
    }

    @Benchmark
    public DiffResult diffWithPolicy() {
        return Differ.diff(before, after, DiffOptions.defaults().withPolicy(policy));
    }

    /** The ruleset after {@code count} seeded edits, cycling through remove, flip, move and insert. */
    static Ruleset edited(Ruleset ruleset, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Rule> rules = new ArrayList<>(ruleset.rules());
        for (int e = 0; e < count; e++) {
            int i = random.nextInt(rules.size());
            Rule r = rules.get(i);
            switch (e % 4) {
                case 0 -> rules.remove(i);
                case 1 -> rules.set(i, withAction(r, r.id(), flip(r.action())));
                case 2 -> rules.add(random.nextInt(rules.size()), rules.remove(i));
                default -> rules.add(random.nextInt(rules.size() + 1),
                        withAction(r, "inserted-" + e, flip(r.action())));
            }
        }
        return new Ruleset(ruleset.name(), rules, ruleset.defaultAction(), ruleset.source());
    }

    private static Rule withAction(Rule r, String id, Action action) {
        return new Rule(id, action, r.match(), r.comment(), r.location(), r.named());
    }

    private static Action flip(Action action) {
        return action.accepts() ? Action.DROP : Action.ACCEPT;
    }
}
