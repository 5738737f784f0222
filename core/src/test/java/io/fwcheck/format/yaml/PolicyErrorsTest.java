package io.fwcheck.format.yaml;

import static io.fwcheck.format.InputErrors.assertInputError;

import io.fwcheck.format.InputException;
import org.junit.jupiter.api.Test;

/** Every bad policy is one {@link InputException} at the offending node, naming it and what was expected. */
class PolicyErrorsTest {

    private static void read(String yaml) {
        YamlPolicyReader.read(yaml, "p.yaml");
    }

    @Test
    void unknown_top_level_key_lists_the_allowed_keys() {
        assertInputError(() -> read("""
                version: 1
                group:
                  db: [10.0.2.10]
                requirements: []
                """), "p.yaml:2:1", "unknown key 'group' in the policy; did you mean 'groups'?",
                "(expected one of: version, groups, services, requirements, audit)");
    }

    @Test
    void unknown_nested_key_is_never_ignored() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: app-to-db
                    must-allow: {from: 10.0.1.0/24, to: 10.0.2.10, servce: tcp/5432}
                """), "p.yaml:4:52", "unknown key 'servce' in 'must-allow' of requirement 'app-to-db'",
                "did you mean 'service'?", "one of: from, to, service");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: app-to-db
                    must-alow: {from: 10.0.1.0/24, to: 10.0.2.10, service: tcp/5432}
                """), "p.yaml:4:5", "unknown key 'must-alow' in requirement 'app-to-db'; did you mean 'must-allow'?");
        assertInputError(() -> read("""
                version: 1
                groups:
                  db: {include: [10.0.2.0/24], exlude: [10.0.2.1]}
                requirements: []
                """), "p.yaml:3:32", "unknown key 'exlude' in group 'db'; did you mean 'exclude'?");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: only
                    only-allow:
                      to: 10.0.2.10
                      allow:
                        - {from: 10.0.1.1, to: 10.0.2.10}
                """), "p.yaml:7:28", "unknown key 'to' in an allowance of requirement 'only'", "one of: from, service");
    }

    @Test
    void missing_and_unsupported_version() {
        assertInputError(() -> read("""
                requirements:
                  - id: r
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:1:1", "missing key 'version' in the policy", "(expected version: 1)");
        assertInputError(() -> read("""
                version: 2
                requirements: []
                """), "p.yaml:1:10", "unsupported version '2' (expected 1)");
        assertInputError(() -> read("""
                version: 1.0
                requirements: []
                """), "p.yaml:1:10", "unsupported version '1.0'");
    }

    @Test
    void invalid_address_names_the_text() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  db: [10.0.2.10, 10.0.0.300]
                requirements: []
                """), "p.yaml:3:19", "'10.0.0.300' is not an IP address: octet 300 is over 255");
    }

    @Test
    void host_bits_set_in_a_cidr_come_with_a_hint() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: 10.0.1.5/24, to: 10.0.2.10}
                """), "p.yaml:4:23",
                "host bits set in 10.0.1.5/24 (did you mean 10.0.1.0/24, or the single address 10.0.1.5?)");
    }

    @Test
    void reversed_and_mixed_address_ranges() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  batch: 10.0.5.20-10.0.5.10
                requirements: []
                """), "p.yaml:3:10", "range '10.0.5.20-10.0.5.10' is reversed",
                "(expected the lower address first: 10.0.5.10-10.0.5.20)");
        assertInputError(() -> read("""
                version: 1
                groups:
                  batch: ["10.0.5.20-2001:db8::1"]
                requirements: []
                """), "p.yaml:3:11", "mixes IPv4 and IPv6");
    }

    @Test
    void leading_zeros_in_addresses_are_ambiguous() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  db: 010.0.2.10
                requirements: []
                """), "p.yaml:3:7", "'010.0.2.10' has the octet '010' with a leading zero");
    }

    @Test
    void out_of_range_and_reversed_ports() {
        assertInputError(() -> read("""
                version: 1
                services:
                  high: tcp/70000
                requirements: []
                """), "p.yaml:3:9", "port 70000 is out of range (expected a port 0-65535)");
        assertInputError(() -> read("""
                version: 1
                services:
                  alt: tcp/8080-8000
                requirements: []
                """), "p.yaml:3:8", "port range '8080-8000' is reversed (expected the lower port first: 8000-8080)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: udp/0053}
                """), "p.yaml:4:58", "port '0053' has a leading zero");
    }

    @Test
    void undefined_group_is_reported_at_the_reference_with_the_known_groups() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  app-servers: 10.0.1.0/24
                  db: 10.0.2.10
                requirements:
                  - id: app-to-db
                    must-allow: {from: app-servers, to: dbb, service: tcp/5432}
                """), "p.yaml:7:41", "undefined group 'dbb'; did you mean 'db'?",
                "(expected one of the groups app-servers, db, or an address)");
        assertInputError(() -> read("""
                version: 1
                groups:
                  clients: [app-servers, 10.0.5.0/24]
                requirements: []
                """), "p.yaml:3:13", "undefined group 'app-servers'", "(expected one of the groups clients, or an address)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: internet, to: 10.0.2.10}
                """), "p.yaml:4:23", "undefined group 'internet' (this file defines no groups)");
    }

    @Test
    void cyclic_groups_name_the_cycle() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  a: [10.0.0.1, b]
                  b: [c]
                  c: a
                requirements: []
                """), "p.yaml:5:6", "cyclic group reference: a -> b -> c -> a");
        assertInputError(() -> read("""
                version: 1
                groups:
                  self: {include: [10.0.0.0/8], exclude: [self]}
                requirements: []
                """), "p.yaml:3:43", "cyclic group reference: self -> self");
    }

    @Test
    void a_group_or_endpoint_without_addresses_is_an_error() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  nothing: {include: 10.0.0.0/8, exclude: 10.0.0.0/7}
                requirements: []
                """), "p.yaml:3:12", "group 'nothing' resolves to no address");
        assertInputError(() -> read("""
                version: 1
                groups:
                  nothing: []
                requirements: []
                """), "p.yaml:3:12", "group 'nothing' resolves to no address");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: [], to: 10.0.2.10}
                """), "p.yaml:4:23", "'from' is an empty list");
    }

    @Test
    void invalid_group_and_service_names() {
        assertInputError(() -> read("""
                version: 1
                groups:
                  10net: 10.0.0.0/8
                requirements: []
                """), "p.yaml:3:3", "'10net' is not a valid group name");
        assertInputError(() -> read("""
                version: 1
                groups:
                  any: 10.0.0.0/8
                requirements: []
                """), "p.yaml:3:3", "'any' is not a valid group name ('any' already means every address)");
        assertInputError(() -> read("""
                version: 1
                services:
                  tcp: tcp/80
                requirements: []
                """), "p.yaml:3:3", "'tcp' is not a valid service name (it already means a protocol or any)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: app servers, to: 10.0.2.10}
                """), "p.yaml:4:23", "'app servers' is neither a group name nor an address");
    }

    @Test
    void undefined_service_suggests_the_closest_name() {
        assertInputError(() -> read("""
                version: 1
                services:
                  postgres: tcp/5432
                requirements:
                  - id: r
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: postgress}
                """), "p.yaml:6:58", "undefined service 'postgress'; did you mean 'postgres'?",
                "(expected one of the services postgres, or a service spec");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-allow: {from: 10.0.1.1, to: 10.0.2.10, service: tpc/22}
                """), "p.yaml:4:58", "unknown protocol 'tpc' in 'tpc/22'");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: 10.0.1.1, to: 10.0.2.10, service: 22}
                """), "p.yaml:4:57", "'22' is ambiguous: a port or a protocol number?", "e.g. tcp/22");
        assertInputError(() -> read("""
                version: 1
                services:
                  postgres: tcp/5432
                  db: [postgres, tcp/6432]
                requirements: []
                """), "p.yaml:4:8", "service 'db' refers to the service 'postgres'");
    }

    @Test
    void duplicate_requirement_ids_name_the_first_line() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: app-to-db
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                  - id: other
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                  - id: app-to-db
                    must-deny: {from: 10.0.0.1, to: 10.0.0.3}
                """), "p.yaml:7:9", "duplicate requirement id 'app-to-db' (first at line 3)");
    }

    @Test
    void a_requirement_says_exactly_one_of_must_allow_must_deny_only_allow() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    description: nothing to check
                """), "p.yaml:3:5", "requirement 'r' has no must-allow, must-deny or only-allow",
                "(expected exactly one of must-allow, must-deny, only-allow)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                    must-allow: {from: 10.0.0.1, to: 10.0.0.2, service: any}
                """), "p.yaml:5:5", "requirement 'r' has both must-deny and must-allow");
    }

    @Test
    void missing_required_keys() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:3:5", "missing key 'id' in requirement 1");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-allow: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:4:17", "missing key 'service' in 'must-allow' of requirement 'r'");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    only-allow: {to: 10.0.0.2}
                """), "p.yaml:4:17", "missing key 'allow' in 'only-allow' of requirement 'r'", "or [] to allow nothing");
        assertInputError(() -> read("""
                version: 1
                groups: {db: 10.0.2.10}
                """), "p.yaml:1:1", "missing key 'requirements' in the policy");
        assertInputError(() -> read("""
                version: 1
                requirements: []
                """), "p.yaml:2:15", "the policy has no requirements (expected at least one requirement)");
    }

    @Test
    void wrong_node_types_name_the_expected_type() {
        assertInputError(() -> read("""
                version: 1
                groups: [db, app]
                requirements: []
                """), "p.yaml:2:9", "'groups' is a list, not a mapping", "(expected a mapping of group names to addresses)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  id: r
                """), "p.yaml:3:3", "'requirements' is a mapping, not a list");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: [r]
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:3:9", "'id' is a list, not a single value");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: {include: 10.0.0.1}, to: 10.0.0.2}
                """), "p.yaml:4:23", "'from' is a mapping, not a single value");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: 10.0.0.1
                """), "p.yaml:4:16", "'must-deny' of requirement 'r' is '10.0.0.1', not a mapping");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    description:
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:4:17", "'description' has no value");
        assertInputError(() -> read("""
                - version: 1
                """), "p.yaml:1:1", "the policy is a list, not a mapping",
                "(expected a policy with the keys version, groups, services, requirements, audit)");
    }

    @Test
    void severity_and_ids_are_checked() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    severity: warn
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:4:15", "'warn' is not a valid severity; did you mean 'warning'?",
                "(expected error, warning or info)");
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: app to db
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:3:9", "'app to db' is not a valid requirement id");
    }

    @Test
    void negation_is_not_part_of_the_policy_format() {
        assertInputError(() -> read("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: "!10.0.0.0/8", to: 10.0.0.2}
                """), "p.yaml:4:23", "negation '!10.0.0.0/8' is not allowed here", "{include: [...], exclude: [...]}");
    }
}
