package io.fwcheck.format.yaml;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.RulesetPattern;
import io.fwcheck.model.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit parts of the YAML formats: a policy's audit section and requirement scopes, a rule's suppressions. */
class AuditFormatsTest {

    private static Policy policy(String yaml) {
        return YamlPolicyReader.read(yaml, "p.yaml");
    }

    private static Rule rule(String yaml) {
        return YamlRulesetReader.read("name: r\ndefault: drop\nrules:\n" + yaml, "r.yaml").rules().get(0);
    }

    @Test
    void the_audit_section_overrides_each_default_it_names() {
        Policy p = policy("""
                version: 1
                groups:
                  outside: 203.0.113.0/24
                  console: [10.0.9.10]
                audit:
                  internet: outside
                  admin-ports: [tcp/22, tcp/8006]
                  broad-range: {ipv4: 20}
                  internal-only: [console, {group: console, rulesets: [gw-*, "dmz/*.rules"]}]
                """);

        AuditSettings a = p.audit();
        assertThat(p.requirements()).isEmpty();
        assertThat(a.internet().name()).isEqualTo("outside");
        assertThat(a.adminPorts().parts()).hasSize(2);
        assertThat(a.databasePorts()).isEqualTo(AuditSettings.defaults().databasePorts());
        assertThat(a.broadIpv4Prefix()).isEqualTo(20);
        assertThat(a.broadIpv6Prefix()).isEqualTo(48);
        assertThat(a.internalOnly()).hasSize(2);
        assertThat(a.internalOnly().get(0).appliesTo("anything", "x.rules")).isTrue();
        assertThat(a.internalOnly().get(1).appliesTo("iptables filter INPUT", "dmz/gw.rules")).isTrue();
        assertThat(a.internalOnly().get(1).appliesTo("iptables filter INPUT", "core/gw.rules")).isFalse();
    }

    @Test
    void a_group_called_internet_is_the_internet_of_the_checks_unless_the_section_says_otherwise() {
        Policy p = policy("""
                version: 1
                groups:
                  internet: {include: ["0.0.0.0/0"], exclude: [10.0.0.0/8]}
                requirements:
                  - id: r
                    must-deny: {from: internet, to: 10.0.0.1}
                """);
        assertThat(p.audit().internet().addresses()).isEqualTo(p.groups().get("internet"));
    }

    @Test
    void the_internet_of_the_checks_may_be_written_as_a_group_is_with_include_and_exclude() {
        Policy p = policy("""
                version: 1
                groups:
                  internal: [10.0.0.0/8, 192.168.0.0/16]
                audit:
                  internet: {include: ["0.0.0.0/0"], exclude: [internal, 127.0.0.0/8]}
                """);

        assertThat(p.audit().internet().name()).isEqualTo("internet");
        assertThat(p.audit().internet().addresses()).isEqualTo(AddressSet.all(IpFamily.IPV4)
                .minus(p.groups().get("internal")).minus(AddressSet.of(List.of(AddressRange.cidr(
                        Address.parse("127.0.0.0"), 8)))));
        assertThat(p.audit().internet().addresses().has(IpFamily.IPV6)).isFalse();
        assertInputError(() -> policy("version: 1\naudit:\n  internet: {include: [any], exlude: [10.0.0.0/8]}\n"),
                "p.yaml:3:30", "unknown key 'exlude' in 'internet'; did you mean 'exclude'?");
        assertInputError(() -> policy("version: 1\naudit:\n  internet: {include: [10.0.0.0/8], exclude: [any]}\n"),
                "p.yaml:3:13", "'internet' resolves to no address");
    }

