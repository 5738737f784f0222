package io.fwcheck.format.terraform;

import static io.fwcheck.format.InputErrors.assertInputError;
import static io.fwcheck.format.cloud.CloudTesting.load;
import static io.fwcheck.format.cloud.CloudTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.RequirementChange;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.cloud.CloudTesting;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.RulesetChange;
import io.fwcheck.model.Severity;
import io.fwcheck.model.Unmodelled;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Terraform plans and states: the firewalls they hold, values known after apply, and the changes of a plan. */
class TerraformReaderTest {

    private static final LoadOptions OPTIONS = LoadOptions.defaults();
    private static final Path ROOT = CloudTesting.root();
    private static final Path POSTMORTEM = ROOT.resolve("rulesets/postmortem/plan.json");
    private static final Path SAMPLE = ROOT.resolve("rulesets/terraform/plan.json");

    /** A plan of one resource: {@code change} is the JSON of its change. */
    private static String plan(String type, String change) {
        return """
                {"format_version": "1.2", "terraform_version": "1.9.5",
                 "resource_changes": [
                  {"address": "%s.x", "mode": "managed", "type": "%s", "name": "x",
                   "change": %s}
                 ]}
                """.formatted(type, type, change);
    }

    @Test
    void the_postmortem_plan_narrows_the_app_rule_and_the_gate_names_app_to_db() {
        assertThat(RulesetFormat.detect(RulesetLoader.readText(POSTMORTEM)).format()).contains(RulesetFormat.TERRAFORM);
        List<RulesetChange> changes = RulesetLoader.changes(POSTMORTEM, OPTIONS);
        assertThat(changes).extracting(RulesetChange::name).containsExactly("aws_security_group.db");
        assertThat(changes.get(0).description()).isEqualTo("aws_vpc_security_group_ingress_rule.app_postgres: update");
        Policy policy = YamlPolicyReader.read(ROOT.resolve("rulesets/postmortem/policy.yaml"));
        List<ChangeDiff> diffs = Differ.diff(changes, DiffOptions.defaults().withPolicy(policy));
        assertThat(Differ.gate(diffs, Severity.ERROR, false)).isEqualTo(Verdict.FAIL);
        assertThat(diffs.get(0).result().withStatus(RequirementChange.Status.REGRESSION))
                .extracting(c -> c.requirement().id()).containsExactly("app-to-db");
        assertThat(diffs.get(0).result().ruleChanges()).hasSize(1);
    }

    @Test
    void read_as_a_ruleset_a_plan_is_the_state_after_it_without_the_groups_stale_copies_of_rule_resources() {
        Ruleset after = RulesetLoader.load(POSTMORTEM, OPTIONS);
        assertThat(after.rules()).extracting(Rule::id).containsExactly("established",
                "aws_vpc_security_group_ingress_rule.app_postgres", "aws_vpc_security_group_ingress_rule.app_postgres_v6",
                "aws_vpc_security_group_ingress_rule.bastion_ssh", "aws_vpc_security_group_ingress_rule.ping",
                "aws_vpc_security_group_ingress_rule.ping_v6");
        assertThat(verdict(after, "tcp 10.0.1.5:40000 -> 10.0.2.10:5432")).isEqualTo("accept");
        assertThat(verdict(after, "tcp 10.0.1.200:40000 -> 10.0.2.10:5432")).isEqualTo("drop");
        assertThat(after.rules().get(1).comment())
                .isEqualTo("app servers to postgres (CHG-4711: new app subnet only) (aws_vpc_security_group_ingress_rule.app_postgres)");
        assertThat(RulesetLoader.list(POSTMORTEM, OPTIONS)).singleElement()
                .satisfies(e -> assertThat(e.aliases()).containsExactly("sg-0db5e1c7a9f3b2d41", "db01"));
        assertThat(RulesetLoader.load(POSTMORTEM, OPTIONS.withRuleset("db01")).rules()).hasSize(6);
    }

