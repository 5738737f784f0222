package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.Fwcheck;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.TraceResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.model.Flow;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.report.JsonReport;
import io.fwcheck.report.TextReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The thread-safety the entry point documents: analyses of different rulesets (each compiling into
 * its own flow space) run at the same time and give exactly the results they give one by one, and
 * one {@link Tracer} answers many threads.
 */
class ConcurrentAnalysisTest {

    private static final int THREADS = 4;
    private static final int CASES = 8;

    /** Everything one analysis produces, as text: equal text means equal results. */
    private static String analyse(Ruleset ruleset, Ruleset changed, Policy policy) {
        CheckResult check = Fwcheck.check(ruleset, policy);
        DiffResult diff = Fwcheck.diff(ruleset, changed, policy);
        return TextReport.check(check, false) + JsonReport.check(check, "test") + TextReport.diff(diff,
                new io.fwcheck.report.DiffGate(io.fwcheck.model.Severity.ERROR, false), false)
                + Fwcheck.anomalies(ruleset).size();
    }

    @Test
    void analyses_of_different_rulesets_run_concurrently_with_the_results_they_have_alone() throws Exception {
        List<Ruleset> rulesets = new ArrayList<>();
        List<Ruleset> changed = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            RulesetGenerator generator = RulesetGenerator.seeded(4_000 + i).withUnmodelledRate(i % 2 == 0 ? 0 : 0.05);
            rulesets.add(generator.generate(60 + 10 * i));
            changed.add(generator.generate(61 + 10 * i));
            policies.add(PolicyGenerator.seeded(4_000 + i).about(rulesets.get(i)).generate(12));
        }
        rulesets.add(Postmortem.ruleset("proposed.rules"));
        changed.add(Postmortem.ruleset("current.nft.json"));
        policies.add(Postmortem.policy());

        List<String> alone = new ArrayList<>();
        for (int i = 0; i < rulesets.size(); i++) {
            alone.add(analyse(rulesets.get(i), changed.get(i), policies.get(i)));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < rulesets.size(); i++) {
                    int k = (i + round) % rulesets.size();
                    which.add(k);
                    Callable<String> task = () -> {
                        start.await();
                        return analyse(rulesets.get(k), changed.get(k), policies.get(k));
                    };
                    futures.add(pool.submit(task));
                }
            }
            start.countDown();
            for (int j = 0; j < futures.size(); j++) {
                assertThat(futures.get(j).get(5, TimeUnit.MINUTES)).as("case %d", which.get(j)).isEqualTo(alone.get(which.get(j)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void one_tracer_answers_many_threads() throws Exception {
        Ruleset ruleset = RulesetGenerator.seeded(99).withUnmodelledRate(0.05).generate(150);
        Tracer tracer = Fwcheck.tracer(ruleset);
        List<Flow> flows = FlowGenerator.seeded(99).biasedToward(ruleset).flows(20_000);
        List<String> alone = flows.stream().map(f -> describe(tracer.trace(f))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> flows.stream().map(f -> describe(tracer.trace(f))).toList()));
            }
            for (Future<List<String>> f : futures) {
                assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(TraceResult r) {
        return r.verdict() + " " + r.decidedBy() + " " + r.unknownCauses();
    }
}
