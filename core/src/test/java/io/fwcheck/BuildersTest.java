package io.fwcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Rulesets and policies made in code mean what the same YAML means: the postmortem sample built
 * with the builders checks exactly like the files, and every builder error says where and why.
 */
class BuildersTest {

    /** rulesets/postmortem/proposed.yaml, in code. */
    static Ruleset proposed() {
        return Fwcheck.ruleset("db01-input")
                .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
                .group("bastion", "10.0.9.5")
                .group("internal", "10.0.0.0/8", "2001:db8::/32")
                .group("loopback", "127.0.0.0/8", "::1")
                .service("postgres", "tcp/5432")
                .service("ssh", "tcp/22")
                .accept("allow-established", r -> r.state(ConnState.ESTABLISHED, ConnState.RELATED))
                .accept("allow-loopback", r -> r.in("lo").from("loopback").to("loopback"))
                .accept("allow-ssh-from-bastion", r -> r.from("bastion").service("ssh").state(ConnState.NEW))
                .drop("block-scanner", r -> r.from("10.0.1.128/25").protocol("tcp").ports("5432")
                        .comment("CHG-4711: block the port scans seen from 10.0.1.128/25"))
                .accept("allow-app-postgres", r -> r.from("app-servers").service("postgres"))
                .accept("allow-ping", r -> r.from("internal").protocol("icmp").icmpType("echo-request"))
                .accept("allow-ping6", r -> r.from("internal").protocol("icmpv6").icmpType("echo-request"))
                .defaultAction(Action.DROP)
                .build();
    }

    /** rulesets/postmortem/policy.yaml, in code. */
    static Policy policy() {
        return Fwcheck.policy()
                .group("app-servers", "10.0.1.0/24", "2001:db8:1::/64")
                .group("db", "10.0.2.10", "2001:db8:2::10")
                .group("bastion", "10.0.9.5")
                .group("internal", "10.0.0.0/8", "2001:db8::/32")
                .group("internet", List.of("0.0.0.0/0", "::/0"), List.of("internal", "127.0.0.0/8", "169.254.0.0/16",
                        "172.16.0.0/12", "192.168.0.0/16", "::1", "fc00::/7", "fe80::/10"))
                .service("postgres", "tcp/5432")
                .service("ssh", "tcp/22")
                .service("ping", "icmp/echo-request", "icmpv6/echo-request")
                .mustAllow("app-to-db", "app-servers", "db", "postgres")
                .description("App servers reach the primary database")
                .mustAllow("bastion-ssh", "bastion", "db", "ssh")
                .mustDeny("no-internet-to-db", "internet", "db")
                .onlyAllow("db-allowlist", "db", allow -> allow
                        .from("app-servers", "postgres")
                        .from("bastion", "ssh")
                        .from("internal", "ping"))
                .severity(Severity.WARNING)
                .build();
    }

    @Test
    void the_sample_built_in_code_checks_like_the_files() {
        Ruleset yaml = Fwcheck.loadRuleset(FwcheckTest.POSTMORTEM.resolve("proposed.yaml"));
        Policy yamlPolicy = Fwcheck.loadPolicy(FwcheckTest.POSTMORTEM.resolve("policy.yaml"));
        Ruleset code = proposed();
        Policy codePolicy = policy();

        assertThat(code.rules()).extracting(Rule::id).isEqualTo(yaml.rules().stream().map(Rule::id).toList());
        for (int i = 0; i < code.rules().size(); i++) {
            assertThat(code.rules().get(i).match()).as(code.rules().get(i).id()).isEqualTo(yaml.rules().get(i).match());
            assertThat(code.rules().get(i).action()).isEqualTo(yaml.rules().get(i).action());
        }
        assertThat(codePolicy.groups()).isEqualTo(yamlPolicy.groups());
        assertThat(codePolicy.requirements()).extracting(Requirement::text)
                .isEqualTo(yamlPolicy.requirements().stream().map(Requirement::text).toList());
        assertThat(codePolicy.requirements()).extracting(Requirement::severity)
                .containsExactly(Severity.ERROR, Severity.ERROR, Severity.ERROR, Severity.WARNING);
        assertThat(codePolicy.requirements().get(0).description()).isEqualTo("App servers reach the primary database");

        for (CheckResult result : List.of(Fwcheck.check(code, codePolicy), Fwcheck.check(code, yamlPolicy),
                Fwcheck.check(yaml, codePolicy))) {
            CheckResult expected = Fwcheck.check(yaml, yamlPolicy);
            for (int i = 0; i < expected.results().size(); i++) {
                RequirementResult e = expected.results().get(i);
                RequirementResult a = result.results().get(i);
                assertThat(a.verdict()).as(e.requirement().id()).isEqualTo(e.verdict());
                assertThat(a.violation().boxes()).isEqualTo(e.violation().boxes());
                assertThat(a.violation().witness()).isEqualTo(e.violation().witness());
                assertThat(a.decidedBy()).extracting(d -> d.name()).isEqualTo(e.decidedBy().stream().map(d -> d.name()).toList());
            }
        }
    }