    @Test
    void the_sample_plan_holds_groups_networks_and_nsgs_of_every_resource_type() {
        List<RulesetEntry> entries = RulesetLoader.list(SAMPLE, OPTIONS);
        assertThat(entries).extracting(RulesetEntry::name).containsExactly("aws_security_group.web",
                "aws_security_group.app", "prod", "prod/untargeted", "prod/tag:ssh", "prod/tag:web",
                "azurerm_network_security_group.app");
        assertInputError(() -> RulesetLoader.load(SAMPLE, OPTIONS), SAMPLE.toString(), "the file holds 7 rulesets");

        Ruleset app = RulesetLoader.load(SAMPLE, OPTIONS.withRuleset("sg-0a99e3c5b7d1f2468"));
        Rule fromWeb = app.rules().stream().filter(r -> r.id().equals("aws_security_group_rule.app_from_web")).findFirst()
                .orElseThrow();
        assertThat(fromWeb.match().unmodelled()).extracting(Unmodelled::construct).singleElement().asString()
                .startsWith("security group aws_security_group.web (its addresses are not known");

        Ruleset nsg = RulesetLoader.load(SAMPLE, OPTIONS.withRuleset("app-nsg"));
        Rule admin = nsg.rules().stream().filter(r -> r.id().equals("AllowAdminSsh")).findFirst().orElseThrow();
        assertThat(admin.match().unmodelled()).extracting(Unmodelled::construct)
                .contains("azurerm_network_security_rule.admin_ssh source_address_prefix (known after apply)");
        assertThat(nsg.rules()).extracting(Rule::id).endsWith("AllowVnetInBound", "AllowAzureLoadBalancerInBound",
                "DenyAllInBound");

        Ruleset ssh = RulesetLoader.load(SAMPLE, OPTIONS.withRuleset("prod/tag:ssh"));
        assertThat(verdict(ssh, "tcp 35.235.240.9:40000 -> 10.0.3.4:22")).isEqualTo("accept");
        assertThat(verdict(ssh, "tcp 35.235.240.9:40000 -> 10.0.3.4:8080")).isEqualTo("drop");
        Ruleset web = RulesetLoader.load(SAMPLE, OPTIONS.withRuleset("tag:web"));
        assertThat(verdict(web, "tcp 35.191.1.1:40000 -> 10.0.3.4:8080")).isEqualTo("accept");
    }

    @Test
    void the_sample_plan_changes_four_rulesets_with_created_groups_compared_to_empty_ones() {
        List<RulesetChange> changes = RulesetLoader.changes(SAMPLE, OPTIONS);
        assertThat(changes).extracting(RulesetChange::name).containsExactlyInAnyOrder("aws_security_group.app", "prod",
                "azurerm_network_security_group.app", "aws_security_group.web");
        RulesetChange web = changes.stream().filter(c -> c.name().equals("aws_security_group.web")).findFirst().orElseThrow();
        assertThat(web.before().rules()).extracting(Rule::id).containsExactly("established");
        assertThat(RulesetLoader.changes(SAMPLE, OPTIONS.withRuleset("web"))).extracting(RulesetChange::name)
                .containsExactly("aws_security_group.web");
        assertInputError(() -> RulesetLoader.changes(SAMPLE, OPTIONS.withRuleset("aws_security_group.db")),
                SAMPLE.toString(), "no firewall named 'aws_security_group.db' in the plan");
    }

    @Test
    void values_known_only_after_apply_are_unknown_with_their_attribute_path() {
        String text = plan("aws_security_group", """
                {"actions": ["update"],
                 "before": {"id": "sg-1", "name": "x", "ingress": [], "egress": []},
                 "after": {"id": "sg-1", "name": "x", "egress": [],
                           "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22,
                                        "cidr_blocks": ["10.0.0.0/8", null], "ipv6_cidr_blocks": [],
                                        "prefix_list_ids": [], "security_groups": [], "self": false,
                                        "description": "ssh"}]},
                 "after_unknown": {"ingress": [{"cidr_blocks": [false, true]}]}}
                """);
        Ruleset r = load(text, "plan.json", OPTIONS);
        assertThat(verdict(r, "tcp 10.1.1.1:40000 -> 10.9.9.9:22")).isEqualTo("accept");
        assertThat(verdict(r, "tcp 192.0.2.1:40000 -> 10.9.9.9:22")).isEqualTo("unknown");
        assertThat(verdict(r, "tcp 192.0.2.1:40000 -> 10.9.9.9:23")).isEqualTo("drop");
        assertThat(r.rules().get(2).match().unmodelled()).extracting(Unmodelled::construct)
                .containsExactly("aws_security_group.x ingress[0].cidr_blocks[1] (known after apply)");
        assertThat(r.rules().get(2).location().toString()).isEqualTo("plan.json:3:3");

        String gcp = plan("google_compute_firewall", """
                {"actions": ["create"], "before": null,
                 "after": {"name": "r", "network": "n", "direction": "INGRESS", "allow": [{"protocol": "tcp", "ports": ["22"]}],
                           "deny": [], "source_ranges": ["0.0.0.0/0"], "target_tags": [], "source_tags": [],
                           "source_service_accounts": [], "target_service_accounts": [], "disabled": false},
                 "after_unknown": {"priority": true}}
                """);
        Ruleset g = load(gcp, "plan.json", OPTIONS);
        assertThat(verdict(g, "tcp 192.0.2.1:40000 -> 10.9.9.9:22")).isEqualTo("unknown");
        assertThat(g.rules().get(2).id()).isEqualTo("r");
    }

