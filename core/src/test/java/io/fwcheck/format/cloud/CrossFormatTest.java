package io.fwcheck.format.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.CompiledRuleset;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.analysis.RequirementResult;
import io.fwcheck.analysis.Tracer;
import io.fwcheck.analysis.Verdict;
import io.fwcheck.format.FlowParser;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.yaml.YamlPolicyReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The same policy gives the same verdicts on equivalent rulesets written in different formats: the
 * postmortem database host as a YAML ruleset, AWS security groups, GCP firewall rules, an Azure NSG
 * and a Terraform plan; and the Aerleon reference rendering of {@code sample_gce.pol} for GCE
 * against the same policy written by hand as fwcheck YAML.
 */
class CrossFormatTest {

    private static final Path ROOT = CloudTesting.root();

    private static List<Verdict> verdicts(Ruleset ruleset, Policy policy) {
        CheckResult result = Checker.check(CompiledRuleset.compile(ruleset), policy, 10);
        return result.results().stream().map(RequirementResult::verdict).toList();
    }

    @Test
    void the_postmortem_host_gets_the_same_verdicts_in_every_format() {
        Policy policy = YamlPolicyReader.read(ROOT.resolve("rulesets/postmortem/policy.yaml"));
        LoadOptions withGroups = LoadOptions.defaults().withAddressNames(policy.groups());
        Ruleset yaml = RulesetLoader.load(ROOT.resolve("rulesets/postmortem/current.yaml"), LoadOptions.defaults());
        Ruleset aws = RulesetLoader.load(ROOT.resolve("rulesets/aws/security-groups.json"), withGroups.withRuleset("db01")
                .withMembersFile(ROOT.resolve("rulesets/aws/members.yaml")));
        Ruleset gcp = RulesetLoader.load(ROOT.resolve("rulesets/gcp/firewall-rules.json"), withGroups
                .withMembersFile(ROOT.resolve("rulesets/gcp/members.yaml")));
        Ruleset azure = RulesetLoader.load(ROOT.resolve("rulesets/azure/nsg.json"), withGroups
                .withMembersFile(ROOT.resolve("rulesets/azure/members.yaml")));
        Ruleset plan = RulesetLoader.load(ROOT.resolve("rulesets/postmortem/plan.json"), withGroups);
        // app-to-db, bastion-ssh and no-internet-to-db; the allowlist differs where the formats do (ICMP types)
        List<Verdict> expected = verdicts(yaml, policy).subList(0, 3);
        assertThat(expected).containsOnly(Verdict.PASS);
        for (Ruleset r : List.of(aws, gcp, azure)) {
            assertThat(verdicts(r, policy).subList(0, 3)).as(r.name()).isEqualTo(expected);
        }
        // the plan narrows the app rule: the same flows fail as with the proposed YAML, which blocks them
        Ruleset proposed = RulesetLoader.load(ROOT.resolve("rulesets/postmortem/proposed.yaml"), LoadOptions.defaults());
        RequirementResult yamlFailure = Checker.check(CompiledRuleset.compile(proposed), policy, 10).results().get(0);
        RequirementResult planFailure = Checker.check(CompiledRuleset.compile(plan), policy, 10).results().get(0);
        assertThat(planFailure.verdict()).isEqualTo(Verdict.FAIL).isEqualTo(yamlFailure.verdict());
        assertThat(planFailure.violation().boxes().toString()).isEqualTo(yamlFailure.violation().boxes().toString());
    }

    /** {@code sample_gce.pol} of Aerleon, written by hand as fwcheck YAML for instances without tags ({@code web} adds the webserver term). */
    private static String handWritten(boolean web) {
        String rules = """
                version: 1
                name: sample-gce
                default: drop
                groups:
                  public-nat: 200.1.1.3
                  rfc1918: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
                rules:
                  - {name: established, action: accept, state: [established, related]}
                  - {name: test-ssh, action: accept, from: public-nat, protocol: tcp, ports: 22}
                %s  - {name: test-icmp, action: accept, from: public-nat, protocol: icmp}
                  - {name: test-igmp, action: accept, from: public-nat, protocol: igmp}
                  - {name: test-multiple-protocols, action: accept, from: public-nat, protocol: [tcp, udp], ports: "1024-65535"}
                  - {name: test-multiple-protocols-tcp-icmpv6, action: accept, from: public-nat, protocol: tcp}
                  - {name: test-multiple-protocols-tcp-icmp, action: accept, from: public-nat, protocol: [tcp, icmp]}
                  - {name: test-internal, action: accept, from: rfc1918, protocol: [tcp, udp]}
                  - {name: default-deny, action: drop, from: 0.0.0.0/0}
                """;
        return rules.formatted(web ? "  - {name: test-web, action: accept, from: 0.0.0.0/0, protocol: tcp, ports: 80}\n" : "");
    }

