package io.fwcheck.format.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Requirement.Allowance;
import io.fwcheck.model.Requirement.MustAllow;
import io.fwcheck.model.Requirement.MustDeny;
import io.fwcheck.model.Requirement.OnlyAllow;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The postmortem sample as iptables-save and ip6tables-save dumps gets the same check verdicts as
 * the YAML rulesets, family by family: an iptables dump speaks for IPv4 only (and ip6tables for
 * IPv6), so the policy is compared restricted to each family; requirements without addresses of
 * that family are left out. Checked unrestricted, the IPv4 dump leaves every requirement that
 * covers IPv6 addresses UNKNOWN, never PASS.
 */
public class PostmortemDumpsTest {

    private static final Path DIR = Path.of("..", "rulesets", "postmortem");

    private static Policy policy() {
        return YamlPolicyReader.read(DIR.resolve("policy.yaml"));
    }

    private static Ruleset load(String file) {
        return RulesetLoader.load(DIR.resolve(file), LoadOptions.defaults());
    }

    /** The policy with every address restricted to one family; requirements left without one are dropped. */
    public static Policy restricted(Policy policy, IpFamily family) {
        List<Requirement> out = new ArrayList<>();
        for (Requirement r : policy.requirements()) {
            Optional<Requirement> kept;
            if (r instanceof MustAllow a) {
                kept = both(a.from(), a.to(), family).map(e -> new MustAllow(a.id(), a.description(), a.severity(),
                        a.location(), e[0], e[1], a.service()));
            } else if (r instanceof MustDeny d) {
                kept = both(d.from(), d.to(), family).map(e -> new MustDeny(d.id(), d.description(), d.severity(),
                        d.location(), e[0], e[1], d.service()));
            } else {
                OnlyAllow o = (OnlyAllow) r;
                Endpoint to = only(o.to(), family);
                List<Allowance> allow = o.allow().stream()
                        .map(a -> new Allowance(only(a.from(), family), a.service())).toList();
                kept = to.addresses().isEmpty() ? Optional.empty()
                        : Optional.of(new OnlyAllow(o.id(), o.description(), o.severity(), o.location(), to, allow));
            }
            kept.ifPresent(out::add);
        }
        return new Policy(policy.groups(), policy.services(), out, policy.source());
    }

    private static Endpoint only(Endpoint e, IpFamily family) {
        return new Endpoint(e.name(), e.addresses().only(family));
    }

    private static Optional<Endpoint[]> both(Endpoint from, Endpoint to, IpFamily family) {
        Endpoint f = only(from, family);
        Endpoint t = only(to, family);
        return f.addresses().isEmpty() || t.addresses().isEmpty() ? Optional.empty() : Optional.of(new Endpoint[] {f, t});
    }

    private static Map<String, Verdict> verdicts(CheckResult result) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (RequirementResult r : result.results()) {
            m.put(r.requirement().id(), r.verdict());
        }
        return m;
    }

    @Test
    void each_dump_gets_the_yaml_rulesets_verdicts_for_its_family() {
        for (String change : List.of("current", "proposed")) {
            Ruleset yaml = load(change + ".yaml");
            for (IpFamily family : IpFamily.values()) {
                Policy p = restricted(policy(), family);
                String dump = change + (family == IpFamily.IPV4 ? ".rules" : "6.rules");
                Map<String, Verdict> fromYaml = verdicts(Checker.check(yaml, p));
                Map<String, Verdict> fromDump = verdicts(Checker.check(load(dump), p));

                assertThat(fromDump).as(dump).isEqualTo(fromYaml);
            }
        }
        Policy v4 = restricted(policy(), IpFamily.IPV4);
        assertThat(verdicts(Checker.check(load("current.rules"), v4))).containsValues(Verdict.PASS).doesNotContainValue(Verdict.FAIL);
        assertThat(verdicts(Checker.check(load("proposed.rules"), v4))).containsEntry("app-to-db", Verdict.FAIL);
    }

    @Test
    void the_proposed_dump_blames_its_drop_rule_with_file_and_line() {
        CheckResult result = Checker.check(load("proposed.rules"), restricted(policy(), IpFamily.IPV4));
        RequirementResult appToDb = result.results().get(0);

        assertThat(appToDb.violation().boxes()).extracting(Object::toString)
                .containsExactly("tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new");
        assertThat(appToDb.decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("INPUT#4");
            assertThat(d.location().toString()).endsWith("proposed.rules:12:1");
        });
    }

    @Test
    void an_ipv4_dump_checked_against_the_dual_stack_policy_is_unknown_where_ipv6_matters_never_pass() {
        Map<String, Verdict> v = verdicts(Checker.check(load("current.rules"), policy()));

        assertThat(v).containsEntry("app-to-db", Verdict.UNKNOWN)
                .containsEntry("bastion-ssh", Verdict.PASS)
                .containsEntry("no-internet-to-db", Verdict.UNKNOWN)
                .containsEntry("db-allowlist", Verdict.UNKNOWN);
        CheckResult proposed = Checker.check(load("proposed.rules"), policy());
        assertThat(verdicts(proposed)).containsEntry("app-to-db", Verdict.FAIL);
        assertThat(proposed.results().get(2).unknownCauses()).isNotEmpty();
    }
}
