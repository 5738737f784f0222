package io.fwcheck.format.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/schema/*.schema.json (JSON Schema 2020-12, for editors and other tools) agree with the
 * readers: every sample under rulesets/ and every test resource is valid for both, and typical
 * mistakes are invalid.
 */
class SchemaTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode json(String file) {
        try {
            return new ObjectMapper().readTree(Samples.schemas().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema schema(String file) {
        return FACTORY.getSchema(json(file));
    }

    private static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<ValidationMessage> validate(String schema, String yaml) {
        try {
            return schema(schema).validate(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML file under rulesets/ that is a policy (has requirements) or a ruleset (has rules). */
    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.walk(Samples.rulesets())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .filter(f -> yaml(f).has("requirements") || yaml(f).has("rules"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Stream<Path> resources() {
        return Stream.of(Samples.resource("policy-every-key.yaml"), Samples.resource("ruleset-every-key.yaml"));
    }

    private static void assertValidForSchemaAndReader(Path file) {
        JsonNode node = yaml(file);
        if (node.has("requirements")) {
            assertThat(schema("policy.schema.json").validate(node)).as(file.toString()).isEmpty();
            assertThat(YamlPolicyReader.read(file).requirements()).isNotEmpty();
        } else {
            assertThat(schema("ruleset.schema.json").validate(node)).as(file.toString()).isEmpty();
            assertThat(YamlRulesetReader.read(file).name()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void every_sample_under_rulesets_is_valid_for_its_schema_and_its_reader(Path file) {
        assertValidForSchemaAndReader(file);
    }

    @ParameterizedTest
    @MethodSource("resources")
    void every_key_of_the_formats_is_in_the_schemas(Path file) {
        assertValidForSchemaAndReader(file);
    }

    @Test
    void the_postmortem_samples_are_among_the_validated_files() throws IOException {
        assertThat(samples().map(f -> Samples.rulesets().relativize(f).toString().replace('\\', '/')))
                .contains("postmortem/policy.yaml", "postmortem/current.yaml", "postmortem/proposed.yaml");
    }

    @Test
    void the_schemas_are_valid_json_schema_2020_12() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String file : List.of("policy.schema.json", "ruleset.schema.json")) {
            assertThat(meta.validate(json(file))).as(file).isEmpty();
        }
    }

    @Test
    void the_definitions_shared_by_both_schemas_are_identical() {
        JsonNode policy = json("policy.schema.json").get("$defs");
        JsonNode ruleset = json("ruleset.schema.json").get("$defs");
        for (String name : List.of("name", "id", "addressItem", "addressList", "group", "groups", "serviceSpec",
                "serviceRef", "service", "services")) {
            assertThat(ruleset.get(name)).as(name).isEqualTo(policy.get(name));
        }
    }

    @Test
    void the_policy_schema_rejects_typical_mistakes() {
        assertThat(validate("policy.schema.json", """
                version: 1
                requirements:
                  - id: r
                    must-alow: {from: a, to: b, service: tcp/5432}
                """)).isNotEmpty();
        assertThat(validate("policy.schema.json", """
                requirements:
                  - id: r
                    must-deny: {from: a, to: b}
                """)).isNotEmpty();
        assertThat(validate("policy.schema.json", """
                version: 1
                requirements:
                  - id: r
                    must-deny: {from: a, to: b}
                    must-allow: {from: a, to: b, service: any}
                """)).isNotEmpty();
        assertThat(validate("policy.schema.json", """
                version: 1
                groups:
                  any: 10.0.0.0/8
                requirements:
                  - id: r
                    must-deny: {from: a, to: b}
                """)).isNotEmpty();
        assertThat(validate("policy.schema.json", "version: 1\naudit:\n  families: [ip4]\n")).isNotEmpty();
        assertThat(validate("policy.schema.json", "version: 1\naudit:\n  families: []\n")).isNotEmpty();
        assertThat(validate("policy.schema.json", "version: 1\naudit:\n  families: ipv4\n")).isEmpty();
    }

    @Test
    void the_ruleset_schema_rejects_typical_mistakes() {
        assertThat(validate("ruleset.schema.json", """
                name: x
                default: drop
                rules:
                  - {action: accept, protocol: tcp, port: 5432}
                """)).isNotEmpty();
        assertThat(validate("ruleset.schema.json", """
                name: x
                default: drop
                rules:
                  - {action: accept, ports: 5432}
                """)).isNotEmpty();
        assertThat(validate("ruleset.schema.json", """
                name: x
                default: drop
                rules:
                  - {action: accept, service: postgres, protocol: tcp}
                """)).isNotEmpty();
        assertThat(validate("ruleset.schema.json", """
                name: x
                default: allow
                rules: []
                """)).isNotEmpty();
        assertThat(validate("ruleset.schema.json", """
                name: x
                default: drop
                rules:
                  - {action: accept, protocol: tcp, ports: 70000}
                """)).isNotEmpty();
        for (String mistake : List.of(
                "{action: accept, except: [{action: drop}]}",
                "{action: accept, except: []}",
                "{action: accept, except: {from: 10.0.0.1}}",
                "{action: accept, unknown: []}",
                "{action: accept, from: {not: []}}",
                "{action: accept, from: {nto: 10.0.0.1}}",
                "{action: accept, protocol: [tcp, \"!udp\"]}",
                "{action: accept, state: [new, none]}",
                "{name: \"allow app\", action: accept}")) {
            assertThat(validate("ruleset.schema.json", "name: x\ndefault: drop\nrules:\n  - " + mistake + "\n"))
                    .as(mistake).isNotEmpty();
        }
    }
}