    @Test
    void rules_and_requirements_are_located_at_the_calls_that_made_them() {
        int line = new Throwable().getStackTrace()[0].getLineNumber();
        Ruleset ruleset = Fwcheck.ruleset("here")
                .accept("first", r -> r.protocol("tcp"))
                .reject("second", r -> r.protocol("udp").unknown("-m recent --rcheck"))
                .defaultAction(Action.REJECT)
                .build();
        Policy policy = Fwcheck.policy()
                .mustDeny("nothing-in", "any", "any")
                .build();
        assertThat(ruleset.rules().get(0).location()).hasToString("BuildersTest.java:" + (line + 2) + ":1");
        assertThat(ruleset.rules().get(1).location().line()).isEqualTo(line + 3);
        assertThat(ruleset.rules().get(1).match().unmodelled().get(0).location().line()).isEqualTo(line + 3);
        assertThat(ruleset.source().line()).isEqualTo(line + 4);
        assertThat(ruleset.defaultAction()).isEqualTo(Action.REJECT);
        assertThat(policy.source().line()).isEqualTo(line + 6);
        assertThat(policy.requirements().get(0).location().line()).isEqualTo(line + 7);
        CheckResult result = Fwcheck.check(ruleset, policy);
        assertThat(result.results().get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.results().get(0).decidedBy().get(0).rule().orElseThrow().describe())
                .isEqualTo("first (BuildersTest.java:" + (line + 2) + ":1)");
    }

    @Test
    void conditions_cover_every_field() {
        Ruleset ruleset = Fwcheck.ruleset("all")
                .accept("everything", r -> r.family(IpFamily.IPV6).notFrom("2001:db8::/32").notTo("2001:db8:1::1")
                        .protocol("tcp", "udp").ports("53", "8000-8080").sourcePorts("1024-65535")
                        .notIn("lo").out("eth+").except(x -> x.from("2001:db9::1")))
                .accept("anything", r -> { })
                .build();
        Rule everything = ruleset.rules().get(0);
        assertThat(everything.match().families()).containsExactly(IpFamily.IPV6);
        assertThat(everything.match().except()).hasSize(1);
        assertThat(Fwcheck.trace(ruleset, "udp [2001:db9::1]:2000 -> [2001:db9::2]:53 out eth1").decidedBy())
                .isEqualTo("anything");
        assertThat(Fwcheck.trace(ruleset, "udp [2001:db9::3]:2000 -> [2001:db9::2]:53 out eth1").decidedBy())
                .isEqualTo("everything");
        assertThat(Fwcheck.trace(ruleset, "udp [2001:db9::3]:2000 -> [2001:db9::2]:53 in lo out eth1").decidedBy())
                .isEqualTo("anything");
    }

    @Test
    void errors_name_the_call_the_problem_and_what_was_expected() {
        String here = "BuildersTest.java:";
        assertError(b -> b.accept("a", r -> r.from("10.0.1.1/24")), here, "host bits set in 10.0.1.1/24");
        assertError(b -> b.accept("a", r -> r.ports("22")), here, "ports without a protocol");
        assertError(b -> b.accept("a", r -> r.protocol("icmp").ports("22")), here, "protocol icmp has no ports");
        assertError(b -> b.accept("a", r -> r.protocol("tcp").icmpType("8")), here, "icmpType needs exactly one ICMP protocol");
        assertError(b -> b.accept("a", r -> r.service("tcp/22").protocol("tcp")), here, "service cannot be combined");
        assertError(b -> b.accept("a", r -> r.service("postgres")), here, "unknown service 'postgres'");
        assertError(b -> b.accept("a", r -> r.from("app-servers")), here, "unknown group 'app-servers'");
        assertError(b -> b.accept("a", r -> { }).drop("a", r -> { }), here, "duplicate rule name 'a'");
        assertError(b -> b.service("web", "tcp/80", "udp/53").accept("a", r -> r.service("web")), here,
                "different ports");
        assertError(b -> b.group("any", "10.0.0.0/8"), here, "'any' cannot name a group");
        assertError(b -> b.accept("a b", r -> { }), here, "rule name 'a b' is not valid");

        assertThatThrownBy(() -> Fwcheck.policy().mustAllow("x", "nowhere", "any", "tcp/22"))
                .hasMessageStartingWith(here).hasMessageContaining("unknown group 'nowhere'");
        assertThatThrownBy(() -> Fwcheck.policy().mustAllow("x", "any", "any", "tcp/99999"))
                .hasMessageStartingWith(here).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Fwcheck.policy().mustDeny("x", "any", "any").mustDeny("x", "any", "any"))
                .hasMessageStartingWith(here).hasMessageContaining("duplicate requirement id 'x'");
        assertThatThrownBy(() -> Fwcheck.policy().severity(Severity.INFO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Fwcheck.policy().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one requirement");
    }

    private static void assertError(Consumer<RulesetBuilder> build, String prefix, String problem) {
        assertThatThrownBy(() -> build.accept(Fwcheck.ruleset("bad")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(problem)
                .hasMessageContaining("(expected ");
    }
}
