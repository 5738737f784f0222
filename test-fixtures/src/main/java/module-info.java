/**
 * Testing firewall rulesets with fwcheck: AssertJ assertions
 * ({@link io.fwcheck.testing.FirewallAssertions}), one JUnit 5 dynamic test per policy requirement
 * ({@link io.fwcheck.testing.PolicyTests}), builders for rulesets in tests
 * ({@link io.fwcheck.testing.Rulesets}) and seeded generators of rulesets, policies and flows for
 * property tests ({@link io.fwcheck.testing.RulesetGenerator}, {@link io.fwcheck.testing.PolicyGenerator},
 * {@link io.fwcheck.testing.FlowGenerator}).
 */
module io.fwcheck.testing {
    requires transitive io.fwcheck.core;
    requires transitive org.assertj.core;
    requires transitive org.junit.jupiter.api;

    exports io.fwcheck.testing;
}
