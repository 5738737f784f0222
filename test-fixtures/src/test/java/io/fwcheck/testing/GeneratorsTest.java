package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generators are reproducible and produce the variety the differential tests rely on. */
class GeneratorsTest {

    @Test
    void the_same_seed_gives_the_same_ruleset_flows_and_policy() {
        Ruleset a = RulesetGenerator.seeded(7).withUnmodelledRate(0.1).generate(300);
        Ruleset b = RulesetGenerator.seeded(7).withUnmodelledRate(0.1).generate(300);
        assertThat(a).isEqualTo(b);
        assertThat(RulesetGenerator.seeded(8).generate(300)).isNotEqualTo(a);
        assertThat(FlowGenerator.seeded(7).biasedToward(a).flows(500))
                .isEqualTo(FlowGenerator.seeded(7).biasedToward(a).flows(500));
        assertThat(PolicyGenerator.seeded(7).about(a).generate(40))
                .isEqualTo(PolicyGenerator.seeded(7).about(a).generate(40));
    }

    @Test
    void generated_rulesets_mix_the_constructs_of_real_ones() {
        Ruleset r = RulesetGenerator.seeded(42).generate(2_000);
        List<Match> matches = r.rules().stream().map(Rule::match).toList();
        List<AddressRange> ranges = matches.stream()
                .flatMap(m -> Stream.concat(m.sources().ranges().stream(), m.destinations().ranges().stream()))
                .toList();
        Set<String> lengths = ranges.stream().map(AddressRange::toString)
                .map(t -> t.contains("/") ? t.substring(t.indexOf('/')) : t.contains("-") ? "range" : "single")
                .collect(Collectors.toSet());
        assertThat(lengths).contains("/24", "/16", "/8", "/64", "/48", "range", "single");
        assertThat(ranges).anyMatch(x -> x.family() == IpFamily.IPV6).anyMatch(x -> x.family() == IpFamily.IPV4);
        assertThat(matches).anyMatch(m -> m.protocols().equals(IntRanges.of(Protocol.TCP)))
                .anyMatch(m -> m.protocols().contains(Protocol.ICMPV6) && m.icmp().isPresent())
                .anyMatch(m -> m.protocols().isAll(Protocol.MAX))
                .anyMatch(m -> m.destinationPorts().map(p -> p.size() > 1).orElse(false))
                .anyMatch(m -> m.destinationPorts().map(p -> p.contains(1024) && p.contains(65535)).orElse(false))
                .anyMatch(m -> m.sourcePorts().isPresent())
                .anyMatch(m -> m.states().equals(Set.of(ConnState.NEW)))
                .anyMatch(m -> m.inInterface().map(i -> i.negated()).orElse(false))
                .anyMatch(m -> m.inInterface().map(i -> i.patterns().stream().anyMatch(p -> p.endsWith("+"))).orElse(false))
                .anyMatch(m -> m.outInterface().isPresent())
                .anyMatch(m -> m.families().size() == 2 && m.sources().has(IpFamily.IPV4) && m.sources().has(IpFamily.IPV6)
                        && !m.sources().isAll())
                .allMatch(Match::isCertain);
        assertThat(r.rules()).extracting(Rule::action).contains(Action.ACCEPT, Action.DROP, Action.REJECT);
        assertThat(r.rules().get(9).location()).hasToString("generated-42.rules:10:1");
    }

    @Test
    void unmodelled_conditions_and_exceptions_appear_at_the_configured_rates() {
        Ruleset r = RulesetGenerator.seeded(3).withUnmodelledRate(0.2).generate(2_000);
        long uncertain = r.rules().stream().filter(x -> !x.match().unmodelled().isEmpty()).count();
        assertThat(uncertain).isBetween(320L, 480L);
        assertThat(r.rules()).filteredOn(x -> !x.match().except().isEmpty()).hasSizeBetween(30, 120)
                .anyMatch(x -> x.match().unmodelled().isEmpty() && !x.match().isCertain());
        assertThat(RulesetGenerator.seeded(3).generate(2_000).rules()).allMatch(x -> x.match().isCertain());
    }

