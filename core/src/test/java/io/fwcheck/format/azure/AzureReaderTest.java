package io.fwcheck.format.azure;

import static io.fwcheck.format.InputErrors.assertInputError;
import static io.fwcheck.format.cloud.CloudTesting.decider;
import static io.fwcheck.format.cloud.CloudTesting.load;
import static io.fwcheck.format.cloud.CloudTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Azure NSGs: priority order, default rules, port ranges, service tags, application security groups, errors. */
class AzureReaderTest {

    private static final LoadOptions OPTIONS = LoadOptions.defaults();

    private static final String NSG = """
            {
              "name": "db-nsg",
              "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/db-nsg",
              "location": "westeurope",
              "securityRules": [
                {"name": "AllowApp", "priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                 "sourceAddressPrefixes": ["10.0.1.0/24", "2001:db8:1::/64"], "sourcePortRange": "*",
                 "destinationAddressPrefix": "*", "destinationPortRanges": ["5432", "6000-6010"],
                 "description": "app servers", "etag": "x", "provisioningState": "Succeeded"},
                {"name": "DenyScanner", "priority": 100, "direction": "Inbound", "access": "Deny", "protocol": "*",
                 "sourceAddressPrefix": "10.0.1.128/25", "destinationAddressPrefix": "*",
                 "sourcePortRange": "*", "destinationPortRange": "*"},
                {"name": "AllowLb", "priority": 300, "direction": "Inbound", "access": "Allow", "protocol": "*",
                 "sourceAddressPrefix": "AzureLoadBalancer", "destinationAddressPrefix": "*",
                 "sourcePortRange": "*", "destinationPortRange": "8080"},
                {"name": "AllowMonitoring", "priority": 310, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                 "sourceApplicationSecurityGroups": [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-mon", "resourceGroup": "rg"}],
                 "destinationAddressPrefix": "*", "sourcePortRange": "*", "destinationPortRange": "9100"},
                {"name": "AllowPing", "priority": 400, "direction": "Inbound", "access": "Allow", "protocol": "Icmp",
                 "sourceAddressPrefix": "*", "destinationAddressPrefix": "*",
                 "sourcePortRange": "*", "destinationPortRange": "*"},
                {"name": "AllowHttpsOut", "priority": 100, "direction": "Outbound", "access": "Allow", "protocol": "Tcp",
                 "sourceAddressPrefix": "*", "destinationAddressPrefix": "Internet",
                 "sourcePortRange": "*", "destinationPortRange": "443"}
              ],
              "type": "Microsoft.Network/networkSecurityGroups"
            }
            """;

    @Test
    void an_nsg_is_detected_with_azures_default_rules_added_when_it_does_not_list_them() {
        assertThat(RulesetFormat.detect(NSG).format()).contains(RulesetFormat.AZURE);
        assertThat(RulesetLoader.list(NSG, "nsg.json", OPTIONS)).extracting(RulesetEntry::name, RulesetEntry::rules)
                .containsExactly(tuple("db-nsg", 5));
        Ruleset in = load(NSG, "nsg.json", OPTIONS);
        assertThat(in.rules()).extracting(Rule::id).containsExactly("established", "DenyScanner", "AllowApp", "AllowLb", "AllowMonitoring", "AllowPing", "AllowPing.2", "AllowVnetInBound",
                "AllowAzureLoadBalancerInBound", "DenyAllInBound");
        // the return traffic and the default rules are Azure's, not the input's
        assertThat(in.rules()).filteredOn(Rule::standIn).extracting(Rule::id).containsExactly("established",
                "AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound");
        assertThat(in.rules().get(2).comment()).isEqualTo("app servers (securityRules[0]) [priority 200]");
        assertThat(in.rules().get(2).location().toString()).isEqualTo("nsg.json:6:5");
    }

