package io.fwcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rulesets must be UTF-8, except iptables-save output, whose comments hold whatever bytes they were
 * given: a YAML or JSON file with a byte that is not UTF-8 is an input error at that byte's line and
 * column; a dump with such a comment is read byte for byte.
 */
class EncodingTest {

    private static final String EXPECTED = " (expected a file encoded in UTF-8: YAML rulesets and nftables JSON are;"
            + " only iptables-save output may be in another encoding)\n";

    @TempDir
    Path dir;

    private Path latin1(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return file;
    }

    @Test
    void a_yaml_ruleset_with_a_byte_that_is_not_utf8_is_an_input_error_at_that_byte() throws IOException {
        Path file = latin1("r.yaml", "version: 1\nname: r\ndefault: drop\nrules:\n  - name: café\n    action: accept\n");

        CliRun check = CliRun.of("check", file.toString(), "--policy", CliRun.POLICY);
        CliRun trace = CliRun.of("trace", file.toString(), "tcp 10.0.1.5 -> 10.0.2.10:5432");

        for (CliRun run : new CliRun[] {check, trace}) {
            assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).isEqualTo(file + ":5:14: byte 0xE9 is not valid UTF-8" + EXPECTED);
        }
    }

    @Test
    void nftables_json_with_a_byte_that_is_not_utf8_is_an_input_error_at_that_byte() throws IOException {
        String json = Files.readString(Path.of("../rulesets/postmortem/current.nft.json"))
                .replace("\"allow-established\"", "\"allow-établi\"");
        Path file = latin1("r.nft.json", json);
        int line = (int) json.substring(0, json.indexOf("é")).lines().count();
        String before = json.substring(0, json.indexOf("é"));
        int column = before.length() - before.lastIndexOf('\n');

        CliRun run = CliRun.of("diff", CliRun.CURRENT, file.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo(file + ":" + line + ":" + column + ": byte 0xE9 is not valid UTF-8" + EXPECTED);
    }

    @Test
    void iptables_save_output_with_a_latin1_comment_is_read_byte_for_byte() throws IOException {
        String dump = Files.readString(Path.of("../rulesets/postmortem/current.rules"))
                .replace("app servers to the primary database", "base de données");
        Path file = latin1("r.rules", dump);

        CliRun trace = CliRun.of("trace", file.toString(), "tcp 10.0.1.5 -> 10.0.2.10:5432");
        CliRun convert = CliRun.of("convert", file.toString(), "--to", "yaml");

        assertThat(trace.exit()).isEqualTo(ExitCodes.OK);
        assertThat(trace.out()).startsWith("accept  tcp 10.0.1.5:49152 -> 10.0.2.10:5432  by INPUT#4 (");
        assertThat(convert.exit()).isEqualTo(ExitCodes.OK);
        assertThat(convert.out()).contains("comment: \"base de données\"");
    }

    @Test
    void audit_and_list_read_a_latin1_dump_as_the_other_commands_do_named_or_found_in_a_directory() throws IOException {
        String dump = Files.readString(Path.of("../rulesets/postmortem/current.rules"))
                .replace("app servers to the primary database", "base de données");
        Path file = latin1("r.rules", dump);

        CliRun utf8 = CliRun.of("audit", "../rulesets/postmortem/current.rules");
        CliRun named = CliRun.of("audit", file.toString());
        CliRun found = CliRun.of("audit", dir.toString());
        CliRun list = CliRun.of("list", file.toString());

        // the comment changes no finding: the same verdict line and exit code as the UTF-8 dump
        String verdict = utf8.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(verdict).contains(" findings (");
        for (CliRun run : new CliRun[] {named, found}) {
            assertThat(run.exit()).as(run.out()).isEqualTo(utf8.exit());
            assertThat(run.out()).startsWith("fwcheck audit: 1 ruleset\n" + verdict + "\n")
                    .doesNotContain("cannot be audited");
        }
        assertThat(list.exit()).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).startsWith(file + ": iptables, 1 ruleset\n");
    }

    @Test
    void an_audit_skips_a_binary_file_found_in_a_directory_but_not_a_yaml_ruleset_that_is_not_utf8()
            throws IOException {
        Files.write(dir.resolve("backup.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, (byte) 0xe9});
        Path yaml = latin1("r.yaml", "version: 1\nname: r\ndefault: drop\nrules:\n  - name: café\n    action: accept\n");

        CliRun run = CliRun.of("audit", dir.toString());
        CliRun named = CliRun.of("audit", dir.resolve("backup.tar.gz").toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).startsWith("fwcheck audit: 1 ruleset (1 file skipped: not rulesets)\n")
                .contains("cannot be audited: " + yaml + ":5:14: byte 0xE9 is not valid UTF-8")
                .contains("Skipped (not rulesets):\n  " + dir.resolve("backup.tar.gz") + ": a binary file\n");
        assertThat(named.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(named.out()).contains("cannot be audited: " + dir.resolve("backup.tar.gz") + ":1:2: byte 0x8B");
    }

    @Test
    void the_same_dump_read_as_yaml_is_an_encoding_error_not_a_silent_guess() throws IOException {
        Path file = latin1("r.rules", "# Generated by iptables-save v1.8.9\n*filter\n:INPUT DROP [0:0]\n"
                + "-A INPUT -m comment --comment \"données\" -j ACCEPT\nCOMMIT\n");

        CliRun run = CliRun.of("trace", file.toString(), "tcp 10.0.1.5 -> 10.0.2.10:5432", "--input-format", "yaml");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith(file + ":4:36: byte 0xE9 is not valid UTF-8");
    }
}
