package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The commands read the cloud formats: list shows their rulesets, --ruleset and --sg-members resolve them. */
class CloudFormatsTest {

    private static final String AWS = "../rulesets/aws/security-groups.json";
    private static final String MEMBERS = "../rulesets/aws/members.yaml";
    private static final String GCP = "../rulesets/gcp/firewall-rules.json";
    private static final String AZURE = "../rulesets/azure/nsg.json";

    @Test
    void list_shows_the_groups_of_a_describe_security_groups_file() {
        CliRun run = CliRun.of("list", AWS);
        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith(AWS + ": aws, 4 rulesets\n")
                .contains("sg-0db5e1c7a9f3b2d41  AWS security group, ingress  5      " + AWS + ":3:9\n  also: db01\n");
        CliRun egress = CliRun.of("list", GCP, "--chain", "OUTPUT");
        assertThat(egress.out()).contains("prod             GCP VPC firewall, every instance, egress");
    }

    @Test
    void check_of_a_security_group_is_unknown_until_its_references_are_resolved() {
        CliRun unresolved = CliRun.of("check", AWS, "--ruleset", "db01", "-p", CliRun.POLICY);
        assertThat(unresolved.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(unresolved.out()).contains("UNKNOWN  app-to-db ")
                .contains("uses security group sg-0a99e3c5b7d1f2468 (its addresses are not known: give its members"
                        + " with --sg-members");
        CliRun resolved = CliRun.of("check", AWS, "--ruleset", "db01", "-p", CliRun.POLICY, "--sg-members", MEMBERS);
        assertThat(resolved.exit()).isEqualTo(ExitCodes.OK);
        assertThat(resolved.out()).endsWith("0 failed, 4 passed, 0 unknown\n");
    }

    @Test
    void policy_groups_define_the_names_cloud_rules_use() {
        // the policy's group 'db' is the GCP target tag 'db'; the tag 'web' is left to the members file
        CliRun gcp = CliRun.of("check", GCP, "-p", CliRun.POLICY, "--members", "../rulesets/gcp/members.yaml");
        assertThat(gcp.out()).contains("PASS  app-to-db ").contains("PASS  no-internet-to-db ");
        CliRun azure = CliRun.of("check", AZURE, "-p", CliRun.POLICY);
        assertThat(azure.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(azure.out()).contains("UNKNOWN  no-internet-to-db ").contains("application security group asg-monitoring");
    }

    @Test
    void audit_reads_every_ruleset_of_a_file_that_holds_several() {
        CliRun audit = CliRun.of("audit", AWS, "--progress", "never");
        assertThat(audit.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(audit.out()).startsWith("fwcheck audit: 4 rulesets\n")
                .containsPattern("security-groups\\.json \\(aws sg-0db5e1c7a9f3b2d41 ingress\\) +5 +0 +2 +0 +2\n")
                .containsPattern("security-groups\\.json \\(aws sg-0c1d2e3f4a5b6c7d8 ingress\\) +1 +")
                .doesNotContain("cannot be audited");
        CliRun one = CliRun.of("audit", AWS, "--ruleset", "bastion", "--progress", "never");
        assertThat(one.out()).startsWith("fwcheck audit: 1 ruleset\n").doesNotContain("(aws sg-");
    }

    @Test
    void trace_and_convert_read_cloud_files_and_selection_errors_list_the_rulesets() {
        CliRun trace = CliRun.of("trace", AWS, "--ruleset", "bastion", "tcp 203.0.113.9 -> 10.0.9.5:22",
                "tcp 203.0.113.99 -> 10.0.9.5:22");
        assertThat(trace.out()).contains("accept  tcp 203.0.113.9:49152 -> 10.0.9.5:22  by sg-0b5f7d9e1a3c42687/ingress#1.1 (")
                .contains("drop    tcp 203.0.113.99:49152 -> 10.0.9.5:22  by the default policy");
        CliRun convert = CliRun.of("convert", AZURE, "--to", "yaml");
        assertThat(convert.exit()).isEqualTo(ExitCodes.OK);
        assertThat(convert.out()).contains("name: \"azure db01-nsg inbound\"").contains("- name: AllowAppPostgres");
        CliRun several = CliRun.of("check", AWS, "-p", CliRun.POLICY);
        assertThat(several.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(several.err()).contains("the file holds 4 rulesets (sg-0db5e1c7a9f3b2d41, sg-0a99e3c5b7d1f2468,");
        CliRun forward = CliRun.of("check", AZURE, "-p", CliRun.POLICY, "--chain", "FORWARD");
        assertThat(forward.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(forward.err()).contains("Azure NSGs filter the traffic to and from the instances");
    }

    @Test
    void a_forced_format_that_does_not_fit_names_the_detected_one() {
        CliRun run = CliRun.of("check", AWS, "-p", CliRun.POLICY, "--input-format", "azure");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("the file looks like AWS security groups (aws ec2 describe-security-groups),"
                + " not azure: use --input-format aws");
    }
}
