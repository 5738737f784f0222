package io.fwcheck.testing;

import io.fwcheck.Fwcheck;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.report.TextReport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns a policy into JUnit 5 tests, one per requirement, so that each requirement shows up by
 * name (id and text) in the IDE and in CI test reports:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> policy() {
 *     return PolicyTests.of(ruleset, policy);
 * }
 * }</pre>
 *
 * <p>A test passes when its requirement's verdict is PASS; it fails on FAIL and on UNKNOWN, with the
 * requirement as {@code fwcheck check} reports it: the violating (or uncertain) flows, how many
 * boxes they make up, an example flow and the deciding rules (or the unmodelled constructs) with
 * their file:line:column. Requirements read from a file link to their line (the test's source).
 * The ruleset is compiled once, on the first test that runs.
 */
public final class PolicyTests {

    private PolicyTests() {}

    /**
     * One dynamic test per requirement of the policy, in policy order.
     *
     * @param ruleset the ruleset under test
     * @param policy its requirements
     * @return the tests, named {@code id: text}, e.g. {@code app-to-db: app-servers must reach db on postgres}
     */
    public static Stream<DynamicTest> of(Ruleset ruleset, Policy policy) {
        Objects.requireNonNull(ruleset, "ruleset");
        Objects.requireNonNull(policy, "policy");
        Compiled compiled = new Compiled(ruleset);
        return policy.requirements().stream().map(r -> DynamicTest.dynamicTest(
                r.id() + ": " + r.text(), source(r.location()), () -> verify(compiled.get(), policy, r)));
    }

    /**
     * One dynamic test per requirement of a policy file, for a ruleset file of any format.
     *
     * @param ruleset the ruleset file (YAML, iptables-save output, nftables JSON, …; detected)
     * @param policy the policy file
     * @return the tests
     * @throws io.fwcheck.format.InputException when a file cannot be read
     */
    public static Stream<DynamicTest> of(Path ruleset, Path policy) {
        return of(Fwcheck.loadRuleset(ruleset), Fwcheck.loadPolicy(policy));
    }

    private static void verify(CompiledRuleset compiled, Policy policy, Requirement requirement) {
        Policy one = new Policy(policy.groups(), policy.services(), List.of(requirement), policy.source());
        CheckResult result = Checker.check(compiled, one, FlowSummary.DEFAULT_CAP);
        RequirementResult r = result.results().get(0);
        if (r.verdict() != Verdict.PASS) {
            Assertions.fail("requirement " + requirement.id() + " (" + requirement.location() + ") is not met by ruleset "
                    + Evidence.ruleset(compiled.ruleset()) + ":\n" + TextReport.requirement(r, false).stripTrailing());
        }
    }

    /** The requirement's file and line as a test source, when the file exists. */
    private static URI source(SourceLocation location) {
        if (location.line() <= 0) {
            return null;
        }
        try {
            Path file = Path.of(location.file());
            if (!Files.isRegularFile(file)) {
                return null;
            }
            return URI.create(file.toAbsolutePath().toUri() + "?line=" + location.line()
                    + (location.column() > 0 ? "&column=" + location.column() : ""));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The ruleset compiled on first use; one per stream of tests, which JUnit runs one at a time. */
    private static final class Compiled {
        private final Ruleset ruleset;
        private CompiledRuleset compiled;

        Compiled(Ruleset ruleset) {
            this.ruleset = ruleset;
        }

        synchronized CompiledRuleset get() {
            if (compiled == null) {
                compiled = CompiledRuleset.compile(ruleset);
            }
            return compiled;
        }
    }
}
