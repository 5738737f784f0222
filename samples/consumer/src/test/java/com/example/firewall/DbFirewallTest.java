package com.example.firewall;

import static io.fwcheck.testing.FirewallAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.model.Ruleset;
import io.fwcheck.testing.PolicyTests;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DbFirewallTest {

    private final Ruleset ruleset = DbFirewall.ruleset(false);

    @Test
    void app_servers_reach_the_database_and_nothing_else_does() {
        assertThat(ruleset)
                .allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432")
                .blocks("tcp 0.0.0.0/0 -> 10.0.2.10:23")
                .decidesWith("tcp 10.0.1.5 -> 10.0.2.10:5432", "allow-app-postgres");
    }

    @Test
    void the_scanner_block_would_have_been_caught() {
        assertThatThrownBy(() -> assertThat(DbFirewall.ruleset(true)).allows("tcp 10.0.1.0/24 -> 10.0.2.10:5432"))
                .hasMessageContaining("but it does not accept 1 box of them")
                .hasMessageContaining("e.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432")
                .hasMessageContaining("decided by block-scanner (DbFirewall.java:");
    }

    @TestFactory
    Stream<DynamicTest> policy() {
        return PolicyTests.of(ruleset, DbFirewall.policy());
    }
}
