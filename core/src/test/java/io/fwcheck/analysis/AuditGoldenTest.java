package io.fwcheck.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fwcheck.format.yaml.YamlPolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus: each sample ruleset under {@code rulesets/} with a sidecar
 * {@code NAME.expected.yaml} states the findings an audit must give it (type, rule, severity, and
 * the requirement or check for requirement and exposure findings) and the findings it suppresses;
 * the sidecar names the policy to audit with. One case per sample; the findings must match exactly.
 */
class AuditGoldenTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SIDECAR_KEYS = Set.of("policy", "findings", "suppressed");
    private static final Set<String> FINDING_KEYS = Set.of("type", "rule", "severity", "requirement");

    static Stream<Path> sidecars() throws IOException {
        try (Stream<Path> files = Files.walk(root().resolve("rulesets"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".expected.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sidecars")
    void the_audit_finds_what_the_sample_states(Path sidecar) throws IOException {
        JsonNode expected = YAML.readTree(sidecar.toFile());
        assertThat(fieldNames(expected)).as(sidecar + " keys").isSubsetOf(SIDECAR_KEYS);
        Path ruleset = rulesetOf(sidecar);
        AuditOptions options = AuditOptions.defaults().withThreads(1);
        if (expected.has("policy")) {
            options = options.withPolicy(YamlPolicyReader.read(sidecar.resolveSibling(expected.get("policy").asText())));
        }

        AuditResult result = Auditor.audit(List.of(ruleset), options);

        assertThat(result.rulesets()).hasSize(1);
        RulesetAudit audit = result.rulesets().get(0);
        assertThat(audit.error()).as("error reading " + ruleset).isEmpty();
        assertThat(lines(audit.findings())).as("findings of " + ruleset)
                .containsExactlyInAnyOrderElementsOf(expectedLines(expected.get("findings"), sidecar));
        assertThat(audit.suppressed().stream().map(s -> s.finding().type().id() + " on " + s.finding().rule()).toList())
                .as("suppressed findings of " + ruleset)
                .containsExactlyInAnyOrderElementsOf(suppressed(expected.get("suppressed")));
    }

    /** {@code type rule [severity] requirement} for each finding. */
    private static List<String> lines(List<Finding> findings) {
        return findings.stream().map(f -> f.type().id() + " " + f.rule() + " [" + f.severity().label() + "]"
                + (shows(f.type()) ? " " + f.requirement().orElse("") : "")).toList();
    }

    private static boolean shows(FindingType type) {
        return !Set.of(FindingType.SHADOWED_RULE, FindingType.REDUNDANT_RULE, FindingType.CONFLICTING_OVERLAP,
                FindingType.EMPTY_MATCH).contains(type);
    }

    private static List<String> expectedLines(JsonNode list, Path sidecar) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (JsonNode item : list) {
            assertThat(fieldNames(item)).as(sidecar + " finding keys").isSubsetOf(FINDING_KEYS);
            FindingType type = FindingType.byId(item.get("type").asText());
            String severity = item.has("severity") ? item.get("severity").asText() : "-";
            out.add(type.id() + " " + item.get("rule").asText() + " [" + severity + "]"
                    + (shows(type) ? " " + (item.has("requirement") ? item.get("requirement").asText() : "") : ""));
        }
        return out;
    }

    /** {@code type on rule} for each suppressed finding. */
    private static List<String> suppressed(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode item : list) {
                out.add(FindingType.byId(item.get("type").asText()).id() + " on " + item.get("rule").asText());
            }
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
            out.add(i.next());
        }
        return out;
    }

    /** The ruleset beside a sidecar: the one file with the same name before {@code .expected.yaml}. */
    private static Path rulesetOf(Path sidecar) throws IOException {
        String base = sidecar.getFileName().toString().replace(".expected.yaml", "");
        try (Stream<Path> siblings = Files.list(sidecar.getParent())) {
            List<Path> found = siblings.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(base + ".") && !name.endsWith(".expected.yaml");
            }).toList();
            assertThat(found).as("the ruleset of " + sidecar).hasSize(1);
            return found.get(0);
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("rulesets")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
