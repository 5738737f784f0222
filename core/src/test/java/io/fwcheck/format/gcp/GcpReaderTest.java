package io.fwcheck.format.gcp;

import static io.fwcheck.format.InputErrors.assertInputError;
import static io.fwcheck.format.cloud.CloudTesting.decider;
import static io.fwcheck.format.cloud.CloudTesting.load;
import static io.fwcheck.format.cloud.CloudTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GCP VPC firewall rules: priority order, deny before allow, targets, implied rules, disabled rules, errors. */
class GcpReaderTest {

    private static final LoadOptions OPTIONS = LoadOptions.defaults();

    private static final String RULES = """
            [
              {"name": "allow-web", "network": "global/networks/prod", "direction": "INGRESS", "priority": 1000,
               "allowed": [{"IPProtocol": "tcp", "ports": ["80", "8000-8080"]}], "sourceRanges": ["0.0.0.0/0"],
               "targetTags": ["web"], "kind": "compute#firewall", "id": "1", "selfLink": "x"},
              {"name": "deny-bad", "network": "global/networks/prod", "direction": "INGRESS", "priority": 1000,
               "denied": [{"IPProtocol": "all"}], "sourceRanges": ["198.51.100.0/24"]},
              {"name": "allow-ssh", "network": "global/networks/prod", "priority": 500,
               "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}], "sourceRanges": ["198.51.100.0/24", "10.0.0.0/8"]},
              {"name": "allow-db", "network": "global/networks/prod",
               "allowed": [{"IPProtocol": "tcp", "ports": ["5432"]}], "sourceTags": ["app"],
               "targetServiceAccounts": ["db@p.iam.gserviceaccount.com"]},
              {"name": "allow-any-debug", "network": "global/networks/prod", "disabled": true,
               "allowed": [{"IPProtocol": "all"}], "sourceRanges": ["0.0.0.0/0"]},
              {"name": "deny-out-smtp", "network": "global/networks/prod", "direction": "EGRESS", "priority": 100,
               "denied": [{"IPProtocol": "tcp", "ports": ["25"]}], "destinationRanges": ["0.0.0.0/0"]}
            ]
            """;

    @Test
    void a_list_of_rules_is_detected_and_holds_a_ruleset_per_network_and_target() {
        assertThat(RulesetFormat.detect(RULES).format()).contains(RulesetFormat.GCP);
        List<RulesetEntry> entries = RulesetLoader.list(RULES, "fw.json", OPTIONS);
        assertThat(entries).extracting(RulesetEntry::name).containsExactly("prod", "prod/untargeted", "prod/tag:web",
                "prod/sa:db@p.iam.gserviceaccount.com");
        assertThat(entries).extracting(RulesetEntry::rules).containsExactly(4, 2, 3, 3);
        assertThat(entries.get(2).aliases()).containsExactly("tag:web");
        Ruleset plain = load(RULES, "fw.json", OPTIONS.withRuleset("untargeted"));
        assertThat(plain.rules()).extracting(Rule::id).containsExactly("established", "metadata-server", "allow-ssh",
                "deny-bad", "implied-deny-ingress");
    }

    @Test
    void rules_go_by_priority_and_deny_comes_before_allow_at_equal_priority() {
        Ruleset web = load(RULES, "fw.json", OPTIONS.withRuleset("tag:web"));
        assertThat(web.rules()).extracting(Rule::id).containsExactly("established", "metadata-server", "allow-ssh",
                "deny-bad", "allow-web", "implied-deny-ingress");
        assertThat(verdict(web, "tcp 198.51.100.9:40000 -> 10.0.3.4:22")).isEqualTo("accept");
        assertThat(verdict(web, "tcp 198.51.100.9:40000 -> 10.0.3.4:80")).isEqualTo("drop");
        assertThat(decider(web, "tcp 198.51.100.9:40000 -> 10.0.3.4:80")).isEqualTo("deny-bad");
        assertThat(verdict(web, "tcp 192.0.2.9:40000 -> 10.0.3.4:8080")).isEqualTo("accept");
        assertThat(verdict(web, "tcp 192.0.2.9:40000 -> 10.0.3.4:8081")).isEqualTo("drop");
        assertThat(decider(web, "tcp 192.0.2.9:40000 -> 10.0.3.4:8081")).isEqualTo("implied-deny-ingress");
        assertThat(verdict(web, "tcp [2001:db8::1]:40000 -> [2001:db8::2]:80")).isEqualTo("drop");
        assertThat(verdict(web, "tcp 192.0.2.9:80 -> 10.0.3.4:40000 state established")).isEqualTo("accept");
        assertThat(web.rules().get(4).location().toString()).isEqualTo("fw.json:2:3");
        assertThat(web.rules().get(4).comment()).isEqualTo("[0] [priority 1000]");
    }

