package io.fwcheck.testing;

import io.fwcheck.model.Ruleset;

/**
 * AssertJ entry point for rulesets: every assertion is decided exactly, over every flow it names,
 * never by sampling.
 *
 * <pre>{@code
 * import static io.fwcheck.testing.FirewallAssertions.assertThat;
 *
 * assertThat(ruleset)
 *         .allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432")
 *         .blocks("tcp 0.0.0.0/0 -> 10.0.2.10:22")
 *         .decidesWith("tcp 10.0.1.5 -> 10.0.2.10:5432", "allow-app-postgres")
 *         .satisfies(policy);
 * }</pre>
 *
 * <p>A failure names what was expected, an example flow that breaks it, the rules deciding the
 * offending flows with their file:line:column, and how many boxes (ranges of addresses, ports,
 * protocols, …) the offending flows make up. See {@link RulesetAssert} for the flow syntax and its
 * defaults.
 */
public final class FirewallAssertions {

    private FirewallAssertions() {}

    /**
     * Starts assertions on a ruleset.
     *
     * @param ruleset the ruleset, e.g. from {@code Fwcheck.loadRuleset(path)} or {@code Fwcheck.ruleset(name)}
     * @return the assertions
     */
    public static RulesetAssert assertThat(Ruleset ruleset) {
        return new RulesetAssert(ruleset);
    }
}
