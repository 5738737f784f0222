package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Action;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Address;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerTest {

    private static final SourceLocation HERE = SourceLocation.code("test");
    private static final AddressSet APP = cidrs("10.0.1.0/24", "2001:db8:1::/64");
    private static final AddressSet DB = cidrs("10.0.2.10/32", "2001:db8:2::10/128");
    private static final AddressSet BASTION = cidrs("10.0.9.5/32");
    private static final AddressSet INTERNET = AddressSet.all().minus(
            cidrs("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "2001:db8::/32"));
    private static final Service POSTGRES = Service.ports("postgres", Protocol.TCP, IntRanges.of(5432));
    private static final Service SSH = Service.ports("ssh", Protocol.TCP, IntRanges.of(22));

    static AddressSet cidrs(String... texts) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String t : texts) {
            String[] parts = t.split("/");
            ranges.add(AddressRange.cidr(Address.parse(parts[0]), Integer.parseInt(parts[1])));
        }
        return AddressSet.of(ranges);
    }

    static Rule rule(String id, Action action, Match match) {
        return new Rule(id, action, match, "", HERE);
    }

    static List<Rule> currentRules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule("allow-established", Action.ACCEPT,
                Match.builder().states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED)).build()));
        rules.add(rule("allow-ssh", Action.ACCEPT, Match.builder().sources(BASTION).destinations(DB)
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(22)).build()));
        rules.add(rule("allow-app", Action.ACCEPT, Match.builder().sources(APP).destinations(DB)
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(5432)).build()));
        return rules;
    }

    static Policy policy() {
        Endpoint app = new Endpoint("app-servers", APP);
        Endpoint db = new Endpoint("db", DB);
        List<Requirement> reqs = List.of(
                new Requirement.MustAllow("app-to-db", "", Severity.ERROR, HERE, app, db, POSTGRES),
                new Requirement.MustDeny("no-internet-to-db", "", Severity.ERROR, HERE,
                        new Endpoint("internet", INTERNET), db, Service.ANY),
                new Requirement.OnlyAllow("db-allowlist", "", Severity.WARNING, HERE, db, List.of(
                        new Requirement.Allowance(app, POSTGRES),
                        new Requirement.Allowance(new Endpoint("bastion", BASTION), SSH))));
        return new Policy(Map.of(), Map.of(), reqs, HERE);
    }

    @Test
    void current_ruleset_meets_every_requirement() {
        Ruleset current = new Ruleset("current", currentRules(), Action.DROP, HERE);
        CheckResult result = Checker.check(current, policy());
        assertThat(result.results()).extracting(RequirementResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS);
    }

    @Test
    void proposed_change_blocking_postgres_fails_the_gate_with_the_exact_blocked_space() {
        List<Rule> rules = currentRules();
        rules.add(1, rule("block-scanner", Action.DROP, Match.builder().sources(cidrs("10.0.1.128/25"))
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(5432)).build()));
        Ruleset proposed = new Ruleset("proposed", rules, Action.DROP, HERE);

        RequirementResult appToDb = Checker.check(proposed, policy()).results().get(0);

        assertThat(appToDb.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(appToDb.violation().boxes()).extracting(Object::toString)
                .containsExactly("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(appToDb.violation().witness()).contains(Flow.tcp("10.0.1.128", 49152, "10.0.2.10", 5432));
        assertThat(appToDb.decidedBy()).extracting(Decision::name).containsExactly("block-scanner");
        assertThat(appToDb.message()).contains("block-scanner");
    }

    @Test
    void an_accept_all_rule_breaks_the_deny_and_the_allowlist() {
        List<Rule> rules = currentRules();
        rules.add(rule("allow-web", Action.ACCEPT, Match.builder()
                .protocol(Protocol.TCP).destinationPorts(IntRanges.range(80, 443)).build()));
        Ruleset ruleset = new Ruleset("web", rules, Action.DROP, HERE);

        CheckResult result = Checker.check(ruleset, policy());

        assertThat(result.results()).extracting(RequirementResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.FAIL);
        RequirementResult deny = result.results().get(1);
        assertThat(deny.violation().witness()).hasValueSatisfying(f -> {
            assertThat(f.destinationPort()).isEqualTo(80);
            assertThat(INTERNET.contains(f.source())).isTrue();
        });
        assertThat(deny.decidedBy()).extracting(Decision::name).containsExactly("allow-web");
    }

    @Test
    void an_unmodelled_condition_above_the_app_rule_makes_the_verdict_unknown() {
        List<Rule> rules = currentRules();
        rules.add(1, rule("rate-limit", Action.DROP, Match.builder().protocol(Protocol.TCP)
                .unmodelled(new Unmodelled("-m recent --rcheck", new SourceLocation("fw.rules", 7, 1))).build()));
        Ruleset ruleset = new Ruleset("uncertain", rules, Action.DROP, HERE);

        RequirementResult appToDb = Checker.check(ruleset, policy()).results().get(0);

        assertThat(appToDb.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(appToDb.unknownCauses()).singleElement()
                .satisfies(c -> assertThat(c.toString()).contains("-m recent --rcheck", "fw.rules:7:1"));
    }

    @Test
    void an_unmodelled_accept_cannot_hide_a_definite_block() {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule("maybe", Action.ACCEPT, Match.builder().sources(cidrs("10.0.1.0/25"))
                .unmodelled(new Unmodelled("-m string", HERE)).build()));
        Ruleset ruleset = new Ruleset("half", rules, Action.DROP, HERE);

        RequirementResult appToDb = Checker.check(ruleset, policy()).results().get(0);

        assertThat(appToDb.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(appToDb.violation().boxes()).extracting(Object::toString)
                .contains("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
    }
}