    @Test
    void rules_of_groups_the_plan_does_not_manage_and_attributes_not_modelled_are_uncertain() {
        String text = plan("aws_security_group_rule", """
                {"actions": ["create"], "before": null,
                 "after": {"type": "ingress", "security_group_id": "sg-0ext", "protocol": "tcp", "from_port": 443,
                           "to_port": 443, "cidr_blocks": ["0.0.0.0/0"], "self": false, "future_knob": "on"},
                 "after_unknown": {"id": true}}
                """);
        List<RulesetEntry> entries = RulesetLoader.list(text, "plan.json", OPTIONS);
        assertThat(entries).extracting(RulesetEntry::name, RulesetEntry::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sg-0ext", "AWS security group (not managed here), ingress"));
        Ruleset r = load(text, "plan.json", OPTIONS);
        assertThat(verdict(r, "tcp 192.0.2.1:40000 -> 10.9.9.9:443")).isEqualTo("unknown");
        assertThat(verdict(r, "tcp 192.0.2.1:40000 -> 10.9.9.9:80")).isEqualTo("unknown");
        assertThat(r.rules()).flatExtracting(x -> x.match().unmodelled()).extracting(Unmodelled::construct)
                .contains("aws_security_group_rule.x attribute future_knob (not modelled)",
                        "other rules of security group sg-0ext, which this plan does not manage");
    }

    @Test
    void a_state_reads_as_it_is_and_has_no_changes() {
        String state = """
                {"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {
                  "resources": [{"address": "aws_security_group.s", "mode": "managed", "type": "aws_security_group",
                    "name": "s", "values": {"id": "sg-9", "name": "s", "egress": [], "ingress": [
                      {"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["10.0.0.0/8"],
                       "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": false,
                       "description": ""}]}}],
                  "child_modules": [{"address": "module.m", "resources": [{"address": "module.m.aws_security_group.t",
                    "mode": "managed", "type": "aws_security_group", "name": "t",
                    "values": {"id": "sg-8", "name": "t", "ingress": [], "egress": []}}]}]}}}
                """;
        assertThat(RulesetLoader.list(state, "state.json", OPTIONS)).extracting(RulesetEntry::name)
                .containsExactly("aws_security_group.s", "module.m.aws_security_group.t");
        Ruleset s = load(state, "state.json", OPTIONS.withRuleset("sg-9"));
        assertThat(verdict(s, "gre 10.1.1.1 -> 10.9.9.9")).isEqualTo("accept");
        assertInputError(() -> TerraformReader.changes(state, "state.json", OPTIONS), "state.json",
                "this is a Terraform state, which has no changes");
    }

    @Test
    void egress_and_the_other_directions() {
        Ruleset egress = RulesetLoader.load(POSTMORTEM, OPTIONS.withHook(Hook.OUTPUT));
        assertThat(verdict(egress, "tcp 10.0.2.10:40000 -> 192.0.2.1:443")).isEqualTo("accept");
        assertInputError(() -> RulesetLoader.load(POSTMORTEM, OPTIONS.withHook(Hook.FORWARD)), POSTMORTEM.toString(),
                "Terraform firewall resources filter the traffic to and from the instances");
    }

    @Test
    void malformed_values_are_refused_at_their_line_and_column() {
        String protocol = plan("aws_vpc_security_group_ingress_rule", """
                {"actions": ["create"], "before": null,
                 "after": {"security_group_id": "sg-1", "ip_protocol": "tcpp", "from_port": 1, "to_port": 2,
                           "cidr_ipv4": "10.0.0.0/8"}}
                """);
        assertInputError(() -> load(protocol, "plan.json", OPTIONS), "plan.json:5:56", "unknown protocol 'tcpp'");
        String cidr = plan("aws_vpc_security_group_ingress_rule", """
                {"actions": ["create"], "before": null,
                 "after": {"security_group_id": "sg-1", "ip_protocol": "tcp", "from_port": 1, "to_port": 2,
                           "cidr_ipv4": "10.0.0.1/8"}}
                """);
        assertInputError(() -> load(cidr, "plan.json", OPTIONS), "plan.json:6:25", "host bits set in 10.0.0.1/8");
        assertInputError(() -> load("{\"format_version\": \"1.2\"}", "plan.json",
                OPTIONS.withFormat(RulesetFormat.TERRAFORM)), "plan.json:1:1",
                "neither 'resource_changes' (a plan) nor 'values' (a state)");
    }
}
