package io.fwcheck.format.aws;

import static io.fwcheck.format.InputErrors.assertInputError;
import static io.fwcheck.format.cloud.CloudTesting.decider;
import static io.fwcheck.format.cloud.CloudTesting.load;
import static io.fwcheck.format.cloud.CloudTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.cloud.CloudTesting;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWS security groups and network ACLs: shapes, semantics, references, selection and errors. */
class AwsReaderTest {

    private static final LoadOptions OPTIONS = LoadOptions.defaults();

    /** Two groups: db allows postgres from the app group and from an IPv6 range, ping, and ssh from a prefix list. */
    private static final String GROUPS = """
            {
              "SecurityGroups": [
                {
                  "GroupId": "sg-0db",
                  "GroupName": "db01",
                  "Description": "database",
                  "IpPermissions": [
                    {
                      "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                      "IpRanges": [],
                      "Ipv6Ranges": [{"CidrIpv6": "2001:db8:1::/64", "Description": "app v6"}],
                      "PrefixListIds": [],
                      "UserIdGroupPairs": [{"GroupId": "sg-0app", "UserId": "123456789012"}]
                    },
                    {
                      "IpProtocol": "icmp", "FromPort": 8, "ToPort": -1,
                      "IpRanges": [{"CidrIp": "10.0.0.0/8"}]
                    },
                    {
                      "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                      "PrefixListIds": [{"PrefixListId": "pl-0ops"}]
                    }
                  ],
                  "IpPermissionsEgress": [
                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
                  ],
                  "OwnerId": "123456789012",
                  "VpcId": "vpc-1"
                },
                {
                  "GroupId": "sg-0app",
                  "GroupName": "app",
                  "IpPermissions": [
                    {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.8.0/24"}]},
                    {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "10.0.0.2/32"}]}
                  ],
                  "IpPermissionsEgress": []
                }
              ]
            }
            """;

    private static Ruleset db(LoadOptions options) {
        return load(GROUPS, "sg.json", options.withRuleset("sg-0db"));
    }

    @Test
    void describe_security_groups_is_detected_and_lists_each_group_by_id_with_its_name() {
        assertThat(RulesetFormat.detect(GROUPS).format()).contains(RulesetFormat.AWS);
        List<RulesetEntry> entries = RulesetLoader.list(GROUPS, "sg.json", OPTIONS);
        assertThat(entries).extracting(RulesetEntry::name).containsExactly("sg-0db", "sg-0app");
        assertThat(entries.get(0).aliases()).containsExactly("db01");
        assertThat(entries.get(0).kind()).isEqualTo("AWS security group, ingress");
        assertThat(entries.get(0).rules()).isEqualTo(4);
        assertThat(entries.get(0).location().toString()).isEqualTo("sg.json:3:5");
    }

    @Test
    void each_peer_is_a_rule_at_its_line_with_its_json_path() {
        Ruleset db = db(OPTIONS);
        assertThat(db.rules()).extracting(Rule::id).containsExactly("established", "sg-0db/ingress#1.1",
                "sg-0db/ingress#1.2", "sg-0db/ingress#2", "sg-0db/ingress#3");
        Rule v6 = db.rules().get(1);
        assertThat(v6.location().toString()).isEqualTo("sg.json:11:26");
        assertThat(v6.comment()).isEqualTo("app v6 (SecurityGroups[0].IpPermissions[0].Ipv6Ranges[0])");
        assertThat(v6.named()).isFalse();
        assertThat(db.rules().get(2).comment()).isEqualTo("SecurityGroups[0].IpPermissions[0].UserIdGroupPairs[0]");
    }

    @Test
    void a_group_accepts_what_any_rule_allows_and_the_return_traffic_of_accepted_connections() {
        Ruleset db = db(OPTIONS);
        assertThat(verdict(db, "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432")).isEqualTo("accept");
        // from elsewhere: the app group's members may or may not include the address
        assertThat(verdict(db, "tcp [2001:db8:9::5]:40000 -> [2001:db8:2::10]:5432")).isEqualTo("unknown");
        assertThat(verdict(db, "icmp 10.9.9.9 -> 10.0.2.10 type 8 code 0")).isEqualTo("accept");
        assertThat(verdict(db, "icmp 10.9.9.9 -> 10.0.2.10 type 8 code 3")).isEqualTo("accept");
        assertThat(verdict(db, "icmp 10.9.9.9 -> 10.0.2.10 type 0 code 0")).isEqualTo("drop");
        assertThat(verdict(db, "tcp 192.0.2.1:443 -> 10.0.2.10:40000 state established")).isEqualTo("accept");
        assertThat(verdict(db, "udp 192.0.2.1:53 -> 10.0.2.10:53")).isEqualTo("drop");
        assertThat(decider(db, "udp 192.0.2.1:53 -> 10.0.2.10:53")).isEqualTo("default");
        Ruleset app = load(GROUPS, "sg.json", OPTIONS.withRuleset("app"));
        assertThat(verdict(app, "gre 10.0.8.1 -> 10.0.1.5")).isEqualTo("accept");
        assertThat(verdict(app, "udp 10.0.0.2:1024 -> 10.0.1.5:53")).isEqualTo("accept");
        assertThat(verdict(app, "udp 10.0.0.3:1024 -> 10.0.1.5:53")).isEqualTo("drop");
    }