    @Test
    void the_checks_look_at_both_families_unless_the_section_names_some() {
        assertThat(AuditSettings.defaults().families()).containsExactlyInAnyOrder(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(AuditSettings.defaults().internetAddresses()).isEqualTo(AuditSettings.defaults().internet().addresses());

        AuditSettings v4 = policy("version: 1\naudit:\n  families: [ipv4]\n").audit();
        assertThat(v4.families()).containsExactly(IpFamily.IPV4);
        assertThat(v4.internetAddresses().has(IpFamily.IPV4)).isTrue();
        assertThat(v4.internetAddresses().has(IpFamily.IPV6)).isFalse();
        assertThat(v4.internetAddresses()).isEqualTo(v4.internet().addresses().only(IpFamily.IPV4));
        assertThat(policy("version: 1\naudit:\n  families: ipv6\n").audit().families()).containsExactly(IpFamily.IPV6);
        assertThat(policy("version: 1\naudit:\n  families: [ipv6, ipv4]\n").audit().families())
                .containsExactlyInAnyOrder(IpFamily.IPV4, IpFamily.IPV6);

        assertInputError(() -> policy("version: 1\naudit:\n  families: [ipv4, ip6]\n"), "p.yaml:3:20",
                "'ip6' is not an address family", "ipv4, ipv6, or a list of them");
        assertInputError(() -> policy("version: 1\naudit:\n  families: []\n"), "p.yaml:3:13",
                "'families' is an empty list");
        assertInputError(() -> policy("version: 1\naudit:\n  families: [ipv4, ipv4]\n"), "p.yaml:3:20",
                "'ipv4' is named twice in 'families'");
        assertInputError(() -> policy("version: 1\naudit:\n  families: {ipv4: yes}\n"), "p.yaml:3:13",
                "'families'");
    }

    @Test
    void mistakes_in_the_audit_section_are_errors_at_their_place() {
        assertInputError(() -> policy("version: 1\naudit:\n  admin-port: tcp/22\n"), "p.yaml:3:3",
                "unknown key 'admin-port' in 'audit'; did you mean 'admin-ports'?",
                "(expected one of: internet, admin-ports, database-ports, broad-range, internal-only, families)");
        assertInputError(() -> policy("version: 1\naudit:\n  broad-range: {ipv4: 33}\n"), "p.yaml:3:23",
                "'33' is not an ipv4 prefix length");
        assertInputError(() -> policy("version: 1\naudit:\n  broad-range: {ipv4: /16}\n"), "p.yaml:3:23",
                "'/16' is not an ipv4 prefix length");
        assertInputError(() -> policy("version: 1\ngroups:\n  db: 10.0.2.10\naudit:\n  internal-only: [dbb]\n"),
                "p.yaml:5:19", "'dbb' in 'internal-only' is not a group of the policy; did you mean 'db'?");
        assertInputError(() -> policy("version: 1\naudit:\n  internal-only: [{grop: x}]\n"), "p.yaml:3:20",
                "unknown key 'grop' in an item of 'internal-only'");
        assertInputError(() -> policy("version: 1\n"), "p.yaml:1:1", "missing key 'requirements' in the policy");
    }

    @Test
    void requirements_can_be_scoped_to_rulesets_by_pattern() {
        Policy p = policy("""
                version: 1
                requirements:
                  - id: web
                    rulesets: ["web-*", "**/edge/*.rules"]
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                  - id: all
                    must-deny: {from: 10.0.0.1, to: 10.0.0.3}
                """);

        assertThat(p.scopes().get("web")).extracting(RulesetPattern::glob).containsExactly("web-*", "**/edge/*.rules");
        assertThat(p.appliesTo(p.requirements().get(0), "web-01", "hosts/a.yaml")).isTrue();
        assertThat(p.appliesTo(p.requirements().get(0), "x", "./site/edge/gw.rules")).isTrue();
        assertThat(p.appliesTo(p.requirements().get(0), "x", "edge/gw.rules")).isTrue();
        assertThat(p.appliesTo(p.requirements().get(0), "db-01", "hosts/web.yaml")).isFalse();
        assertThat(p.appliesTo(p.requirements().get(0), "db-01", "hosts/web-01.yaml")).isTrue();
        assertThat(p.appliesTo(p.requirements().get(1), "db-01", "hosts/db.yaml")).isTrue();
        assertInputError(() -> policy("""
                version: 1
                requirements:
                  - id: web
                    rulesets: []
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:4:15", "'rulesets' is an empty list");
    }

    @Test
    void ruleset_patterns_match_names_paths_and_file_names() {
        RulesetPattern star = new RulesetPattern("web-*", SourceLocation.UNKNOWN);
        assertThat(star.matches("web-01", "x.yaml")).isTrue();
        assertThat(star.matches("x", "a/web-01.yaml")).isTrue();
        assertThat(star.matches("x", "web-dir/a.yaml")).isFalse();
        RulesetPattern path = new RulesetPattern("dmz/*.rules", SourceLocation.UNKNOWN);
        assertThat(path.matches("x", "dmz/gw.rules")).isTrue();
        assertThat(path.matches("x", "dmz\\gw.rules")).isTrue();
        assertThat(path.matches("x", "site/dmz/gw.rules")).isFalse();
        assertThat(path.matches("x", "dmz/a/gw.rules")).isFalse();
        assertThat(new RulesetPattern("**/dmz/*.rules", SourceLocation.UNKNOWN).matches("x", "site/dmz/gw.rules"))
                .isTrue();
        assertThat(new RulesetPattern("db-0?.yaml", SourceLocation.UNKNOWN).matches("x", "db-01.yaml")).isTrue();
        assertThat(new RulesetPattern("a+b.yaml", SourceLocation.UNKNOWN).matches("x", "aab.yaml")).isFalse();
    }

    @Test
    void a_rule_suppresses_findings_with_a_reason_each() {
        Rule r = rule("""
                  - name: x
                    action: drop
                    suppress:
                      - {id: redundant-rule, reason: "kept for the auditors"}
                      - {id: conflicting-overlap, reason: intended}
                """);
        assertThat(r.suppressions()).extracting(s -> s.id() + ": " + s.reason())
                .containsExactly("redundant-rule: kept for the auditors", "conflicting-overlap: intended");
        assertThat(r.suppressions().get(0).location().line()).isEqualTo(7);
    }

    @Test
    void a_suppression_without_a_reason_or_with_a_bad_id_is_an_error() {
        assertInputError(() -> rule("  - {action: drop, suppress: [{id: redundant-rule}]}\n"), "r.yaml:4:31",
                "missing key 'reason' in a suppression of rule 1");
        assertInputError(() -> rule("  - {action: drop, suppress: [{id: redundant-rule, reason: \" \"}]}\n"),
                "r.yaml:4:60", "the reason of suppression 'redundant-rule' is blank");
        assertInputError(() -> rule("  - {action: drop, suppress: [{id: Redundant, reason: x}]}\n"), "r.yaml:4:36",
                "'Redundant' is not a finding type id");
        assertInputError(() -> rule("  - {action: drop, suppress: [{id: a, reason: x}, {id: a, reason: y}]}\n"),
                "r.yaml:4:56", "'a' is suppressed twice in rule 1 (first at line 4)");
        assertInputError(() -> rule("  - {action: drop, suppress: {id: a, reason: x}}\n"), "r.yaml:4:30",
                "'suppress' of rule 1 is a mapping, not a list");
        assertInputError(() -> rule("  - {action: drop, suppress: [{id: a, reason: x, until: 2027}]}\n"), "r.yaml:4:50",
                "unknown key 'until' in a suppression of rule 1");
    }
}
