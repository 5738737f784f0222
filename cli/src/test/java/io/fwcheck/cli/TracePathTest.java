package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fwcheck trace} of iptables and nftables rulesets shows the path through their chains. */
class TracePathTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAINS = "../rulesets/chains/db01.rules";
    private static final String CHAINS_NFT = "../rulesets/chains/db01.nft.json";

    private static final String[] FLOWS = {
        "tcp 10.0.1.5 -> 10.0.2.10:5432",
        "icmp 10.0.1.5 -> 10.0.2.10 type 8",
        "udp 10.0.1.5 -> 10.0.2.10:53",
        "tcp 10.0.1.5 -> 10.0.2.10:80",
        "tcp 10.0.9.5 -> 10.0.2.10:22",
    };

    private static List<String> trace(String ruleset, String... flows) {
        return CliRun.of(args(ruleset, flows)).out().lines().toList();
    }

    @Test
    void the_postmortem_dump_shows_the_rule_and_its_path() {
        List<String> lines = trace("../rulesets/postmortem/current.rules", "tcp 10.0.1.5 -> 10.0.2.10:5432",
                "tcp 10.9.9.9 -> 10.0.2.10:22", "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432");

        assertThat(lines.get(0)).startsWith("accept  tcp 10.0.1.5:49152 -> 10.0.2.10:5432  by INPUT#4 (")
                .endsWith("  path INPUT#4 ACCEPT");
        assertThat(lines.get(1)).startsWith("drop    ").endsWith("  path INPUT policy DROP");
        // an IPv6 flow meets the rule standing for the IPv6 rules that are not in this dump
        assertThat(lines.get(2)).startsWith("unknown ").endsWith("  path ipv6-not-in-dump may branch");
    }

    @Test
    void the_postmortem_nftables_ruleset_shows_the_rule_and_its_path() {
        List<String> lines = trace("../rulesets/postmortem/current.nft.json", "tcp 10.0.1.5 -> 10.0.2.10:5432",
                "tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432", "udp 10.9.9.9 -> 10.0.2.10:53");

        assertThat(lines.get(0)).startsWith("accept  ").endsWith("  path filter/input#6 ACCEPT");
        assertThat(lines.get(1)).startsWith("accept  ").endsWith("  path filter/input#7 ACCEPT");
        assertThat(lines.get(2)).startsWith("drop    ").endsWith("  path filter/input policy DROP");
    }

    @Test
    void a_yaml_ruleset_has_no_chains_and_no_path() {
        assertThat(trace(CliRun.CURRENT, "tcp 10.0.1.5 -> 10.0.2.10:5432").get(0)).doesNotContain("path");
    }

    @Test
    void jumps_returns_and_chain_ends_are_shown_up_to_the_rule_that_may_branch() {
        CliRun run = CliRun.of(args(CHAINS, FLOWS));
        List<String> lines = run.out().lines().toList();

        assertThat(run.exit()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(lines.get(0)).startsWith("accept  ").contains("by INPUT#3>app-in#1 (")
                .endsWith("  path INPUT#3 → app-in#1 ACCEPT");
        assertThat(lines.get(1)).startsWith("accept  ").contains("by INPUT#4 (")
                .endsWith("  path INPUT#3 → app-in#2 RETURN → INPUT#4 ACCEPT");
        assertThat(lines.get(2)).startsWith("drop    ").endsWith("  path INPUT#3 → app-in#3 DROP");
        assertThat(lines.get(3)).startsWith("drop    ").contains("by the default policy")
                .endsWith("  path INPUT#3 → end of app-in → INPUT#6 maybe LOG → INPUT policy DROP");
        assertThat(lines.get(4)).startsWith("unknown ").contains("-m recent --rcheck")
                .endsWith("  path INPUT#5 → ssh-guard#1 may branch");
    }

    @Test
    void the_same_chains_in_nftables_take_the_same_paths() {
        List<String> lines = CliRun.of(args(CHAINS_NFT, FLOWS)).out().lines().toList();

        assertThat(lines.get(0)).endsWith("  path filter/input#12 → filter/app-in#4 ACCEPT");
        assertThat(lines.get(1)).endsWith("  path filter/input#12 → filter/app-in#5 RETURN → filter/input#13 ACCEPT");
        assertThat(lines.get(2)).endsWith("  path filter/input#12 → filter/app-in#6 DROP");
        assertThat(lines.get(3)).contains("  path filter/input#12 → end of filter/app-in → filter/input#15 log")
                .endsWith(" → filter/input policy DROP");
        assertThat(lines.get(4)).startsWith("unknown ").endsWith("  path filter/input#14 → filter/ssh-guard#8 may branch");
    }

    @ParameterizedTest
    @ValueSource(strings = {CHAINS, CHAINS_NFT})
    void json_lines_carry_the_path_step_by_step(String ruleset) throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/trace-result.schema.json"))));
        String[] args = args(ruleset, FLOWS);
        String[] json = new String[args.length + 2];
        System.arraycopy(args, 0, json, 0, args.length);
        json[args.length] = "--format";
        json[args.length + 1] = "json";

        List<String> lines = CliRun.of(json).out().lines().toList();

        assertThat(lines).hasSize(FLOWS.length);
        for (String line : lines) {
            assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
        }
        JsonNode returned = JSON.readTree(lines.get(1)).get("path");
        assertThat(returned.get("mayBranch").asBoolean()).isFalse();
        assertThat(returned.get("steps")).extracting(s -> s.get("kind").asText())
                .containsExactly("jump", "return", "verdict");
        assertThat(returned.get("steps").get(0).get("target").asText()).endsWith("app-in");
        assertThat(returned.get("steps").get(1).get("target").isNull()).isTrue();
        assertThat(returned.get("steps").get(2).get("target").asText()).isEqualTo("ACCEPT");
        assertThat(returned.get("steps").get(2).get("location").get("line").asInt()).isPositive();
        JsonNode branch = JSON.readTree(lines.get(4)).get("path");
        assertThat(branch.get("mayBranch").asBoolean()).isTrue();
        assertThat(branch.get("text").asText()).endsWith("may branch");
        JsonNode last = branch.get("steps").get(branch.get("steps").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("branch");
        assertThat(last.get("target").asText()).startsWith("DROP if ");
    }

    @Test
    void json_of_a_yaml_ruleset_has_a_null_path() throws IOException {
        String line = CliRun.of("trace", CliRun.CURRENT, "tcp 10.0.1.5 -> 10.0.2.10:5432", "--format", "json").out().strip();

        assertThat(JSON.readTree(line).get("path").isNull()).isTrue();
    }

    private static String[] args(String ruleset, String... flows) {
        String[] args = new String[flows.length + 2];
        args[0] = "trace";
        args[1] = ruleset;
        System.arraycopy(flows, 0, args, 2, flows.length);
        return args;
    }
}
