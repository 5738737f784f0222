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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_traced_flow_shows_the_verdict_and_the_deciding_rule() {
        CliRun run = CliRun.of("trace", CliRun.PROPOSED,
                "tcp 10.0.1.200 -> 10.0.2.10:5432", "tcp 10.0.1.5:40000 -> 10.0.2.10:5432", "udp 10.0.1.5 -> 10.0.2.10:53");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).hasSize(3);
        assertThat(run.out().lines().toList().get(0))
                .startsWith("drop    tcp 10.0.1.200:49152 -> 10.0.2.10:5432  by block-scanner (" + CliRun.PROPOSED + ":");
        assertThat(run.out().lines().toList().get(1))
                .startsWith("accept  tcp 10.0.1.5:40000 -> 10.0.2.10:5432  by allow-app-postgres (");
        assertThat(run.out().lines().toList().get(2))
                .startsWith("drop    udp 10.0.1.5:49152 -> 10.0.2.10:53  by the default policy (");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void flows_from_a_file_one_result_per_line_skipping_blanks_and_comments() throws IOException {
        Path flows = dir.resolve("flows.txt");
        Files.writeString(flows, """
                # app servers to the database
                tcp 10.0.1.5 -> 10.0.2.10:5432

                tcp 10.0.1.200 -> 10.0.2.10:5432
                icmp 10.0.3.1 -> 10.0.2.10 type 8
                tcp [2001:db8:1::5]:40000 -> [2001:db8:2::10]:5432
                """);

        CliRun run = CliRun.of("trace", CliRun.PROPOSED, "--flows", flows.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines().map(l -> l.substring(0, l.indexOf(' ')))).containsExactly("accept", "drop", "accept", "accept");
        assertThat(run.out()).contains("by allow-ping (").contains("[2001:db8:1::5]:40000");
    }

    @Test
    void json_lines_validate_against_the_trace_schema() throws IOException {
        Path flows = dir.resolve("flows.txt");
        Files.writeString(flows, "tcp 10.0.1.5 -> 10.0.2.10:5432\nudp 10.0.1.5 -> 10.0.2.10:53\n");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JSON.readTree(Files.readString(Path.of("../docs/schema/trace-result.schema.json"))));

        CliRun run = CliRun.of("trace", CliRun.CURRENT, "--flows", flows.toString(), "--format", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).endsWith("\n");
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
        }
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("verdict").asText()).isEqualTo("accept");
        assertThat(first.get("rule").asText()).isEqualTo("allow-app-postgres");
        assertThat(JSON.readTree(lines.get(1)).get("rule").isNull()).isTrue();
    }

    @Test
    void a_bad_flow_line_stops_the_trace_with_file_and_line() throws IOException {
        Path flows = dir.resolve("flows.txt");
        Files.writeString(flows, "tcp 10.0.1.5 -> 10.0.2.10:5432\n\ntcp 10.0.0.300 -> 10.0.2.10:5432\nudp 10.0.1.5 -> 10.0.2.10:53\n");

        CliRun run = CliRun.of("trace", CliRun.CURRENT, "--flows", flows.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).isEqualTo(flows + ":3:5: '10.0.0.300' is not an IP address"
                + " (expected e.g. 10.0.2.10, or [2001:db8::10] with a port)\n");
    }

    @Test
    void a_bad_flow_argument_names_the_argument_and_column() {
        CliRun run = CliRun.of("trace", CliRun.CURRENT, "tcp 10.0.1.5 -> 10.0.2.10:70000");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("FLOW 1 'tcp 10.0.1.5 -> 10.0.2.10:70000': column 27: bad port '70000'")
                .hasLineCount(1);
    }

    @Test
    void a_missing_flows_file_exits_2() {
        CliRun run = CliRun.of("trace", CliRun.CURRENT, "--flows", dir.resolve("none.txt").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("none.txt': no such file").hasLineCount(1);
    }

    @Test
    void flows_are_required_one_way_or_the_other() {
        CliRun none = CliRun.of("trace", CliRun.CURRENT);
        CliRun both = CliRun.of("trace", CliRun.CURRENT, "tcp 10.0.1.5 -> 10.0.2.10:5432", "--flows", "x.txt");

        assertThat(none.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("Missing flows").contains("Usage: fwcheck trace");
        assertThat(both.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(both.err()).contains("not both");
    }
}
