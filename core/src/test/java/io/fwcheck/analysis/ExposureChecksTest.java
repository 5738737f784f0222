package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.iptables.IptablesReader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.AuditSettings;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Ruleset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureChecksTest {

    private static List<Finding> checks(String rules) {
        return checks(rules, AuditSettings.defaults());
    }

    private static List<Finding> checks(String rules, AuditSettings settings) {
        Ruleset ruleset = YamlRulesetReader.read("name: host\ndefault: drop\nrules:\n" + rules, "host.yaml");
        return ExposureChecks.of(CompiledRuleset.compile(ruleset), settings, 10);
    }

    private static List<String> summary(List<Finding> findings) {
        return findings.stream().map(f -> f.type().id() + " " + f.rule()).toList();
    }

    @Test
    void ssh_from_anywhere_is_an_exposed_admin_port_with_a_public_witness() {
        List<Finding> found = checks("  - {name: ssh, action: accept, protocol: tcp, ports: 22}\n");

        assertThat(summary(found)).containsExactly("admin-port-exposed ssh");
        Finding f = found.get(0);
        assertThat(f.severity().label()).isEqualTo("error");
        assertThat(f.requirement()).contains("admin-port-exposed");
        assertThat(f.witness().orElseThrow().toString()).isEqualTo("tcp 1.0.0.0:49152 -> 0.0.0.0:22");
        assertThat(f.location().line()).isEqualTo(4);
    }

    @Test
    void private_sources_loopback_and_an_earlier_drop_keep_ports_closed() {
        assertThat(checks("""
                  - {name: ssh-mgmt, action: accept, from: 10.0.9.0/24, protocol: tcp, ports: 22}
                  - {name: lo, action: accept, in-interface: lo}
                  - {name: pg-app, action: accept, from: [192.168.1.0/24, "fd00::/8"], protocol: tcp, ports: 5432}
                """)).isEmpty();
        assertThat(checks("""
                  - {name: no-ssh, action: drop, protocol: tcp, ports: 22}
                  - {name: all, action: accept, from: 172.16.0.0/12}
                """)).isEmpty();
    }

    @Test
    void each_accepting_rule_gets_its_own_finding() {
        List<Finding> found = checks("""
                  - {name: rdp, action: accept, protocol: tcp, ports: 3389}
                  - {name: redis, action: accept, protocol: tcp, ports: 6379}
                  - {name: mysql, action: accept, family: ipv6, protocol: tcp, ports: 3306}
                """);

        assertThat(summary(found)).containsExactly("admin-port-exposed rdp", "database-port-exposed redis",
                "database-port-exposed mysql");
        assertThat(found.get(2).witness().orElseThrow().toString()).startsWith("tcp [");
    }

    @Test
    void every_port_from_a_range_as_wide_as_the_threshold_is_a_broad_accept_and_narrower_is_not() {
        List<Finding> broad = checks("  - {name: lab, action: accept, from: 10.20.0.0/16}\n");
        assertThat(summary(broad)).containsExactly("broad-accept lab");
        assertThat(broad.get(0).message()).contains("from 10.20.0.0/16 to any ipv4 address");

        assertThat(checks("  - {name: lab, action: accept, from: 10.20.0.0/17}\n")).isEmpty();
        assertThat(checks("  - {name: lab, action: accept, from: 10.20.0.0/17}\n",
                AuditSettings.defaults().withBroadPrefixes(17, 48))).extracting(f -> f.type().id())
                .containsExactly("broad-accept");
        // two halves of a /16 to the same host, by two rules, together accept everything
        List<Finding> halves = checks("""
                  - {name: low, action: accept, from: 10.20.0.0/17, to: 10.0.2.10}
                  - {name: high, action: accept, from: 10.20.128.0/17, to: 10.0.2.10}
                """);
        assertThat(summary(halves)).containsExactly("broad-accept low", "broad-accept high");
        assertThat(halves.get(0).message()).contains("from 10.20.0.0/16 to 10.0.2.10");
        assertThat(halves.get(0).related()).singleElement().satisfies(r -> assertThat(r.message()).startsWith("high"));
    }

    @Test
    void a_broad_accept_missing_one_port_or_one_state_is_not_every_protocol_and_port() {
        assertThat(checks("""
                  - {name: no-telnet, action: drop, protocol: tcp, ports: 23}
                  - {name: lab, action: accept, from: 10.20.0.0/16}
                """)).isEmpty();
        assertThat(checks("  - {name: lab, action: accept, from: 10.20.0.0/16, state: [established, related]}\n"))
                .isEmpty();
    }

    @Test
    void internal_only_groups_apply_to_the_rulesets_they_name() {
        var policy = YamlPolicyReader.read("""
                version: 1
                groups:
                  console: 10.0.9.10
                audit:
                  internal-only:
                    - {group: console, rulesets: ["host*"]}
                """, "p.yaml");
        List<Finding> found = checks("  - {name: web, action: accept, protocol: tcp, ports: [443, 8443]}\n",
                policy.audit());
        assertThat(summary(found)).containsExactly("internal-only-exposed web");
        assertThat(found.get(0).message()).contains("internal-only group console");
        assertThat(found.get(0).witness().orElseThrow().toString()).isEqualTo("tcp 1.0.0.0:49152 -> 10.0.9.10:443");

        var elsewhere = YamlPolicyReader.read("""
                version: 1
                groups:
                  console: 10.0.9.10
                audit:
                  internal-only: [{group: console, rulesets: ["gw-*"]}]
                """, "p.yaml");
        assertThat(checks("  - {name: web, action: accept, protocol: tcp, ports: 443}\n", elsewhere.audit())).isEmpty();
    }

    @Test
    void flows_accepted_only_under_some_reading_of_unmodelled_conditions_are_a_possible_exposure() {
        List<Finding> found = checks("""
                  - {name: knock, action: accept, protocol: tcp, ports: 22, unknown: ["-m recent --rcheck"]}
                """);

        assertThat(summary(found)).containsExactly("possible-exposure knock");
        Finding f = found.get(0);
        assertThat(f.requirement()).contains("admin-port-exposed");
        assertThat(f.message()).contains("may be accepted from the internet").contains("-m recent --rcheck");
        assertThat(f.location().column()).isEqualTo(71);
    }

    @Test
    void the_policy_sets_the_internet_and_the_port_lists() {
        var policy = YamlPolicyReader.read("""
                version: 1
                groups:
                  internet: 203.0.113.0/24
                audit:
                  admin-ports: tcp/8006
                """, "p.yaml");
        assertThat(summary(checks("""
                  - {name: proxmox, action: accept, protocol: tcp, ports: 8006}
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                """, policy.audit()))).containsExactly("admin-port-exposed proxmox");
        assertThat(checks("  - {name: proxmox, action: accept, from: 198.51.100.0/24, protocol: tcp, ports: 8006}\n",
                policy.audit())).isEmpty();
    }

    @Test
    void the_checks_look_only_at_the_families_the_settings_name() {
        // an iptables-save dump decides IPv4 packets only: its IPv6 packets are UNKNOWN
        Ruleset dump = IptablesReader.read("""
                *filter
                :INPUT DROP [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
                COMMIT
                """, "host.rules", LoadOptions.defaults());
        CompiledRuleset compiled = CompiledRuleset.compile(dump);
        AuditSettings both = AuditSettings.defaults();

        assertThat(summary(ExposureChecks.of(compiled, both, 10))).containsExactly("admin-port-exposed INPUT#1",
                "possible-exposure ipv6-not-in-dump", "possible-exposure ipv6-not-in-dump",
                "possible-exposure ipv6-not-in-dump");
        assertThat(summary(ExposureChecks.of(compiled, both.withFamilies(EnumSet.of(IpFamily.IPV4)), 10)))
                .containsExactly("admin-port-exposed INPUT#1");
        List<Finding> v6 = ExposureChecks.of(compiled, both.withFamilies(EnumSet.of(IpFamily.IPV6)), 10);
        assertThat(summary(v6)).containsExactly("possible-exposure ipv6-not-in-dump",
                "possible-exposure ipv6-not-in-dump", "possible-exposure ipv6-not-in-dump");
        assertThat(v6).allSatisfy(f -> assertThat(f.witness().orElseThrow().family()).isEqualTo(IpFamily.IPV6));

        // every protocol and port from both families' whole space: a broad accept in each family looked at
        String open = "  - {name: open, action: accept}\n";
        assertThat(checks(open).stream().filter(f -> f.type() == FindingType.BROAD_ACCEPT)
                .map(f -> f.witness().orElseThrow().family()).toList())
                .containsExactly(IpFamily.IPV4, IpFamily.IPV6);
        assertThat(checks(open, both.withFamilies(EnumSet.of(IpFamily.IPV4))))
                .allSatisfy(f -> assertThat(f.witness().orElseThrow().family()).isEqualTo(IpFamily.IPV4))
                .extracting(f -> f.type().id())
                .containsExactly("admin-port-exposed", "database-port-exposed", "broad-accept");
    }
}
