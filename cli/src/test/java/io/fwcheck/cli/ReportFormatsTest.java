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
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The CI formats through the command line: destinations, files, the GitHub job summary. */
class ReportFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String CURRENT = REPOSITORY.resolve("rulesets/postmortem/current.yaml").toString();
    private static final String PROPOSED = REPOSITORY.resolve("rulesets/postmortem/proposed.yaml").toString();
    private static final String POLICY = REPOSITORY.resolve("rulesets/postmortem/policy.yaml").toString();

    @TempDir
    Path dir;

    /** Runs as if from the repository root, so report paths are relative to it. */
    private static CliRun inRepository(Map<String, String> variables, String... args) {
        return CliRun.in(new Environment(variables, REPOSITORY, false), args);
    }

    private static JsonSchema sarifSchema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(
                Files.readString(REPOSITORY.resolve("core/src/test/resources/report/sarif-schema-2.1.0.json"))));
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void several_formats_go_to_their_files_and_one_to_standard_output() throws Exception {
        Path sarif = dir.resolve("build/reports/fwcheck.sarif");
        Path junit = dir.resolve("build/test-results/fwcheck.xml");
        Path markdown = dir.resolve("comment.md");
        Path json = dir.resolve("diff.json");

        CliRun run = inRepository(Map.of(), "diff", CURRENT, PROPOSED, "-p", POLICY, "--format", "text",
                "--format", "sarif=" + sarif, "--format=JUnit=" + junit, "-f", "markdown=" + markdown,
                "-f", "json=" + json);

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("fwcheck diff: ").contains("FAIL  1 requirement regressed: app-to-db\n");

        JsonNode log = JSON.readTree(Files.readString(sarif));
        assertThat(sarifSchema().validate(log)).isEmpty();
        assertThat(log.at("/runs/0/results/0/ruleId").asText()).isEqualTo("requirement-regression");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("rulesets/postmortem/proposed.yaml");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(35);

        Document doc = xml(junit);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("db01-input");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("requirement-regression");
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .isEqualTo("app-to-db: app-servers must reach db on postgres");

        assertThat(Files.readString(markdown)).startsWith("### \u274c fwcheck: 1 requirement regressed: app-to-db\n")
                .contains("| \u274c | `app-to-db` | regression | PASS \u2192 FAIL | error |");
        assertThat(JSON.readTree(Files.readString(json)).get("verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void check_writes_the_same_formats() throws Exception {
        Path sarif = dir.resolve("check.sarif");
        Path junit = dir.resolve("check.xml");

        CliRun run = inRepository(Map.of(), "check", PROPOSED, "-p", POLICY, "-f", "sarif=" + sarif,
                "-f", "junit=" + junit, "-f", "github");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).startsWith("::error file=rulesets/postmortem/proposed.yaml,line=35,col=5,"
                + "title=fwcheck requirement-violated%3A app-to-db::").hasLineCount(1);
        assertThat(sarifSchema().validate(JSON.readTree(Files.readString(sarif)))).isEmpty();
        Element suites = xml(junit).getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("4");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void the_github_format_appends_a_markdown_job_summary_when_asked_by_the_environment() throws IOException {
        Path summary = Files.writeString(dir.resolve("step-summary.md"), "earlier step\n");

        CliRun run = inRepository(Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "diff", CURRENT, PROPOSED,
                "-p", POLICY, "--format", "github");
        CliRun withoutVariable = inRepository(Map.of(), "diff", CURRENT, PROPOSED, "-p", POLICY, "--format", "github");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out().lines()).first().asString().startsWith("::error file=rulesets/postmortem/proposed.yaml,");
        assertThat(Files.readString(summary)).startsWith("earlier step\n### \u274c fwcheck: ")
                .contains("#### Requirements");
        assertThat(withoutVariable.out()).isEqualTo(run.out());
    }

    @Test
    void at_most_one_format_goes_to_standard_output() {
        CliRun run = CliRun.of("diff", CliRun.CURRENT, CliRun.PROPOSED, "--format", "text", "--format", "json");

        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("At most one --format can go to standard output;")
                .contains("Usage: fwcheck diff");
    }

    @Test
    void conflicting_destinations_are_usage_errors() {
        Path file = dir.resolve("out.txt");

        CliRun allFiles = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-f", "json=" + file,
                "-o", dir.resolve("other.txt").toString());
        CliRun twice = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-f", "json=" + file,
                "-f", "sarif=" + file);
        CliRun noFile = CliRun.of("check", CliRun.CURRENT, "-p", CliRun.POLICY, "-f", "sarif=");

        assertThat(allFiles.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(allFiles.err()).startsWith("--output is for the --format without a FILE");
        assertThat(twice.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(twice.err()).startsWith("Two reports would overwrite '" + file + "'");
        assertThat(noFile.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noFile.err()).contains("'sarif=' has no file after '='");
        assertThat(file).doesNotExist();
    }

    @Test
    void output_takes_the_format_without_a_file() throws IOException {
        Path text = dir.resolve("report.txt");
        Path junit = dir.resolve("report.xml");

        CliRun run = CliRun.of("check", CliRun.PROPOSED, "-p", CliRun.POLICY, "-f", "junit=" + junit, "-f", "text",
                "-o", text.toString());

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(text)).startsWith("fwcheck check: ");
        assertThat(Files.readString(junit)).startsWith("<?xml");
    }

    @Test
    void text_in_a_file_is_coloured_only_when_always_asked() throws IOException {
        Path plain = dir.resolve("plain.txt");
        Path coloured = dir.resolve("coloured.txt");
        Environment terminal = new Environment(Map.of(), Path.of(""), true);

        CliRun.in(terminal, "check", CliRun.PROPOSED, "-p", CliRun.POLICY, "-f", "text=" + plain);
        CliRun.in(terminal, "check", CliRun.PROPOSED, "-p", CliRun.POLICY, "-f", "text=" + coloured, "--color", "always");

        assertThat(Files.readString(plain)).doesNotContain("\u001b[");
        assertThat(Files.readString(coloured)).contains("\u001b[31mFAIL\u001b[0m");
        assertThat(CliRun.in(terminal, "check", CliRun.PROPOSED, "-p", CliRun.POLICY).out()).contains("\u001b[31mFAIL");
    }
}