    @Test
    void the_family_share_and_default_action_can_be_fixed() {
        Ruleset v6 = RulesetGenerator.seeded(5).withIpv6Share(1.0).withDefaultAction(Action.REJECT).generate(500);
        assertThat(v6.defaultAction()).isEqualTo(Action.REJECT);
        assertThat(v6.rules()).as("no rule is for IPv4 only")
                .allSatisfy(rule -> assertThat(rule.match().families()).contains(IpFamily.IPV6));
        assertThat(v6.rules()).filteredOn(rule -> rule.match().families().size() == 1).hasSizeGreaterThan(400);
    }

    @Test
    void flows_are_canonical_and_cover_both_families_every_state_and_rule_edges() {
        Ruleset r = RulesetGenerator.seeded(11).generate(200);
        List<Flow> flows = FlowGenerator.seeded(11).biasedToward(r).flows(5_000);
        assertThat(flows).extracting(Flow::family).contains(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(flows).extracting(Flow::state).contains(ConnState.values());
        assertThat(flows).extracting(Flow::inInterface).contains("", "eth0");
        assertThat(flows).anyMatch(f -> f.protocol() == Protocol.ICMP).anyMatch(f -> f.protocol() == Protocol.UDP);
        // many flows sit exactly on the first or last address of some rule's range
        Set<Address> ends = r.rules().stream()
                .flatMap(rule -> rule.match().destinations().ranges().stream())
                .flatMap(x -> Stream.of(x.first(), x.last()))
                .collect(Collectors.toSet());
        long onEdge = flows.stream().filter(f -> ends.contains(f.destination())).count();
        assertThat(onEdge).isGreaterThan(flows.size() / 10);
        // every rule of a small ruleset is hit by some flow, or is empty / fully shadowed
        long decided = flows.stream().mapToInt(r::firstMatch).distinct().count();
        assertThat(decided).isGreaterThan(r.rules().size() / 3);
    }

    @Test
    void generated_policies_cover_flows_and_give_every_verdict() {
        Ruleset r = RulesetGenerator.seeded(21).withIpv6Share(0.3).withUnmodelledRate(0.05).generate(300);
        Policy policy = PolicyGenerator.seeded(21).about(r).generate(100);
        assertThat(policy.requirements()).hasSize(100)
                .hasAtLeastOneElementOfType(Requirement.MustAllow.class)
                .hasAtLeastOneElementOfType(Requirement.MustDeny.class)
                .hasAtLeastOneElementOfType(Requirement.OnlyAllow.class);
        CheckResult result = Checker.check(r, policy);
        assertThat(result.results()).extracting(x -> x.verdict()).contains(Verdict.PASS, Verdict.FAIL);
        assertThat(PolicyGenerator.seeded(1).generate(20).requirements()).hasSize(20);
    }

    @Test
    void the_rulesets_builder_reads_like_the_ruleset() {
        Ruleset db = Rulesets.named("db")
                .defaultAction(Action.DROP)
                .accept("allow-established", m -> m.states(ConnState.ESTABLISHED, ConnState.RELATED))
                .accept("allow-app", m -> m.sources("10.0.1.0/24").destinations("10.0.2.10").tcp(5432))
                .reject("reject-ssh", m -> m.notSources("10.0.9.5").tcp(22).in("eth+"))
                .build();
        assertThat(db.rules()).extracting(Rule::id).containsExactly("allow-established", "allow-app", "reject-ssh");
        assertThat(db.firstMatch(Flow.tcp("10.0.1.7", 40000, "10.0.2.10", 5432))).isEqualTo(1);
        assertThat(db.firstMatch(Flow.tcp("10.0.1.7", 40000, "10.0.2.11", 5432))).isEqualTo(3);
        assertThat(db.firstMatch(Flow.tcp("10.0.1.7", 40000, "10.0.2.10", 22).withInterfaces("eth1", ""))).isEqualTo(2);
        assertThat(db.firstMatch(Flow.tcp("10.0.9.5", 40000, "10.0.2.10", 22).withInterfaces("eth1", ""))).isEqualTo(3);
        assertThat(db.rules().get(1).location()).hasToString("db.rules:2:1");
        assertThat(db.rules().get(2).match().families()).isEqualTo(EnumSet.allOf(IpFamily.class));
    }
}