    @Test
    void rules_go_by_priority_and_ports_lists_and_ranges_are_exact() {
        Map<String, AddressSet> names = Map.of("VirtualNetwork", AddressSet.of(AddressSpecs.parse("10.0.0.0/16")),
                "AzureLoadBalancer", AddressSet.of(AddressSpecs.parse("168.63.129.16")));
        Ruleset in = load(NSG, "nsg.json", OPTIONS.withAddressNames(names));
        assertThat(verdict(in, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(in, "tcp 10.0.1.200:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
        assertThat(decider(in, "tcp 10.0.1.200:40000 -> 10.0.2.10:5432")).isEqualTo("DenyScanner");
        assertThat(verdict(in, "tcp 10.0.1.5:40000 -> 10.0.2.10:6010")).isEqualTo("accept");
        assertThat(verdict(in, "tcp [2001:db8:1::9]:40000 -> [2001:db8:2::10]:6000")).isEqualTo("accept");
        assertThat(verdict(in, "tcp 168.63.129.16:40000 -> 10.0.2.10:8080")).isEqualTo("accept");
        assertThat(verdict(in, "udp 168.63.129.16:40000 -> 10.0.2.10:8080")).isEqualTo("accept");
        // the default rules: within the virtual network everything, else denied
        assertThat(verdict(in, "udp 10.0.5.5:40000 -> 10.0.2.10:53")).isEqualTo("accept");
        assertThat(decider(in, "udp 10.0.5.5:40000 -> 10.0.2.10:53")).isEqualTo("AllowVnetInBound");
        assertThat(verdict(in, "udp 192.0.2.5:40000 -> 10.0.2.10:53")).isEqualTo("drop");
        assertThat(decider(in, "udp 192.0.2.5:40000 -> 10.0.2.10:53")).isEqualTo("DenyAllInBound");
    }

    @Test
    void service_tags_and_application_security_groups_are_unknown_until_defined() {
        Ruleset in = load(NSG, "nsg.json", OPTIONS);
        assertThat(verdict(in, "tcp 192.0.2.5:40000 -> 10.0.2.10:8080")).isEqualTo("unknown");
        assertThat(verdict(in, "tcp 192.0.2.5:40000 -> 10.0.2.10:9100")).isEqualTo("unknown");
        assertThat(in.rules().get(4).match().unmodelled().get(0).construct())
                .startsWith("application security group asg-mon (its addresses are not known");
        Ruleset mapped = load(NSG, "nsg.json", OPTIONS.withAddressNames(Map.of("asg-mon",
                AddressSet.of(AddressSpecs.parse("10.0.7.20")), "VirtualNetwork", AddressSet.empty(),
                "AzureLoadBalancer", AddressSet.empty())));
        assertThat(verdict(mapped, "tcp 10.0.7.20:40000 -> 10.0.2.10:9100")).isEqualTo("accept");
        assertThat(verdict(mapped, "tcp 10.0.7.21:40000 -> 10.0.2.10:9100")).isEqualTo("drop");
    }

    @Test
    void icmp_is_ipv4_icmp_and_uncertain_for_icmpv6() {
        Map<String, AddressSet> none = Map.of("VirtualNetwork", AddressSet.empty(), "AzureLoadBalancer", AddressSet.empty());
        Ruleset in = load(NSG, "nsg.json", OPTIONS.withAddressNames(none));
        assertThat(verdict(in, "icmp 192.0.2.1 -> 10.0.2.10 type 8")).isEqualTo("accept");
        assertThat(verdict(in, "icmpv6 [2001:db8::1] -> [2001:db8::2] type 128")).isEqualTo("unknown");
        assertThat(verdict(in, "udp [2001:db8::1]:1 -> [2001:db8::2]:2")).isEqualTo("drop");
    }

    @Test
    void outbound_is_the_output_chain() {
        Ruleset out = load(NSG, "nsg.json", OPTIONS.withHook(Hook.OUTPUT).withAddressNames(Map.of(
                "Internet", AddressSet.of(AddressSpecs.parse("192.0.2.0/24")), "VirtualNetwork", AddressSet.empty())));
        assertThat(out.name()).isEqualTo("azure db-nsg outbound");
        assertThat(verdict(out, "tcp 10.0.2.10:40000 -> 192.0.2.1:443")).isEqualTo("accept");
        assertThat(verdict(out, "tcp 10.0.2.10:40000 -> 192.0.2.1:80")).isEqualTo("accept");
        assertThat(decider(out, "tcp 10.0.2.10:40000 -> 192.0.2.1:80")).isEqualTo("AllowInternetOutBound");
        assertThat(verdict(out, "tcp 10.0.2.10:40000 -> 198.51.100.1:80")).isEqualTo("drop");
    }

    @Test
    void the_arm_form_listed_defaults_and_a_rule_list_read_too() {
        String arm = """
                {"name": "n1", "type": "Microsoft.Network/networkSecurityGroups", "properties": {
                  "securityRules": [{"name": "AllowSsh", "properties": {"priority": 100, "direction": "Inbound",
                    "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "10.0.0.0/8",
                    "destinationAddressPrefix": "*", "sourcePortRange": "*", "destinationPortRange": "22"}}],
                  "defaultSecurityRules": [{"name": "DenyAllInBound", "properties": {"priority": 65500,
                    "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*",
                    "destinationAddressPrefix": "*", "sourcePortRange": "*", "destinationPortRange": "*"}}]}}
                """;
        assertThat(RulesetFormat.detect(arm).format()).contains(RulesetFormat.AZURE);
        Ruleset r = load(arm, "arm.json", OPTIONS);
        assertThat(r.rules()).extracting(Rule::id).containsExactly("established", "AllowSsh", "DenyAllInBound");
        assertThat(verdict(r, "tcp 10.1.1.1:1 -> 10.2.2.2:22")).isEqualTo("accept");

        String list = """
                [{"name": "AllowSsh", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                  "sourceAddressPrefix": "10.0.0.0/8", "destinationAddressPrefix": "*", "destinationPortRange": "22",
                  "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web-nsg/securityRules/AllowSsh"}]
                """;
        assertThat(RulesetLoader.list(list, "rules.json", OPTIONS)).extracting(RulesetEntry::name).containsExactly("web-nsg");
        assertThat(load(list, "rules.json", OPTIONS).rules()).extracting(Rule::id).contains("AllowSsh", "DenyAllInBound");
    }

    @Test
    void malformed_rules_are_refused_at_their_line_and_column() {
        String prefix = "{\"name\": \"n\", \"securityRules\": [";
        String rule = "{\"name\": \"r\", \"priority\": 100, \"direction\": \"Inbound\", \"access\": \"Allow\","
                + " \"protocol\": \"Tcp\", \"sourceAddressPrefix\": \"*\", \"destinationAddressPrefix\": \"*\"";
        assertInputError(() -> load(prefix + rule + ", \"destinationPortRange\": \"90-80\"}]}", "nsg.json", OPTIONS),
                "nsg.json:1:211", "port range '90-80' is not valid");
        assertInputError(() -> load(prefix + rule.replace("\"Tcp\"", "\"Tcpp\"") + "}]}", "nsg.json", OPTIONS),
                "nsg.json:1:119", "unknown protocol 'Tcpp'", "Tcp, Udp, Icmp, Esp, Ah or *");
        assertInputError(() -> load(prefix + rule.replace("\"Allow\"", "\"Permit\"") + "}]}", "nsg.json", OPTIONS),
                "nsg.json:1:98", "unknown access 'Permit'", "Allow or Deny");
        assertInputError(() -> load(prefix + rule.replace("100", "50") + "}]}", "nsg.json", OPTIONS),
                "nsg.json:1:59", "'priority' 50 is out of range");
        assertInputError(() -> load(prefix + rule.replace("\"sourceAddressPrefix\": \"*\"",
                "\"sourceAddressPrefix\": \"10.0.0.1/8\"") + "}]}", "nsg.json", OPTIONS),
                "nsg.json:1:149", "host bits set in 10.0.0.1/8");
        assertInputError(() -> load(prefix + rule + ", \"destinationPortRang\": \"22\"}]}", "nsg.json", OPTIONS),
                "nsg.json:1:210", "unknown key 'destinationPortRang' in a security rule; did you mean");
        assertInputError(() -> load(prefix + rule.replace("\"sourceAddressPrefix\": \"*\", ", "") + "}]}", "nsg.json",
                OPTIONS), "nsg.json:1:33", "security rule 'r' has no source");
    }
}
