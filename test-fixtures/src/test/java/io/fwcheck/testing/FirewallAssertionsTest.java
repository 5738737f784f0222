package io.fwcheck.testing;

import static io.fwcheck.testing.FirewallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.Fwcheck;
import io.fwcheck.model.Action;
import io.fwcheck.model.Ruleset;
import org.junit.jupiter.api.Test;

/** The assertions pass exactly when the whole flow set qualifies, and a failure shows the evidence. */
class FirewallAssertionsTest {

    private final Ruleset current = Postmortem.ruleset("current.yaml");
    private final Ruleset proposed = Postmortem.ruleset("proposed.yaml");
    private final String proposedFile = Postmortem.file("proposed.yaml").toString();

    @Test
    void allows_holds_for_every_flow_of_the_set_or_fails_with_the_blocked_part() {
        assertThatCode(() -> assertThat(current).allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(proposed).allows("tcp 10.0.1.0/25 -> 10.0.2.10:5432")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(proposed).allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expecting ruleset db01-input (" + proposedFile + ") to accept every flow of\n"
                        + "  tcp 10.0.1.0/24 -> 10.0.2.10:5432\n"
                        + "but it does not accept 1 box of them:\n"
                        + "  tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new\n"
                        + "  e.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432\n"
                        + "  decided by block-scanner (" + proposedFile + ":35:5) drop: 1 box, e.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432");
    }

    @Test
    void a_set_means_every_flow_so_one_blocked_source_port_fails_allows() {
        Ruleset ruleset = Fwcheck.ruleset("ports")
                .drop("no-low-ports", r -> r.protocol("tcp").sourcePorts("0-1023"))
                .accept("web", r -> r.protocol("tcp").ports("443"))
                .build();
        assertThat(ruleset).allows("tcp 10.0.0.1:1024-65535 -> 10.0.0.2:443");
        assertThatThrownBy(() -> assertThat(ruleset).allows("tcp 10.0.0.1 -> 10.0.0.2:443"))
                .hasMessageContaining("tcp 10.0.0.1 -> 10.0.0.2 sport 0-1023 dport 443 state new")
                .hasMessageContaining("decided by no-low-ports (FirewallAssertionsTest.java:");
    }

    @Test
    void blocks_fails_with_the_accepted_part_and_the_rules_accepting_it() {
        assertThat(proposed).blocks("tcp 0.0.0.0/0 -> 10.0.2.10:3306").blocks("udp 10.0.0.0/8 -> any");
        assertThatThrownBy(() -> assertThat(proposed).blocks("tcp 0.0.0.0/0 -> 10.0.2.10"))
                .hasMessageStartingWith("Expecting ruleset db01-input (" + proposedFile + ") to block every flow of\n"
                        + "  tcp 0.0.0.0/0 -> 10.0.2.10\nbut it accepts 2 boxes of them:")
                .hasMessageContaining("decided by allow-ssh-from-bastion (" + proposedFile + ":")
                .hasMessageContaining("decided by allow-app-postgres (" + proposedFile + ":42:5) accept")
                .hasMessageContaining("e.g. tcp ");
    }

    @Test
    void decides_with_names_the_rules_that_take_the_flows_instead() {
        assertThat(proposed).decidesWith("tcp 10.0.1.5 -> 10.0.2.10:5432", "allow-app-postgres")
                .decidesWith("tcp 10.0.1.200 -> 10.0.2.10:5432", "block-scanner")
                .decidesWith("udp 10.0.1.5 -> 10.0.2.10:53", "default policy");
        assertThatThrownBy(() -> assertThat(proposed).decidesWith("tcp 10.0.1.0/24 -> 10.0.2.10:5432", "allow-app-postgres"))
                .hasMessage("Expecting ruleset db01-input (" + proposedFile + ") to decide every flow of\n"
                        + "  tcp 10.0.1.0/24 -> 10.0.2.10:5432\n"
                        + "with allow-app-postgres (" + proposedFile + ":42:5), but\n"
                        + "  block-scanner (" + proposedFile + ":35:5) drop decides 1 box:\n"
                        + "    tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new\n"
                        + "    e.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432\n"
                        + "  it decides 1 box");
        assertThatThrownBy(() -> assertThat(proposed).decidesWith("tcp 10.0.1.5 -> 10.0.2.10:5432", "allow-postgres"))
                .hasMessageContaining("by rule 'allow-postgres', but it has no such rule; its rules are: allow-established,");
    }

    @Test
    void satisfies_lists_each_unmet_requirement_as_the_check_report_does() {
        assertThat(current).satisfies(Postmortem.policy());
        assertThatThrownBy(() -> assertThat(proposed).satisfies(Postmortem.policy()))
                .hasMessageStartingWith("Expecting ruleset db01-input (" + proposedFile + ") to satisfy policy "
                        + Postmortem.file("policy.yaml") + ", but 1 of its 4 requirements is not met:\n"
                        + "FAIL  app-to-db app-servers must reach db on postgres\n")
                .hasMessageContaining("      blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new\n")
                .hasMessageContaining("      e.g.     tcp 10.0.1.128:49152 -> 10.0.2.10:5432\n")
                .hasMessageContaining("decided by block-scanner (" + proposedFile + ":35:5) drop");
    }

    @Test
    void what_depends_on_unmodelled_conditions_never_passes() {
        Ruleset ruleset = Fwcheck.ruleset("recent")
                .drop("ssh-flood", r -> r.protocol("tcp").ports("22").unknown("-m recent --update --hitcount 4"))
                .accept("ssh", r -> r.protocol("tcp").ports("22"))
                .defaultAction(Action.ACCEPT)
                .build();
        assertThatThrownBy(() -> assertThat(ruleset).allows("tcp any -> 10.0.0.1:22"))
                .hasMessageContaining("but whether it accepts 1 box of them depends on conditions fwcheck does not model:")
                .hasMessageContaining("because rule ssh-flood uses -m recent --update --hitcount 4 (FirewallAssertionsTest.java:");
        assertThatThrownBy(() -> assertThat(ruleset).blocks("tcp any -> 10.0.0.1:22"))
                .hasMessageContaining("depends on conditions fwcheck does not model");
        assertThatThrownBy(() -> assertThat(ruleset).decidesWith("tcp any -> 10.0.0.1:22", "ssh-flood"))
                .hasMessageContaining("it decides 1 box only maybe")
                .hasMessageContaining("ssh (FirewallAssertionsTest.java:");
        assertThat(ruleset).allows("tcp any -> 10.0.0.1:23");
    }

    @Test
    void a_description_comes_first_and_a_bad_flow_set_is_an_error_not_a_failure() {
        assertThatThrownBy(() -> assertThat(proposed).as("the change CHG-4711").allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432"))
                .hasMessageStartingWith("[the change CHG-4711] Expecting ruleset db01-input");
        assertThatThrownBy(() -> assertThat(proposed).allows("tcp 10.0.1.0/24 => 10.0.2.10:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected '->'");
        assertThatThrownBy(() -> assertThat((Ruleset) null).allows("tcp any -> any")).isInstanceOf(AssertionError.class);
    }
}
