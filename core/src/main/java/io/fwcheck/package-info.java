/**
 * The entry point of the library, {@link io.fwcheck.Fwcheck}, and the builders that make rulesets
 * ({@link io.fwcheck.RulesetBuilder}) and policies ({@link io.fwcheck.PolicyBuilder}) in code.
 */
package io.fwcheck;
