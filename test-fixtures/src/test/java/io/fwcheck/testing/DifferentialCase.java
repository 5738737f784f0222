package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Flow;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * One seeded case of the differential tests: a generated ruleset and flows biased toward its
 * edges. Everything derives from the seed, and {@link #toString()} says how to rebuild it.
 */
final class DifferentialCase {

    /** Seeds of the differential cases; change the base to explore new ground. */
    static final long BASE_SEED = 20_261_100L;

    final long seed;
    final int size;
    final double ipv6Share;
    final double unmodelledRate;
    final Ruleset ruleset;
    final FlowGenerator flows;

    private DifferentialCase(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E37_79B9_7F4A_7C15L);
        this.size = 20 + random.nextInt(181);
        this.ipv6Share = new double[] {0.0, 0.3, 0.5, 1.0}[random.nextInt(4)];
        this.unmodelledRate = random.nextInt(3) == 0 ? 0.08 : 0.0;
        this.ruleset = RulesetGenerator.seeded(seed)
                .withIpv6Share(ipv6Share)
                .withUnmodelledRate(unmodelledRate)
                .generate(size);
        this.flows = FlowGenerator.seeded(seed).biasedToward(ruleset);
    }

    static DifferentialCase of(long seed) {
        return new DifferentialCase(seed);
    }

    /** {@code count} seeds starting at {@link #BASE_SEED}. */
    static LongStream seeds(int count) {
        return LongStream.range(0, count).map(i -> BASE_SEED + i);
    }

    @Override
    public String toString() {
        return "seed " + seed + " (RulesetGenerator.seeded(" + seed + "L).withIpv6Share(" + ipv6Share
                + ").withUnmodelledRate(" + unmodelledRate + ").generate(" + size + "), FlowGenerator.seeded("
                + seed + "L).biasedToward(ruleset))";
    }

    /** Collects disagreements and reports the first few with the case that produced them. */
    static final class Failures {
        private final DifferentialCase origin;
        private final List<String> first = new ArrayList<>();
        private int count;

        Failures(DifferentialCase origin) {
            this.origin = origin;
        }

        void add(String what, Flow flow) {
            add(what + " for flow " + flow);
        }

        void add(String message) {
            count++;
            if (first.size() < 8) {
                first.add(message);
            }
        }

        void check(boolean ok, Supplier<String> what, Flow flow) {
            if (!ok) {
                add(what.get(), flow);
            }
        }

        void assertNone() {
            assertThat(first)
                    .as("%d disagreement(s) with brute force in %s", count, origin)
                    .isEmpty();
        }
    }
}
