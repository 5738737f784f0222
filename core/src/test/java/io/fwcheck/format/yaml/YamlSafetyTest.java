package io.fwcheck.format.yaml;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.model.Policy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken YAML: syntax errors, limits, aliases, duplicate keys, YAML 1.1 typing, and
 * unreadable files are all reported as one located input error, quickly and without running out
 * of memory.
 */
class YamlSafetyTest {

    private static void policy(String yaml) {
        YamlPolicyReader.read(yaml, "p.yaml");
    }

    private static void ruleset(String yaml) {
        YamlRulesetReader.read(yaml, "r.yaml");
    }

    @Test
    void yaml_syntax_errors_point_at_the_problem() {
        assertInputError(() -> policy("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: a: b, to: 10.0.0.2}
                """), "p.yaml:4:24", "YAML syntax error: expected ',' or '}', but got :",
                "near 'must-deny: {from: a: b, to: 10.0.0.2}'", "(expected valid YAML; check the indentation");
        assertInputError(() -> ruleset("""
                name: x
                default: drop
                rules:
                  - action: accept
                   from: 10.0.0.1
                """), "r.yaml:5:4", "YAML syntax error");
        assertInputError(() -> policy("version: 1\nrequirements:\n\t- id: x\n"), "p.yaml:3:1",
                "YAML syntax error: found character", "Do not use \\t(TAB) for indentation");
        assertInputError(() -> policy("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: 10.0.0.1, to: ::1}
                """), "p.yaml:4:37", "YAML syntax error", "quote values that contain ': ' or ' #' or start with");
    }

    @Test
    void empty_files_say_what_was_expected() {
        assertInputError(() -> policy(""), "p.yaml:1:1",
                "empty file (expected a policy with the keys version, groups, services, requirements, audit)");
        assertInputError(() -> policy("# only a comment\n\n"), "p.yaml:1:1", "empty file");
        assertInputError(() -> policy("---\n"), "p.yaml:1:1", "empty file");
        assertInputError(() -> ruleset("  \n"), "r.yaml:1:1",
                "empty file (expected a ruleset with the keys version, name, default, groups, services, rules)");
        assertInputError(() -> policy("hello\n"), "p.yaml:1:1", "the policy is 'hello', not a mapping");
    }

    @Test
    void more_than_one_document_is_an_error() {
        assertInputError(() -> policy("version: 1\n---\nversion: 1\n"), "p.yaml:2:1",
                "YAML syntax error: expected a single document in the stream but found another document");
    }

