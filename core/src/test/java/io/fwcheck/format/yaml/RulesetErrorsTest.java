package io.fwcheck.format.yaml;

import static io.fwcheck.format.InputErrors.assertInputError;

import io.fwcheck.format.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every bad ruleset is one {@link InputException} at the offending node, naming it and what was expected. */
class RulesetErrorsTest {

    private static void read(String yaml) {
        YamlRulesetReader.read(yaml, "r.yaml");
    }

    @Test
    void unknown_keys_at_top_level_and_in_rules() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rule: []
                """), "r.yaml:3:1", "unknown key 'rule' in the ruleset; did you mean 'rules'?",
                "(expected one of: version, name, default, groups, services, rules)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: allow-app
                    action: accept
                    protocol: tcp
                    port: 5432
                """), "r.yaml:7:5", "unknown key 'port' in rule 'allow-app'; did you mean 'ports'?");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    src: 10.0.0.1
                """), "r.yaml:5:5", "unknown key 'src' in rule 1", "one of: name, action, comment");
    }

    @Test
    void missing_name_default_rules_and_action() {
        assertInputError(() -> read("""
                default: drop
                rules: []
                """), "r.yaml:1:1", "missing key 'name' in the ruleset");
        assertInputError(() -> read("""
                name: x
                rules: []
                """), "r.yaml:1:1", "missing key 'default' in the ruleset", "(expected default: accept, drop or reject)");
        assertInputError(() -> read("""
                name: x
                default: drop
                """), "r.yaml:1:1", "missing key 'rules' in the ruleset");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: nothing
                    comment: forgot the action
                """), "r.yaml:4:5", "missing key 'action' in rule 'nothing'");
    }

    @Test
    void actions_and_default_are_checked() {
        assertInputError(() -> read("""
                name: x
                default: no
                rules: []
                """), "r.yaml:2:10", "'no' is not a valid default action", "(expected accept, drop or reject)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: alow
                """), "r.yaml:4:13", "'alow' is not a valid action", "(expected accept, drop or reject)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: dorp
                """), "r.yaml:4:13", "'dorp' is not a valid action; did you mean 'drop'?");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - {action: drop, stand-in: yes}
                """), "r.yaml:4:30", "'yes' is not a valid 'stand-in' value", "(expected true or false)");
        assertInputError(() -> read("""
                version: 2
                name: x
                default: drop
                rules: []
                """), "r.yaml:1:10", "unsupported version '2' (expected 1)");
    }

    @Test
    void duplicate_rule_names_name_the_first_line() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: allow-app
                    action: accept
                  - name: allow-app
                    action: drop
                """), "r.yaml:6:11", "duplicate rule name 'allow-app' (first at line 4)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: rule-2
                    action: accept
                  - action: drop
                """), "r.yaml:6:5", "rule 2 has no name and its default name 'rule-2' is already used (first at line 4)");
    }

    @Test
    void ports_need_a_protocol_with_ports() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    ports: 5432
                """), "r.yaml:5:12", "'ports' without a protocol", "protocol: tcp, udp, sctp, dccp or udplite");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: [tcp, icmp]
                    ports: 5432
                """), "r.yaml:6:12", "'ports' needs protocols with ports, but the rule's protocol includes icmp");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: [gre, 0-5]
                    source-ports: 1024-65535
                """), "r.yaml:6:19", "'source-ports' needs protocols with ports, but the rule's protocol includes gre",
                "or any, a range or a negation, of which only the protocols with ports match");
    }

    @Test
    void bad_ports_name_the_text() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: [22, 70000]
                """), "r.yaml:6:17", "port 70000 is out of range (expected a port 0-65535)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: 8080-8000
                """), "r.yaml:6:12", "port range '8080-8000' is reversed");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: 0755
                """), "r.yaml:6:12", "port '0755' has a leading zero");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: 22:45
                """), "r.yaml:6:12", "'22:45' is not a port", "(expected a port 0-65535 or a range like 8000-8080)");
    }

    @Test
    void icmp_type_needs_an_icmp_protocol() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    icmp-type: 8
                """), "r.yaml:6:16", "'icmp-type' needs the protocol icmp or icmpv6");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: icmp
                    icmp-type: echo-requets
                """), "r.yaml:6:16", "'echo-requets' is not an icmp type");
    }

    @Test
    void protocols_are_names_or_numbers() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: [tcp, tpc]
                """), "r.yaml:5:21", "unknown protocol 'tpc'", "or a number 0-255");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: 256
                """), "r.yaml:5:15", "unknown protocol '256'");
    }

    @Test
    void service_is_an_alternative_to_protocol_and_ports() {
        assertInputError(() -> read("""
                name: x
                default: drop
                services:
                  postgres: tcp/5432
                rules:
                  - name: app
                    action: accept
                    service: postgres
                    ports: 5433
                """), "r.yaml:9:5", "'ports' cannot be combined with 'service' in rule 'app'");
        assertInputError(() -> read("""
                name: x
                default: drop
                services:
                  mixed: [tcp/80, udp/53]
                rules:
                  - action: accept
                    service: mixed
                """), "r.yaml:7:14", "service 'mixed' has parts with different ports or ICMP types (tcp/80 and udp/53)",
                "one rule per part");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    service: postgres
                """), "r.yaml:5:14", "undefined service 'postgres'", "(expected a service spec such as tcp/5432");
    }

    @Test
    void addresses_in_rules() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: 10.0.0.300
                """), "r.yaml:5:11", "'10.0.0.300' is not an IP address");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    to: 10.0.2.0/16
                """), "r.yaml:5:9", "host bits set in 10.0.2.0/16 (did you mean 10.0.0.0/16");
        assertInputError(() -> read("""
                name: x
                default: drop
                groups:
                  app-servers: 10.0.1.0/24
                rules:
                  - action: accept
                    from: [app-server]
                """), "r.yaml:7:12", "undefined group 'app-server'; did you mean 'app-servers'?");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: [10.0.0.1, "!10.0.0.2"]
                """), "r.yaml:5:22", "negation '!10.0.0.2' inside a list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: "!any"
                """), "r.yaml:5:11", "'!any' matches no address");
    }

    @Test
    void an_unquoted_negation_is_a_yaml_tag_and_says_so() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: !bastion
                    to: 10.0.0.1
                """), "r.yaml:5:11", "'!bastion' starts with a YAML tag '!bastion'",
                "put a negation in quotes, e.g. \"!bastion\"");
    }

    @Test
    void interfaces_states_and_families_are_checked() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    in-interface: [eth0, "!eth1"]
                """), "r.yaml:5:26", "negation '!eth1' inside a list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    in-interface: a-very-long-interface-name
                """), "r.yaml:5:19", "interface name 'a-very-long-interface-name' is longer than 16");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    out-interface: "eth 0"
                """), "r.yaml:5:20", "'eth 0' is not a valid interface name");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    state: [new, establihed]
                """), "r.yaml:5:18", "'establihed' is not a valid connection state; did you mean 'established'?",
                "(expected new, established, related or invalid)");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    family: inet
                """), "r.yaml:5:13", "'inet' is not a valid address family", "(expected ipv4 or ipv6)");
    }

    @Test
    void wrong_node_types_name_the_expected_type() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  action: accept
                """), "r.yaml:4:3", "'rules' is a mapping, not a list", "(expected a list of rules, or [] for none)");
        assertInputError(() -> read("""
                name: [x]
                default: drop
                rules: []
                """), "r.yaml:1:7", "'name' is a list, not a single value");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - accept
                """), "r.yaml:4:5", "rule 1 is 'accept', not a mapping");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: {name: tcp}
                """), "r.yaml:5:16", "unknown key 'name' in 'protocol'", "(expected one of: not)");
    }

    @Test
    void icmp_type_names_need_one_icmp_protocol_and_ranges_go_upwards() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: [icmp, icmpv6]
                    icmp-type: echo-request
                """), "r.yaml:6:16", "'echo-request' is an ICMP type name, but names need the protocol icmp or icmpv6 alone",
                "(expected a type number (8), type/code (3/4) or a range (3-5))");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: icmp
                    icmp-type: [3/4-3/2]
                """), "r.yaml:6:17", "ICMP range '3/4-3/2' is reversed");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: icmp
                    icmp-type: 3-256
                """), "r.yaml:6:16", "'256' is not an icmp type");
    }

    @Test
    void protocol_ranges_and_negations_are_checked() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: 17-6
                """), "r.yaml:5:15", "protocol range '17-6' is reversed", "lower first");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: 250-256
                """), "r.yaml:5:15", "'256' in '250-256' is not a protocol number");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: 06-7
                """), "r.yaml:5:15", "'06' in '06-7' is not a protocol number", "without leading zeros");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: [tcp, "!udp"]
                """), "r.yaml:5:21", "negation '!udp' inside a list", "{not: [x, y]}");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: "!any"
                """), "r.yaml:5:15", "leaving out 'any' protocol matches no protocol", "or none");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: {not: 0-255}
                """), "r.yaml:5:15", "'protocol' leaves out every protocol and matches none");
    }

    @Test
    void not_takes_one_key_and_a_value_or_a_non_empty_list_without_negations() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: {nto: [10.0.0.1]}
                """), "r.yaml:5:12", "unknown key 'nto' in 'from'; did you mean 'not'?");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: {not: []}
                """), "r.yaml:6:18", "'not' of 'ports' is an empty list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    in-interface: {not: [eth0, "!eth1"]}
                """), "r.yaml:5:32", "negation '!eth1' inside 'not'");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    to: {not: [10.0.0.1, "!10.0.0.2"]}
                """), "r.yaml:5:26", "negation '!10.0.0.2' inside 'not'");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    to: {not: [0.0.0.0/0, "::/0"]}
                """), "r.yaml:5:9", "'to' leaves out every address and matches none", "or none for a rule");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    protocol: tcp
                    ports: {not: 0-65535}
                """), "r.yaml:6:12", "'ports' leaves out every port and matches none");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    out-interface: {not: ~}
                """), "r.yaml:5:26", "'not' of 'out-interface' has no value");
    }

    @Test
    void yaml_nulls_are_no_value_and_a_quoted_null_is_text() {
        for (String empty : List.of("~", "null", "Null", "NULL")) {
            assertInputError(() -> read("name: x\ndefault: drop\nrules:\n  - action: " + empty + "\n"),
                    "r.yaml:4:13", "'action' has no value", "accept, drop or reject");
        }
        assertInputError(() -> read("name: x\ndefault: drop\nrules:\n  - action:\n"),
                "r.yaml:4:12", "'action' has no value");
        assertInputError(() -> read("name: x\ndefault: drop\nrules:\n  - action: 'null'\n"),
                "r.yaml:4:13", "'null' is not a valid action");
    }

    @Test
    void none_stands_alone_and_is_no_group_name() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    from: [10.0.0.1, none]
                """), "r.yaml:5:22", "'none' inside 'from'", "none alone");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    state: [new, none]
                """), "r.yaml:5:18", "'none' is not a valid connection state");
        assertInputError(() -> read("""
                name: x
                default: drop
                groups:
                  none: 10.0.0.1
                rules: []
                """), "r.yaml:4:3", "'none' is not a valid group name ('none' already means no address)");
    }

    @Test
    void unknown_constructs_are_non_blank_texts() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    unknown: []
                """), "r.yaml:5:14", "'unknown' is an empty list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    unknown: ["-m recent", " "]
                """), "r.yaml:5:28", "an item of 'unknown' is blank");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - action: accept
                    unknown: {module: recent}
                """), "r.yaml:5:14", "'unknown' is a mapping, not a single value");
    }

    @Test
    void exceptions_are_a_list_of_condition_mappings_checked_like_rules() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except: {from: 10.0.0.1}
                """), "r.yaml:6:13", "'except' of rule 'a' is a mapping, not a list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except: []
                """), "r.yaml:6:13", "'except' of rule 'a' is an empty list");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except:
                      - from: 10.0.0.1
                      - action: drop
                """), "r.yaml:8:9", "unknown key 'action' in exception 2 of rule 'a'", "family, from, to");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except:
                      - protocol: tcp
                        ports: 70000
                """), "r.yaml:8:16", "port 70000 is out of range");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except:
                      - except:
                          - from: undefined-group
                """), "r.yaml:8:19", "undefined group 'undefined-group'");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: a
                    action: accept
                    except:
                      - ~
                """), "r.yaml:7:9", "exception 1 of rule 'a' has no value");
    }

    @Test
    void rule_names_have_no_blanks_or_control_characters() {
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: "allow app"
                    action: accept
                """), "r.yaml:4:11", "'allow app' is not a valid rule name", "without blanks");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: "#3"
                    action: accept
                """), "r.yaml:4:11", "'#3' is not a valid rule name", "starting with a letter, a digit or '_'");
        assertInputError(() -> read("""
                name: x
                default: drop
                rules:
                  - name: "a\tb"
                    action: accept
                """), "r.yaml:4:11", "is not a valid rule name");
    }
}
