package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.model.Action;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small, readable cases of rules with unmodelled conditions, written with {@link Rulesets}. */
class UncertainRulesTest {

    private static final SourceLocation HERE = SourceLocation.code("test");
    private static final Endpoint CLIENTS = new Endpoint("clients", Rulesets.addresses("192.0.2.0/24"));
    private static final Endpoint WEB = new Endpoint("web", Rulesets.addresses("10.0.0.1"));
    private static final Service HTTPS = Service.ports("https", Protocol.TCP, IntRanges.of(443));
    private static final Flow CLIENT_TO_WEB = Flow.tcp("192.0.2.7", 40000, "10.0.0.1", 443);

    private static RequirementResult check(Ruleset ruleset, Requirement requirement) {
        Map<String, AddressSet> groups = Map.of("clients", CLIENTS.addresses(), "web", WEB.addresses());
        Policy policy = new Policy(groups, Map.of("https", HTTPS), List.of(requirement), HERE);
        return Checker.check(ruleset, policy).results().get(0);
    }

    private static Requirement mustAllow() {
        return new Requirement.MustAllow("web-open", "", Severity.ERROR, HERE, CLIENTS, WEB, HTTPS);
    }

    private static Requirement mustDeny() {
        return new Requirement.MustDeny("web-closed", "", Severity.ERROR, HERE, CLIENTS, WEB, HTTPS);
    }

    @Test
    void a_rate_limited_accept_in_front_of_a_plain_accept_is_certain() {
        Ruleset web = Rulesets.named("web")
                .accept("accept-limited", m -> m.tcp(443).unmodelled("-m limit --limit 10/s"))
                .accept("accept-https", m -> m.tcp(443))
                .build();
        assertThat(Tracer.of(web).trace(CLIENT_TO_WEB).verdict()).isEqualTo("accept");
        assertThat(check(web, mustAllow()).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(web, mustDeny()).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void an_unknown_blocklist_in_front_of_the_accept_makes_both_requirements_unknown() {
        Ruleset web = Rulesets.named("web")
                .drop("drop-blocklisted", m -> m.unmodelled("-m set --match-set blocklist src"))
                .accept("accept-https", m -> m.destinations("10.0.0.1").tcp(443))
                .build();
        assertThat(Tracer.of(web).trace(CLIENT_TO_WEB).isUnknown()).isTrue();
        RequirementResult allow = check(web, mustAllow());
        assertThat(allow.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(allow.unknownCauses()).singleElement()
                .satisfies(c -> assertThat(c.rule().id()).isEqualTo("drop-blocklisted"))
                .satisfies(c -> assertThat(c.construct().location()).hasToString("web.rules:1:1"));
        assertThat(check(web, mustDeny()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void an_unmodelled_rule_after_a_fully_modelled_decision_changes_nothing() {
        Ruleset web = Rulesets.named("web")
                .accept("accept-https", m -> m.destinations("10.0.0.1").tcp(443))
                .drop("drop-blocklisted", m -> m.unmodelled("-m set --match-set blocklist src"))
                .build();
        assertThat(Tracer.of(web).trace(CLIENT_TO_WEB).verdict()).isEqualTo("accept");
        assertThat(check(web, mustAllow()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void a_possibly_matching_accept_over_a_drop_default_is_neither_pass_nor_fail() {
        Ruleset web = Rulesets.named("web")
                .defaultAction(Action.DROP)
                .accept("accept-known-clients", m -> m.tcp(443).unmodelled("-m set --match-set known src"))
                .build();
        assertThat(check(web, mustAllow()).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(check(web, mustDeny()).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(Tracer.of(web).trace(CLIENT_TO_WEB).unknownCauses())
                .extracting(c -> c.construct().construct())
                .containsExactly("-m set --match-set known src");
    }
}