    @Test
    void the_aerleon_gce_reference_decides_like_its_policy_written_by_hand() {
        Path gce = CloudTesting.sharedOther().map(d -> d.resolve("aerleon/refs/sample_gce.gce")).orElse(null);
        assumeTrue(gce != null && gce.toFile().isFile(), "../shared/data/other/aerleon is not present");
        Random random = new Random(7);
        String[] sources = {"200.1.1.3", "200.1.1.2", "200.1.1.4", "10.0.0.0", "10.255.255.255", "11.0.0.0",
            "172.16.0.0", "172.31.255.255", "172.32.0.0", "192.168.255.255", "192.169.0.0", "198.51.100.7"};
        String[] services = {"tcp %s:40000 -> 10.9.9.9:%d", "udp %s:40000 -> 10.9.9.9:%d", "icmp %s -> 10.9.9.9 type 8",
            "igmp %s -> 10.9.9.9", "gre %s -> 10.9.9.9"};
        int[] ports = {22, 80, 1023, 1024, 65535, 443};
        for (boolean web : new boolean[] {false, true}) {
            Ruleset reference = RulesetLoader.load(gce, LoadOptions.defaults().withRuleset(web ? "default/tag:webserver"
                    : "default/untargeted"));
            Ruleset hand = YamlRulesetReader.read(handWritten(web), "sample_gce.yaml");
            Tracer a = Tracer.of(reference);
            Tracer b = Tracer.of(hand);
            List<String> flows = new ArrayList<>();
            for (String source : sources) {
                for (String service : services) {
                    for (int port : ports) {
                        flows.add(service.formatted(source, port));
                    }
                }
            }
            for (int i = 0; i < 200; i++) {
                flows.add("tcp %d.%d.%d.%d:40000 -> 10.9.9.9:%d".formatted(random.nextInt(256), random.nextInt(256),
                        random.nextInt(256), random.nextInt(256), ports[random.nextInt(ports.length)]));
            }
            flows.add("tcp [2001:db8::1]:40000 -> [2001:db8::2]:22");
            flows.add("tcp 200.1.1.3:22 -> 10.9.9.9:40000 state established");
            for (String flow : flows) {
                assertThat(a.trace(FlowParser.parse(flow)).verdict()).as("%s (webserver: %s)", flow, web)
                        .isEqualTo(b.trace(FlowParser.parse(flow)).verdict());
            }
            Policy policy = YamlPolicyReader.read("""
                    version: 1
                    groups:
                      nat: 200.1.1.3
                      world: {include: [0.0.0.0/0], exclude: [169.254.0.0/16]}
                    requirements:
                      - {id: nat-ssh, must-allow: {from: nat, to: 10.9.9.9, service: tcp/22}}
                      - {id: world-web, must-allow: {from: world, to: 10.9.9.9, service: tcp/80}}
                      - {id: no-world-ssh, must-deny: {from: world, to: 10.9.9.9, service: tcp/22}}
                    """, "policy.yaml");
            assertThat(verdicts(reference, policy)).as("webserver: %s", web).isEqualTo(verdicts(hand, policy));
            assertThat(verdicts(reference, policy).get(1)).isEqualTo(web ? Verdict.PASS : Verdict.FAIL);
        }
        Map<String, Integer> counts = Map.of("default", 9, "default/untargeted", 8, "default/tag:webserver", 9);
        RulesetLoader.list(gce, LoadOptions.defaults()).forEach(e -> assertThat(e.rules()).isEqualTo(counts.get(e.name())));
    }

    @Test
    void cloud_rulesets_converted_to_yaml_read_back_as_the_same_ruleset() {
        LoadOptions options = LoadOptions.defaults();
        List<Ruleset> rulesets = List.of(
                RulesetLoader.load(ROOT.resolve("rulesets/aws/security-groups.json"), options.withRuleset("db01,app")),
                RulesetLoader.load(ROOT.resolve("rulesets/aws/security-groups.json"), options.withRuleset("app")
                        .withHook(Hook.OUTPUT)),
                RulesetLoader.load(ROOT.resolve("rulesets/gcp/firewall-rules.json"), options),
                RulesetLoader.load(ROOT.resolve("rulesets/azure/nsg.json"), options),
                RulesetLoader.load(ROOT.resolve("rulesets/terraform/plan.json"), options.withRuleset("app-nsg")),
                RulesetLoader.load(ROOT.resolve("rulesets/postmortem/plan.json"), options));
        for (Ruleset r : rulesets) {
            Ruleset back = YamlRulesetReader.read(YamlRulesetWriter.write(r), r.name() + ".yaml");
            assertThat(back.rules()).as(r.name()).hasSameSizeAs(r.rules());
            DiffResult diff = Differ.diff(r, back);
            assertThat(diff.newlyAccepted().isEmpty() && diff.newlyBlocked().isEmpty()).as(r.name()).isTrue();
            assertThat(back.rules().stream().map(x -> x.match().unmodelled().size()).toList()).as(r.name())
                    .isEqualTo(r.rules().stream().map(x -> x.match().unmodelled().size()).toList());
        }
    }
}