    @Test
    void references_to_groups_and_prefix_lists_are_unknown_until_their_addresses_are_given(@TempDir Path dir)
            throws Exception {
        Ruleset unresolved = db(OPTIONS);
        assertThat(verdict(unresolved, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("unknown");
        assertThat(unresolved.rules().get(2).match().unmodelled().get(0).construct())
                .startsWith("security group sg-0app (its addresses are not known: give its members with --sg-members");
        assertThat(verdict(unresolved, "tcp 10.0.1.5:40000 -> 10.0.2.10:22")).isEqualTo("unknown");
        assertThat(verdict(unresolved, "tcp 10.0.1.5:40000 -> 10.0.2.10:80")).isEqualTo("drop");

        Path members = dir.resolve("members.yaml");
        Files.writeString(members, """
                version: 1
                members:
                  sg-0app: [10.0.1.0/24]
                  pl-0ops: 10.0.9.0/28
                """);
        Ruleset resolved = db(OPTIONS.withMembersFile(members));
        assertThat(verdict(resolved, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(resolved, "tcp 10.0.2.5:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
        assertThat(verdict(resolved, "tcp 10.0.9.15:40000 -> 10.0.2.10:22")).isEqualTo("accept");
        assertThat(verdict(resolved, "tcp 10.0.9.16:40000 -> 10.0.2.10:22")).isEqualTo("drop");
        assertThat(resolved.rules().get(2).comment()).contains("security group sg-0app = 10.0.1.0/24 (" + members + ")");

        Ruleset fromPolicy = db(OPTIONS.withAddressNames(Map.of("sg-0app", AddressSet.of(io.fwcheck.format.AddressSpecs
                .parse("10.0.1.0/25")))));
        assertThat(verdict(fromPolicy, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(fromPolicy, "tcp 10.0.1.200:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
    }

    @Test
    void network_interfaces_give_the_private_addresses_of_each_groups_members(@TempDir Path dir) throws Exception {
        Path enis = dir.resolve("enis.json");
        Files.writeString(enis, """
                {"NetworkInterfaces": [
                  {"NetworkInterfaceId": "eni-1", "Groups": [{"GroupId": "sg-0app", "GroupName": "app"}],
                   "PrivateIpAddress": "10.0.1.5",
                   "PrivateIpAddresses": [{"Primary": true, "PrivateIpAddress": "10.0.1.5",
                                           "Association": {"PublicIp": "198.51.100.9"}},
                                          {"Primary": false, "PrivateIpAddress": "10.0.1.6"}],
                   "Ipv6Addresses": [{"Ipv6Address": "2001:db8:1::5"}], "Status": "in-use"},
                  {"NetworkInterfaceId": "eni-2", "Groups": [{"GroupId": "sg-0other"}], "PrivateIpAddress": "10.0.1.7"}
                ]}
                """);
        Ruleset db = db(OPTIONS.withMembersFile(enis));
        assertThat(verdict(db, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(db, "tcp 10.0.1.6:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(db, "tcp 10.0.1.7:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
        assertThat(verdict(db, "tcp 198.51.100.9:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
    }

    @Test
    void groups_of_one_interface_combine_and_egress_is_the_output_chain() {
        Ruleset both = load(GROUPS, "sg.json", OPTIONS.withRuleset("db01, sg-0app"));
        assertThat(both.name()).isEqualTo("aws sg-0db+sg-0app ingress");
        assertThat(verdict(both, "udp 10.0.0.2:1024 -> 10.0.1.5:53")).isEqualTo("accept");
        assertThat(verdict(both, "icmp 10.9.9.9 -> 10.0.2.10 type 8")).isEqualTo("accept");

        Ruleset egress = load(GROUPS, "sg.json", OPTIONS.withRuleset("sg-0db").withHook(Hook.OUTPUT));
        assertThat(verdict(egress, "tcp 10.0.2.10:40000 -> 192.0.2.1:443")).isEqualTo("accept");
        assertThat(verdict(egress, "tcp 10.0.2.10:40000 -> 192.0.2.1:80")).isEqualTo("drop");
        assertThat(verdict(egress, "tcp 10.0.2.10:40000 -> 169.254.169.254:80")).isEqualTo("accept");
        assertThat(decider(egress, "tcp 10.0.2.10:40000 -> 169.254.169.254:80")).isEqualTo("always-instance-metadata");
        assertThat(verdict(egress, "udp 10.0.2.10:40000 -> 10.0.0.2:53")).isEqualTo("unknown");
        assertThat(RulesetLoader.list(GROUPS, "sg.json", OPTIONS.withHook(Hook.OUTPUT)).get(1).rules()).isZero();
    }

    @Test
    void a_single_group_object_and_describe_security_group_rules_read_too() {
        String single = """
                {"GroupId": "sg-1", "GroupName": "one", "IpPermissions": [
                  {"IpProtocol": "6", "FromPort": 80, "ToPort": 81, "IpRanges": [{"CidrIp": "192.0.2.0/24"}]}]}
                """;
        Ruleset one = load(single, "one.json", OPTIONS);
        assertThat(verdict(one, "tcp 192.0.2.9:1 -> 10.0.0.1:81")).isEqualTo("accept");
        assertThat(verdict(one, "tcp 192.0.2.9:1 -> 10.0.0.1:82")).isEqualTo("drop");
        assertThat(load(single, "one.json", OPTIONS.withRuleset("one")).rules()).hasSize(2);

        String rules = """
                {"SecurityGroupRules": [
                  {"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-1", "GroupOwnerId": "1", "IsEgress": false,
                   "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv4": "10.0.0.0/8", "Tags": []},
                  {"SecurityGroupRuleId": "sgr-2", "GroupId": "sg-1", "IsEgress": true, "IpProtocol": "-1",
                   "FromPort": -1, "ToPort": -1, "CidrIpv4": "0.0.0.0/0"},
                  {"SecurityGroupRuleId": "sgr-3", "GroupId": "sg-2", "IsEgress": false, "IpProtocol": "udp",
                   "FromPort": 53, "ToPort": 53, "ReferencedGroupInfo": {"GroupId": "sg-1", "UserId": "1"}}
                ]}
                """;
        List<RulesetEntry> entries = RulesetLoader.list(rules, "rules.json", OPTIONS);
        assertThat(entries).extracting(RulesetEntry::name).containsExactly("sg-1", "sg-2");
        Ruleset sg1 = load(rules, "rules.json", OPTIONS.withRuleset("sg-1"));
        assertThat(sg1.rules()).extracting(Rule::id).containsExactly("established", "sgr-1");
        assertThat(sg1.rules().get(1).named()).isTrue();
        assertThat(verdict(sg1, "tcp 10.1.1.1:1 -> 10.0.0.1:22")).isEqualTo("accept");
    }

    @Test
    void network_acls_are_ordered_stateless_allow_and_deny_entries() {
        String acls = """
                {"NetworkAcls": [{"NetworkAclId": "acl-1", "IsDefault": false, "VpcId": "vpc-1", "Associations": [],
                  "Entries": [
                    {"RuleNumber": 32767, "Egress": false, "Protocol": "-1", "RuleAction": "deny", "CidrBlock": "0.0.0.0/0"},
                    {"RuleNumber": 200, "Egress": false, "Protocol": "6", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0",
                     "PortRange": {"From": 1024, "To": 65535}},
                    {"RuleNumber": 100, "Egress": false, "Protocol": "6", "RuleAction": "deny",
                     "CidrBlock": "198.51.100.0/24", "PortRange": {"From": 0, "To": 65535}},
                    {"RuleNumber": 110, "Egress": false, "Protocol": "1", "RuleAction": "allow", "CidrBlock": "0.0.0.0/0",
                     "IcmpTypeCode": {"Type": 0, "Code": -1}},
                    {"RuleNumber": 100, "Egress": true, "Protocol": "-1", "RuleAction": "allow",
                     "Ipv6CidrBlock": "::/0"}
                  ]}]}
                """;
        Ruleset in = load(acls, "acl.json", OPTIONS);
        assertThat(in.rules()).extracting(Rule::id).containsExactly("acl-1/ingress#100", "acl-1/ingress#110",
                "acl-1/ingress#200", "acl-1/ingress#*");
        assertThat(verdict(in, "tcp 198.51.100.7:80 -> 10.0.0.1:40000 state established")).isEqualTo("drop");
        assertThat(verdict(in, "tcp 192.0.2.7:80 -> 10.0.0.1:40000 state established")).isEqualTo("accept");
        assertThat(verdict(in, "tcp 192.0.2.7:40000 -> 10.0.0.1:80")).isEqualTo("drop");
        assertThat(verdict(in, "icmp 192.0.2.7 -> 10.0.0.1 type 0 code 0")).isEqualTo("accept");
        Ruleset out = load(acls, "acl.json", OPTIONS.withHook(Hook.OUTPUT));
        assertThat(verdict(out, "udp [2001:db8::1]:1 -> [2001:db8::2]:53")).isEqualTo("accept");
        assertThat(verdict(out, "udp 10.0.0.1:1 -> 10.0.0.2:53")).isEqualTo("drop");
    }

    @Test
    void cidr_host_bits_are_cleared_as_aws_does() {
        String text = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "2.2.2.2/28"}]}]}]}
                """;
        Ruleset r = load(text, "sg.json", OPTIONS);
        assertThat(verdict(r, "tcp 2.2.2.15:1 -> 10.0.0.1:22")).isEqualTo("accept");
        assertThat(verdict(r, "tcp 2.2.2.16:1 -> 10.0.0.1:22")).isEqualTo("drop");
    }

    @Test
    void malformed_input_is_refused_at_its_line_and_column() {
        String misspelt = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRange": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                """;
        assertInputError(() -> load(misspelt, "sg.json", OPTIONS), "sg.json:2:66",
                "unknown key 'IpRange' in a permission; did you mean 'IpRanges'? at SecurityGroups[0].IpPermissions[0]"
                        + ".IpRange");
        String ports = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 30, "ToPort": 20, "IpRanges": []}]}]}
                """;
        assertInputError(() -> load(ports, "sg.json", OPTIONS), "sg.json:2:37", "port range 30-20 is not valid",
                "FromPort");
        String icmp = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
                  {"IpProtocol": "icmp", "FromPort": -1, "ToPort": 9, "IpRanges": []}]}]}
                """;
        assertInputError(() -> load(icmp, "sg.json", OPTIONS), "sg.json:2:38", "ICMP code 9 with every type (-1)");
        String family = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 1, "ToPort": 2, "IpRanges": [{"CidrIp": "2001:db8::/32"}]}]}]}
                """;
        assertInputError(() -> load(family, "sg.json", OPTIONS), "sg.json:2:77",
                "'2001:db8::/32' is not an ipv4 CIDR block");
        String protocol = """
                {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [{"IpProtocol": "tpc"}]}]}
                """;
        assertInputError(() -> load(protocol, "sg.json", OPTIONS), "sg.json:1:74", "unknown protocol 'tpc'",
                "tcp, udp, icmp, icmpv6, -1");
        String twice = """
                {"SecurityGroups": [{"GroupId": "sg-1"},
                                    {"GroupId": "sg-1"}]}
                """;
        assertInputError(() -> load(twice, "sg.json", OPTIONS), "sg.json:2:21", "security group sg-1 is listed twice");
        assertInputError(() -> load("{\"SecurityGroups\": [{\"GroupId\": \"sg-1\",}]}", "sg.json", OPTIONS), "sg.json:1:40",
                "not valid JSON");
    }

    @Test
    void selection_names_the_groups_the_file_holds_and_forward_has_no_meaning() {
        assertInputError(() -> load(GROUPS, "sg.json", OPTIONS), "sg.json", "the file holds 2 rulesets (sg-0db, sg-0app)",
                "--ruleset NAME");
        assertInputError(() -> load(GROUPS, "sg.json", OPTIONS.withRuleset("sg-0web")), "sg.json",
                "no security group or network ACL named 'sg-0web'", "one of sg-0db, sg-0app");
        assertInputError(() -> load(GROUPS, "sg.json", OPTIONS.withRuleset("sg-0db").withHook(Hook.FORWARD)), "sg.json",
                "AWS security groups filter the traffic to and from the instances", "--chain INPUT");
    }

    @Test
    void the_sample_groups_pass_the_postmortem_policy_once_their_members_are_known() {
        Path root = CloudTesting.root();
        Path file = root.resolve("rulesets/aws/security-groups.json");
        Ruleset db = RulesetLoader.load(file, OPTIONS.withRuleset("db01")
                .withMembersFile(root.resolve("rulesets/aws/members.yaml")));
        assertThat(verdict(db, "tcp 10.0.1.200:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(db, "tcp 10.0.9.5:40000 -> 10.0.2.10:22")).isEqualTo("accept");
        assertThat(verdict(db, "tcp 10.0.9.6:40000 -> 10.0.2.10:22")).isEqualTo("drop");
        assertThat(verdict(RulesetLoader.load(file, OPTIONS.withRuleset("db01")), "tcp 10.0.9.5:40000 -> 10.0.2.10:22"))
                .isEqualTo("unknown");
    }
}
