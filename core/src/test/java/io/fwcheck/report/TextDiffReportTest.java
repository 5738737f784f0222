package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.DiffOptions;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Differ;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Action;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffReportTest {

    private static Ruleset yaml(String text) {
        return YamlRulesetReader.read(text, "r.yaml");
    }

    @Test
    void the_postmortem_change_names_the_regression_the_blocked_space_and_the_rule_responsible() {
        assertThat(TextReport.diff(Samples.diff(), DiffGate.DEFAULT, false)).isEqualTo("""
                fwcheck diff: rulesets/postmortem/proposed.yaml -> rulesets/postmortem/proposed.yaml \
                against rulesets/postmortem/policy.yaml
                FAIL  1 requirement regressed: app-to-db

                Requirements:
                  regression  app-to-db          PASS -> FAIL  app-servers must reach db on postgres
                              some connections from app-servers to db on postgres are not accepted: \
                blocked by block-scanner (rulesets/postmortem/proposed.yaml:14:5)
                              blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new
                              e.g.     tcp 10.0.1.128:49152 -> 10.0.2.10:5432
                              decided by block-scanner (rulesets/postmortem/proposed.yaml:14:5) drop: \
                tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new
                  passing     no-internet-to-db  PASS -> PASS  internet must not reach db
                  passing     db-allowlist       PASS -> PASS  db accepts only app-servers on postgres, bastion on ssh

                Newly blocked: 1 box
                  allow-app (accept, rulesets/postmortem/proposed.yaml:19:5) -> \
                block-scanner (drop, rulesets/postmortem/proposed.yaml:14:5)
                      tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new,invalid
                      e.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432

                Newly accepted: none

                Rule changes:
                  added     block-scanner (drop, rulesets/postmortem/proposed.yaml:14:5)
                            blocks 1 box: allow-app (accept, rulesets/postmortem/proposed.yaml:19:5) -> \
                block-scanner (drop, rulesets/postmortem/proposed.yaml:14:5)

                1 regressed, 0 still failing, 0 fixed, 0 unknown, 2 passing; \
                1 box newly blocked, 0 boxes newly accepted, 1 rule change
                """);
    }

    @Test
    void reordering_rules_that_do_not_overlap_has_no_effect_on_any_packet() {
        DiffResult diff = Differ.diff(yaml("""
                name: r
                default: drop
                rules:
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                  - {name: web, action: accept, protocol: tcp, ports: [80, 443]}
                """), yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, protocol: tcp, ports: [80, 443]}
                  - {name: ssh, action: accept, protocol: tcp, ports: 22}
                """));

        String text = TextReport.diff(diff, DiffGate.DEFAULT, false);

        assertThat(text).contains("PASS  no policy to check; no packet's verdict changes\n")
                .contains("Newly blocked: none\n")
                .contains("Newly accepted: none\n")
                .contains("  moved     ")
                .contains(": no effect on any packet\n")
                .doesNotContain("Requirements:")
                .endsWith("0 boxes newly blocked, 0 boxes newly accepted, 1 rule change\n");
    }

    @Test
    void a_modified_rule_names_its_changed_fields_and_what_it_opens() {
        DiffResult diff = Differ.diff(yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, from: 10.0.0.0/8, protocol: tcp, ports: 443}
                """), yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, from: 0.0.0.0/0, protocol: tcp, ports: 443}
                """), DiffOptions.defaults().watching(List.of(Samples.cidrs("198.51.100.0/24"))));

        String text = TextReport.diff(diff, DiffGate.DEFAULT, false);

        assertThat(text).startsWith("fwcheck diff: r.yaml -> r.yaml\nFAIL  new exposure of 198.51.100.0/24\n")
                .contains("  modified  web (accept, r.yaml:4:5), changed: from\n"
                        + "            opens 1 box: default policy (drop, r.yaml:2:1) -> web (accept, r.yaml:4:5)\n")
                .contains("Exposure of 198.51.100.0/24: newly exposed, 1 box\n"
                        + "  tcp 198.51.100.0/24 -> any dport 443\n"
                        + "  e.g. tcp 198.51.100.0:49152 -> 0.0.0.0:443\n"
                        + "  accepted by web (accept, r.yaml:4:5)\n");
    }

    @Test
    void a_changed_default_policy_is_listed_with_its_effect() {
        DiffResult diff = Differ.diff(yaml("""
                name: r
                default: drop
                rules:
                  - {name: web, action: accept, protocol: tcp, ports: 443}
                """), yaml("""
                name: r
                default: reject
                rules:
                  - {name: web, action: accept, protocol: tcp, ports: 443}
                """));

        assertThat(TextReport.diff(diff, DiffGate.DEFAULT, false))
                .contains("  default   drop -> reject (r.yaml:2:1): no effect on any packet\n");
    }

    @Test
    void a_regression_below_fail_on_passes_the_gate_and_says_so() {
        // opening http to everyone breaks only the warning-level allow-list
        List<Rule> rules = new ArrayList<>(Samples.current().rules());
        rules.add(Samples.rule("allow-http", Action.ACCEPT, io.fwcheck.model.Match.builder()
                .sources(Samples.APP).protocol(io.fwcheck.model.Protocol.TCP)
                .destinationPorts(io.fwcheck.model.IntRanges.of(80)).build(), 25));
        Ruleset opened = new Ruleset("db-input", rules, Action.DROP, Samples.at(3, 1));
        DiffResult diff = Differ.diff(Samples.current(), opened, DiffOptions.defaults().withPolicy(Samples.policy()));

        assertThat(TextReport.diff(diff, DiffGate.DEFAULT, false))
                .contains("PASS  no requirement of severity error or above regressed (db-allowlist did)\n")
                .contains("  regression  db-allowlist ");
        assertThat(TextReport.diff(diff, new DiffGate(Severity.WARNING, false), false))
                .contains("FAIL  1 requirement regressed: db-allowlist\n");
    }

    @Test
    void still_failing_requirements_fail_the_gate_only_when_asked() {
        DiffResult diff = Differ.diff(Samples.proposed(), Samples.proposed(),
                DiffOptions.defaults().withPolicy(Samples.policy()));

        assertThat(TextReport.diff(diff, DiffGate.DEFAULT, false))
                .contains("PASS  no requirement regressed; 1 requirement still failing, as before: app-to-db"
                        + " (gate them with --fail-on-existing); no packet's verdict changes\n")
                .contains("  still-failing  app-to-db ")
                .contains("Rule changes: none\n");
        assertThat(TextReport.diff(diff, new DiffGate(Severity.ERROR, true), false))
                .contains("FAIL  1 requirement still failing: app-to-db\n");
    }

    @Test
    void a_rule_with_unmodelled_conditions_is_never_said_to_have_no_effect() {
        DiffResult diff = Differ.diff(Samples.current(), Samples.withRateLimit(),
                DiffOptions.defaults().withPolicy(Samples.policy()));

        assertThat(TextReport.diff(diff, DiffGate.DEFAULT, false))
                .contains("UNKNOWN  1 requirement unknown after the change: app-to-db\n")
                .contains("  unknown  app-to-db          PASS -> UNKNOWN  app-servers must reach db on postgres\n")
                .contains("  added     rate-limit (drop, rulesets/postmortem/proposed.yaml:17:5): no certain effect, but it"
                        + " may change verdicts, depending on conditions fwcheck does not model (see Uncertain)\n")
                .contains("Uncertain: 1 box whose verdict may change, depending on conditions fwcheck does not model\n")
                .contains("  because rule rate-limit uses -m recent --rcheck --seconds 60"
                        + " (rulesets/postmortem/proposed.yaml:17:20), which fwcheck does not model\n")
                .doesNotContain("no effect on any packet");
    }

    @Test
    void colour_marks_the_verdict_and_the_statuses_only() {
        String plain = TextReport.diff(Samples.diff(), DiffGate.DEFAULT, false);
        String coloured = TextReport.diff(Samples.diff(), DiffGate.DEFAULT, true);

        assertThat(coloured).startsWith("fwcheck diff: ").contains("\u001b[31mFAIL\u001b[0m  1 requirement")
                .contains("\u001b[31mregression\u001b[0m  app-to-db")
                .contains("\u001b[32mpassing\u001b[0m");
        assertThat(coloured.replaceAll("\u001b\\[[0-9]*m", "")).isEqualTo(plain);
    }
}