    @Test
    void disabled_rules_are_left_out_and_rules_for_other_targets_do_not_apply() {
        Ruleset web = load(RULES, "fw.json", OPTIONS.withRuleset("prod/tag:web"));
        assertThat(web.rules()).extracting(Rule::id).doesNotContain("allow-any-debug", "allow-db");
        Ruleset plain = load(RULES, "fw.json", OPTIONS.withRuleset("prod"));
        assertThat(plain.rules()).extracting(Rule::id).doesNotContain("allow-any-debug");
    }

    @Test
    void the_whole_network_tells_targets_apart_by_address_when_they_are_defined() {
        Ruleset unmapped = load(RULES, "fw.json", OPTIONS);
        assertThat(unmapped.name()).isEqualTo("gcp prod ingress");
        assertThat(verdict(unmapped, "tcp 192.0.2.9:40000 -> 10.0.3.4:80")).isEqualTo("unknown");
        assertThat(verdict(unmapped, "tcp 192.0.2.9:40000 -> 10.0.3.4:81")).isEqualTo("drop");

        Map<String, AddressSet> names = Map.of("web", AddressSet.of(AddressSpecs.parse("10.0.3.0/24")),
                "app", AddressSet.of(AddressSpecs.parse("10.0.1.0/24")));
        Ruleset mapped = load(RULES, "fw.json", OPTIONS.withAddressNames(names));
        assertThat(verdict(mapped, "tcp 192.0.2.9:40000 -> 10.0.3.4:80")).isEqualTo("accept");
        assertThat(verdict(mapped, "tcp 192.0.2.9:40000 -> 10.0.4.4:80")).isEqualTo("drop");
        // the source tag is defined, the target service account is not
        assertThat(verdict(mapped, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("unknown");
        assertThat(verdict(mapped, "tcp 10.0.7.5:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
        Ruleset db = load(RULES, "fw.json", OPTIONS.withAddressNames(names).withRuleset("prod/sa:db@p.iam.gserviceaccount.com"));
        assertThat(verdict(db, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(db, "tcp 10.0.7.5:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
    }

    @Test
    void targets_of_one_instance_combine() {
        String rules = """
                [{"name": "a", "network": "n", "allowed": [{"IPProtocol": "udp"}], "sourceRanges": ["10.0.0.0/8"],
                  "targetTags": ["x"]},
                 {"name": "b", "network": "n", "allowed": [{"IPProtocol": 6}], "sourceRanges": ["10.0.0.0/8"],
                  "targetTags": ["y"]}]
                """;
        Ruleset both = load(rules, "fw.json", OPTIONS.withRuleset("tag:x,tag:y"));
        assertThat(verdict(both, "udp 10.1.1.1:1 -> 10.2.2.2:53")).isEqualTo("accept");
        assertThat(verdict(both, "tcp 10.1.1.1:1 -> 10.2.2.2:53")).isEqualTo("accept");
        Ruleset x = load(rules, "fw.json", OPTIONS.withRuleset("tag:x"));
        assertThat(verdict(x, "tcp 10.1.1.1:1 -> 10.2.2.2:53")).isEqualTo("drop");
        assertInputError(() -> load(rules, "fw.json", OPTIONS.withRuleset("n,tag:x")), "fw.json",
                "combines a whole network with targets");
    }

    @Test
    void egress_allows_what_no_rule_denies_and_smtp_to_external_addresses_is_uncertain() {
        Ruleset out = load(RULES, "fw.json", OPTIONS.withHook(Hook.OUTPUT));
        assertThat(out.defaultAction().accepts()).isTrue();
        assertThat(verdict(out, "tcp 10.0.3.4:40000 -> 192.0.2.1:25")).isEqualTo("drop");
        assertThat(decider(out, "tcp 10.0.3.4:40000 -> 192.0.2.1:25")).isEqualTo("always-blocked-smtp");
        assertThat(verdict(out, "tcp 10.0.3.4:40000 -> 192.0.2.1:443")).isEqualTo("accept");
        assertThat(decider(out, "tcp 10.0.3.4:40000 -> 192.0.2.1:443")).isEqualTo("implied-allow-egress");
        assertThat(verdict(out, "tcp 10.0.3.4:40000 -> 169.254.169.254:80")).isEqualTo("accept");
        String allowSmtp = """
                [{"name": "smtp", "network": "n", "direction": "EGRESS", "allowed": [{"IPProtocol": "tcp", "ports": ["25"]}],
                  "destinationRanges": ["0.0.0.0/0"]},
                 {"name": "deny-rest", "network": "n", "direction": "EGRESS", "priority": 2000,
                  "denied": [{"IPProtocol": "all"}], "destinationRanges": ["0.0.0.0/0"]}]
                """;
        Ruleset smtp = load(allowSmtp, "fw.json", OPTIONS.withHook(Hook.OUTPUT));
        assertThat(verdict(smtp, "tcp 10.0.3.4:40000 -> 192.0.2.1:25")).isEqualTo("unknown");
        assertThat(verdict(smtp, "tcp 10.0.3.4:40000 -> 10.0.9.1:25")).isEqualTo("accept");
    }

    @Test
    void the_api_list_form_and_a_single_rule_read_too() {
        String api = """
                {"kind": "compute#firewallList", "id": "projects/p/global/firewalls",
                 "items": [{"kind": "compute#firewall", "name": "r", "network": "n",
                            "allowed": [{"IPProtocol": "icmp"}], "sourceRanges": ["10.0.0.0/8"]}],
                 "selfLink": "x"}
                """;
        assertThat(RulesetFormat.detect(api).format()).contains(RulesetFormat.GCP);
        assertThat(verdict(load(api, "fw.json", OPTIONS), "icmp 10.0.0.1 -> 10.0.0.2 type 3")).isEqualTo("accept");
        String one = "{\"kind\": \"compute#firewall\", \"name\": \"r\", \"network\": \"n\", \"allowed\": [{\"IPProtocol\": \"esp\"}]}";
        Ruleset r = load(one, "fw.json", OPTIONS);
        assertThat(verdict(r, "esp 192.0.2.1 -> 10.0.0.2")).isEqualTo("accept");
        assertThat(verdict(r, "esp [2001:db8::1] -> [2001:db8::2]")).isEqualTo("drop");
    }

    @Test
    void malformed_rules_are_refused_at_their_line_and_column() {
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": [], \"sourceRange\": []}]",
                "fw.json", OPTIONS), "fw.json:1:62", "unknown key 'sourceRange' in a firewall rule; did you mean"
                        + " 'sourceRanges'? at [0].sourceRange");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": [], \"denied\": []}]", "fw.json",
                OPTIONS), "fw.json:1:2", "firewall rule 'r' has both 'allowed' and 'denied'");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": [{\"IPProtocol\": \"icmp\","
                + " \"ports\": [\"1\"]}]}]", "fw.json", OPTIONS), "fw.json:1:76", "ports with protocol icmp");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": [{\"IPProtocol\": \"tcp\","
                + " \"ports\": [\"90-80\"]}]}]", "fw.json", OPTIONS), "fw.json:1:75", "port range '90-80' is not valid");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"priority\": 70000, \"allowed\": []}]",
                "fw.json", OPTIONS), "fw.json:1:44", "'priority' 70000 is out of range");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": [], \"sourceRanges\":"
                + " [\"10.0.0.1/8\"]}]", "fw.json", OPTIONS), "fw.json:1:64", "host bits set in 10.0.0.1/8");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"direction\": \"IN\", \"allowed\": []}]",
                "fw.json", OPTIONS), "fw.json:1:45", "unknown direction 'IN'", "INGRESS or EGRESS");
        assertInputError(() -> load("[{\"name\": \"r\", \"network\": \"n\", \"allowed\": []},"
                + " {\"name\": \"r\", \"network\": \"n\", \"allowed\": []}]", "fw.json", OPTIONS), "fw.json:1:48",
                "firewall rule 'r' is listed twice (first at line 1)");
    }
}