    @Test
    @Timeout(10)
    void an_alias_bomb_is_refused_at_the_alias_over_the_limit() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char previous = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ", ").repeat(8))
                    .append('*').append(previous).append("]\n");
        }
        assertInputError(() -> policy(bomb.toString()), "p.yaml:4:16",
                "more than 20 aliases to lists or mappings (*c and earlier)", "(expected at most 20 such aliases");
    }

    @Test
    @Timeout(10)
    void a_few_aliases_are_fine_and_a_recursive_one_does_not_hang() {
        Policy policy = YamlPolicyReader.read("""
                version: 1
                groups:
                  app: &app [10.0.1.0/24]
                  app-copy: *app
                requirements:
                  - id: r
                    must-deny: {from: app-copy, to: 10.0.2.10}
                """, "p.yaml");
        assertThat(policy.groups().get("app-copy")).isEqualTo(policy.groups().get("app"));

        assertInputError(() -> policy("""
                version: 1
                groups: &g
                  a: *g
                requirements: []
                """), "p.yaml:3:3", "unknown key 'a' in group 'a'");
    }

    @Test
    void deep_nesting_is_refused() {
        String deep = "version: 1\nrequirements: " + "[".repeat(60) + "]".repeat(60) + "\n";
        assertInputError(() -> policy(deep), "p.yaml:2:64", "nesting deeper than 50 levels");
    }

    @Test
    void a_huge_file_is_refused_before_it_is_read(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.yaml");
        byte[] line = "# padding padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
        long size = 0;
        try (OutputStream out = Files.newOutputStream(huge)) {
            while (size <= YamlLoader.MAX_BYTES) {
                out.write(line);
                size += line.length;
            }
        }
        long expected = size;
        long started = System.nanoTime();
        assertInputError(() -> YamlPolicyReader.read(huge), huge.toString(),
                "file is " + expected + " bytes, over the limit of 16777216 bytes (16 MiB)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void huge_text_is_refused() {
        String huge = "#".repeat(YamlLoader.MAX_BYTES + 1);
        assertInputError(() -> policy(huge), "p.yaml", "text is 16777217 characters, over the limit of 16777216");
    }

    @Test
    void a_ruleset_may_be_as_large_as_in_every_other_format() {
        assertThat(YamlLoader.MAX_RULESET_BYTES).isEqualTo(io.fwcheck.format.RulesetLoader.MAX_BYTES);
        String huge = "#".repeat(YamlLoader.MAX_RULESET_BYTES + 1);
        assertInputError(() -> ruleset(huge), "r.yaml", "text is 67108865 characters, over the limit of 67108864");
    }

    @Test
    void duplicate_keys_are_errors_at_the_second_key() {
        assertInputError(() -> policy("""
                version: 1
                requirements: []
                version: 1
                """), "p.yaml:3:1", "duplicate key 'version' in the policy (first at line 1)");
        assertInputError(() -> policy("""
                version: 1
                groups:
                  db: 10.0.2.10
                  app: 10.0.1.0/24
                  db: 10.0.2.11
                requirements: []
                """), "p.yaml:5:3", "duplicate key 'db' in 'groups' (first at line 3)");
        assertInputError(() -> policy("""
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2, from: 10.0.0.3}
                """), "p.yaml:4:47", "duplicate key 'from' in 'must-deny' of requirement 'r' (first at line 4)");
        assertInputError(() -> ruleset("""
                name: x
                default: drop
                rules:
                  - action: accept
                    action: drop
                """), "r.yaml:5:5", "duplicate key 'action' in rule 1 (first at line 4)");
    }

    @Test
    void yaml_1_1_booleans_octals_and_sexagesimals_stay_text() {
        assertInputError(() -> policy("""
                version: 1
                requirements:
                  - id: r
                    severity: no
                    must-deny: {from: 10.0.0.1, to: 10.0.0.2}
                """), "p.yaml:4:15", "'no' is not a valid severity (expected error, warning or info)");
        assertInputError(() -> policy("""
                version: 1
                services:
                  legacy: tcp/0755
                requirements: []
                """), "p.yaml:3:11", "port '0755' has a leading zero");
        assertInputError(() -> policy("""
                version: 1
                services:
                  clock: tcp/22:45
                requirements: []
                """), "p.yaml:3:10", "'22:45' is not a port");
        assertInputError(() -> ruleset("""
                name: x
                default: off
                rules: []
                """), "r.yaml:2:10", "'off' is not a valid default action");
    }

    @Test
    void merge_keys_and_custom_tags_are_not_supported() {
        assertInputError(() -> policy("""
                version: 1
                <<: {groups: {}}
                requirements: []
                """), "p.yaml:2:1", "unknown key '<<' in the policy (YAML merge keys are not supported)");
        assertInputError(() -> policy("""
                version: !!int 1
                requirements: !custom []
                """), "p.yaml:2:15", "starts with a YAML tag '!custom'");
    }

    @Test
    void unprintable_characters_and_bad_utf8_are_located(@TempDir Path dir) throws IOException {
        assertInputError(() -> policy("version: 1\u0007\nrequirements: []\n"), "p.yaml:1:11",
                "character U+0007 is not allowed in YAML");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: x\ndefault: drop\ncomment: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertInputError(() -> YamlRulesetReader.read(latin1), latin1 + ":3:13", "byte 0xE9 is not valid UTF-8",
                "(expected a UTF-8 text file)");
    }

    @Test
    void a_byte_order_mark_is_ignored() {
        assertThat(YamlRulesetReader.read("\uFEFFname: x\ndefault: drop\nrules: []\n", "r.yaml").name()).isEqualTo("x");
    }

    @Test
    void unreadable_files_are_input_errors_at_line_0(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");
        assertInputError(() -> YamlPolicyReader.read(missing), missing.toString(),
                "cannot read '" + missing + "': no such file");
        assertInputError(() -> YamlRulesetReader.read(dir), dir.toString(),
                "cannot read '" + dir + "': it is a directory", "(expected a YAML file)");
    }
}
