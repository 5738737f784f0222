package io.fwcheck.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fwcheck.Fwcheck;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Ruleset;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** One dynamic test per requirement, named after it, failing with the requirement's evidence. */
class PolicyTestsTest {

    @Test
    void one_test_per_requirement_named_and_located_after_it() {
        List<DynamicTest> tests = PolicyTests.of(Postmortem.file("proposed.yaml"), Postmortem.file("policy.yaml")).toList();
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly(
                "app-to-db: app-servers must reach db on postgres",
                "bastion-ssh: bastion must reach db on ssh",
                "no-internet-to-db: internet must not reach db",
                "db-allowlist: db accepts only app-servers on postgres, bastion on ssh, internal on ping");
        assertThat(tests.get(0).getTestSourceUri()).hasValueSatisfying(uri -> {
            assertThat(uri.getScheme()).isEqualTo("file");
            assertThat(uri.getPath()).endsWith("rulesets/postmortem/policy.yaml");
            assertThat(uri.getQuery()).isEqualTo("line=28&column=5");
        });
    }

    @Test
    void a_failed_requirement_fails_its_test_with_the_evidence_and_the_others_pass() throws Throwable {
        List<DynamicTest> tests = PolicyTests.of(Postmortem.ruleset("proposed.yaml"), Postmortem.policy()).toList();
        assertThatThrownBy(() -> tests.get(0).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("requirement app-to-db (" + Postmortem.file("policy.yaml") + ":28:5) is not met by"
                        + " ruleset db01-input (" + Postmortem.file("proposed.yaml") + "):\nFAIL  app-to-db")
                .hasMessageContaining("blocked: tcp 10.0.1.128/25 -> 10.0.2.10 dport 5432 state new")
                .hasMessageContaining("decided by block-scanner (" + Postmortem.file("proposed.yaml") + ":35:5) drop");
        for (DynamicTest test : tests.subList(1, tests.size())) {
            assertThatCode(() -> test.getExecutable().execute()).as(test.getDisplayName()).doesNotThrowAnyException();
        }
    }

    @Test
    void an_unknown_verdict_fails_too_and_code_made_policies_have_no_file_source() {
        Ruleset ruleset = Fwcheck.ruleset("recent")
                .accept("ssh", r -> r.protocol("tcp").ports("22").unknown("-m recent --rcheck"))
                .build();
        Policy policy = Fwcheck.policy().mustAllow("ssh-open", "any", "10.0.0.1", "tcp/22").build();
        DynamicTest test = PolicyTests.of(ruleset, policy).findFirst().orElseThrow();
        assertThat(test.getTestSourceUri()).isEmpty();
        assertThatThrownBy(() -> test.getExecutable().execute())
                .hasMessageContaining("UNKNOWN  ssh-open")
                .hasMessageContaining("because rule ssh uses -m recent --rcheck (PolicyTestsTest.java:");
    }
}
