package io.fwcheck.bench;

import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.PolicyGenerator;
import io.fwcheck.testing.RulesetGenerator;

/**
 * The generated inputs every benchmark uses, so numbers are comparable between runs: seed 2026,
 * 30% IPv6 rules, no unmodelled conditions, random default action; policies of generated
 * requirements about the ruleset.
 */
final class GeneratedInput {
    static final long SEED = 2026;

    private GeneratedInput() {}

    static Ruleset ruleset(int rules) {
        return RulesetGenerator.seeded(SEED).generate(rules);
    }

    static Policy policy(Ruleset ruleset, int requirements) {
        return PolicyGenerator.seeded(SEED).about(ruleset).generate(requirements);
    }
}
