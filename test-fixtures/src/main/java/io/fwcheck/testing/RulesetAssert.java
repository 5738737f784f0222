package io.fwcheck.testing;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.Classification;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.Decision;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.FlowParser;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.report.TextReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a ruleset, decided exactly with fwcheck's engine: a flow set such as
 * {@code tcp 10.0.1.0/24 -> 10.0.2.10:5432} means every flow in it, and an assertion holds only when
 * it holds for all of them. Start with {@link FirewallAssertions#assertThat}.
 *
 * <p>Flow sets are written as {@code fwcheck trace} flows, where every field may be many values
 * ({@link FlowParser#parseSet}): {@code PROTO SRC[:PORTS] -> DST[:PORTS] [type T [code C]]
 * [state S[,S]] [in IFACE] [out IFACE]}. Addresses are {@code any}, addresses, CIDR blocks, ranges
 * or comma lists; ports a port, a range or a comma list. What is left out means every value:
 * every source port, every destination port, every ICMP type, any interface; the state is
 * {@code new} unless given ({@code state any} for all).
 *
 * <p>Flows whose fate depends on conditions fwcheck does not model (UNKNOWN) never pass an
 * assertion. The ruleset is compiled once per {@code assertThat}, so chain the assertions about one
 * ruleset. Not thread-safe.
 */
public final class RulesetAssert extends AbstractAssert<RulesetAssert, Ruleset> {

    private static final String INDENT = "  ";
    private static final String DEFAULT_POLICY = "default policy";

    private CompiledRuleset compiled;

    RulesetAssert(Ruleset actual) {
        super(actual, RulesetAssert.class);
    }

    /**
     * Verifies that the ruleset accepts every flow of the set, whatever unmodelled conditions do.
     *
     * @param flows the flow set, e.g. {@code tcp 10.0.1.0/24 -> 10.0.2.10:5432}
     * @return this assertion
     * @throws AssertionError naming the flows not accepted (their boxes, how many, one example) and
     *     the rules deciding them with file:line:column
     * @throws IllegalArgumentException when the flow set cannot be read
     */
    public RulesetAssert allows(String flows) {
        Classification c = classify(flows);
        if (c.allAccepted() == Verdict.PASS) {
            return this;
        }
        Evidence e = expecting("accept every flow of", flows);
        if (!c.denied().isEmpty()) {
            e.line("but it does not accept " + Evidence.boxes(c.denied().total()) + " of them:")
                    .flows(INDENT, c.denied())
                    .deciders(INDENT, c.deniedBy());
        }
        uncertain(e, c, !c.denied().isEmpty());
        throw failure(e);
    }

    /**
     * Verifies that the ruleset accepts no flow of the set (drops or rejects all of them), whatever
     * unmodelled conditions do.
     *
     * @param flows the flow set, e.g. {@code tcp 0.0.0.0/0 -> 10.0.2.10}
     * @return this assertion
     * @throws AssertionError naming the flows accepted (their boxes, how many, one example) and the
     *     rules accepting them with file:line:column
     * @throws IllegalArgumentException when the flow set cannot be read
     */
    public RulesetAssert blocks(String flows) {
        Classification c = classify(flows);
        if (c.noneAccepted() == Verdict.PASS) {
            return this;
        }
        Evidence e = expecting("block every flow of", flows);
        if (!c.accepted().isEmpty()) {
            e.line("but it accepts " + Evidence.boxes(c.accepted().total()) + " of them:")
                    .flows(INDENT, c.accepted())
                    .deciders(INDENT, c.acceptedBy());
        }
        uncertain(e, c, !c.accepted().isEmpty());
        throw failure(e);
    }

    /**
     * Verifies that one rule decides every flow of the set: no earlier rule takes any of them, and
     * the rule matches them all. {@code "default policy"} names the default action.
     *
     * @param flows the flow set, e.g. {@code tcp 10.0.1.5 -> 10.0.2.10:5432}
     * @param ruleId the id of the rule, e.g. {@code allow-app-postgres}
     * @return this assertion
     * @throws AssertionError naming the rules that decide some of the flows instead, with their
     *     file:line:column, how many boxes each decides and an example flow
     * @throws IllegalArgumentException when the flow set cannot be read
     */
    public RulesetAssert decidesWith(String flows, String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        Classification c = classify(flows);
        boolean isDefault = ruleId.equals(DEFAULT_POLICY);
        Optional<Rule> rule = actual.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst();
        if (rule.isEmpty() && !isDefault) {
            throw failure(expecting("decide every flow of", flows)
                    .line("by rule '" + ruleId + "', but it has no such rule; its rules are: "
                            + actual.rules().stream().map(Rule::id).collect(Collectors.joining(", "))
                            + " (and \"" + DEFAULT_POLICY + "\")"));
        }
        List<Decision> decisions = c.decidedBy();
        if (decisions.size() == 1 && decisions.get(0).rule().equals(rule)) {
            return this;
        }
        String target = rule.map(Rule::describe).orElse("the default policy (" + actual.source() + ")");
        Evidence e = expecting("decide every flow of", flows).line("with " + target + ", but");
        for (Decision d : decisions) {
            if (d.rule().equals(rule)) {
                e.line(INDENT + "it decides " + Evidence.boxes(d.flows().total()) + (d.uncertain()
                        ? " only maybe: it has conditions fwcheck does not model" : ""));
                continue;
            }
            e.line(INDENT + Evidence.decider(d) + " " + d.action().label() + " decides " + Evidence.boxes(d.flows().total())
                    + (d.uncertain() ? " (maybe: it has conditions fwcheck does not model)" : "") + ":");
            e.flows(INDENT + INDENT, d.flows());
        }
        throw failure(e);
    }

    /**
     * Verifies that the ruleset meets every requirement of the policy (a check with verdict PASS
     * for each).
     *
     * @param policy the requirements, e.g. from {@code Fwcheck.loadPolicy(path)} or {@code Fwcheck.policy()}
     * @return this assertion
     * @throws AssertionError listing each failed or unknown requirement as {@code fwcheck check}
     *     reports it: the violating flows, how many boxes, an example, the deciding rules
     */
    public RulesetAssert satisfies(Policy policy) {
        Objects.requireNonNull(policy, "policy");
        isNotNull();
        CheckResult result = Checker.check(compiled(), policy, FlowSummary.DEFAULT_CAP);
        List<RequirementResult> unmet = result.results().stream().filter(r -> r.verdict() != Verdict.PASS).toList();
        if (unmet.isEmpty()) {
            return this;
        }
        Evidence e = new Evidence().line("Expecting ruleset " + Evidence.ruleset(actual) + " to satisfy policy "
                + policy.source().file() + ", but " + unmet.size() + " of its " + result.results().size()
                + (result.results().size() == 1 ? " requirement" : " requirements") + (unmet.size() == 1 ? " is" : " are")
                + " not met:");
        for (RequirementResult r : unmet) {
            e.line(TextReport.requirement(r, false).stripTrailing());
        }
        throw failure(e);
    }

    private Classification classify(String flows) {
        Objects.requireNonNull(flows, "flows");
        isNotNull();
        CompiledRuleset c = compiled();
        Classification result = Classification.of(c, c.space().of(FlowParser.parseSet(flows)), FlowSummary.DEFAULT_CAP);
        if (result.flows().isEmpty()) {
            throw failure(expecting("decide", flows).line("but that flow set holds no flow"));
        }
        return result;
    }

    private CompiledRuleset compiled() {
        if (compiled == null) {
            compiled = CompiledRuleset.compile(actual);
        }
        return compiled;
    }

    private Evidence expecting(String what, String flows) {
        return new Evidence().line("Expecting ruleset " + Evidence.ruleset(actual) + " to " + what)
                .line(INDENT + flows);
    }

    private static void uncertain(Evidence e, Classification c, boolean also) {
        if (c.uncertain().isEmpty()) {
            return;
        }
        e.line((also ? "and" : "but") + " whether it accepts " + Evidence.boxes(c.uncertain().total())
                        + " of them depends on conditions fwcheck does not model:")
                .flows(INDENT, c.uncertain())
                .causes(INDENT, c.unknownCauses());
    }

    /** The failure with the evidence, after the description given with {@code as(…)}, if any. */
    private AssertionError failure(Evidence e) {
        return failure("%s", e.toString().stripTrailing());
    }
}
