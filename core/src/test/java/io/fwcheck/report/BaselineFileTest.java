package io.fwcheck.report;

import static io.fwcheck.format.InputErrors.assertInputError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Baseline;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineFileTest {

    private static final Baseline.Entry ENTRY = new Baseline.Entry("rulesets/audit/web-01.yaml",
            "0123456789abcdef0123456789abcdef", "admin-port-exposed", "error", "allow-ssh-anywhere",
            "rulesets/audit/web-01.yaml:20:5", "new connections to admin ports are accepted from the internet");

    @Test
    void a_baseline_is_written_with_its_format_and_version_and_read_back_equal() {
        Baseline baseline = new Baseline(List.of(ENTRY, ENTRY));

        String text = BaselineFile.write(baseline, "1.2.3");

        assertThat(text).startsWith("{\n  \"format\": \"fwcheck-baseline\",\n  \"version\": 1,\n")
                .contains("\"fingerprint\": \"0123456789abcdef0123456789abcdef\"").endsWith("}\n");
        assertThat(BaselineFile.read(text, "b.json")).isEqualTo(baseline);
        assertThat(BaselineFile.read(BaselineFile.write(new Baseline(List.of()), "dev"), "b.json").entries()).isEmpty();
    }

    @Test
    void the_corpus_baseline_round_trips() {
        Baseline baseline = Baseline.of(AuditSamples.corpus());

        assertThat(BaselineFile.read(BaselineFile.write(baseline, "dev"), "b.json")).isEqualTo(baseline);
        assertThat(baseline.entries()).hasSize(26);
    }

    @Test
    void anything_but_a_baseline_is_an_error_at_its_place() {
        String good = BaselineFile.write(new Baseline(List.of(ENTRY)), "dev");
        assertInputError(() -> BaselineFile.read("[]", "b.json"), "b.json:1:1", "unexpected list");
        assertInputError(() -> BaselineFile.read("{\"format\": \"fwcheck-baseline\", \"version\": 1,", "b.json"),
                "b.json:1:45", "not valid JSON");
        assertInputError(() -> BaselineFile.read(good.replace("\"version\": 1", "\"version\": 2"), "b.json"),
                "b.json:3:14", "unsupported baseline version 2");
        assertInputError(() -> BaselineFile.read(good.replace("\"tool\"", "\"tools\""), "b.json"),
                "b.json:4:3", "unknown key 'tools' in the baseline (expected one of: format, version, tool, findings)");
        assertInputError(() -> BaselineFile.read(good.replace("\"severity\": \"error\"", "\"severity\": \"high\""),
                "b.json"), "b.json:13:19", "'high' is not a severity (expected error, warning or info)");
        assertInputError(() -> BaselineFile.read(good.replace("\"type\": \"admin-port-exposed\",", ""), "b.json"),
                "b.json:9:5", "a finding of the baseline has no 'type'");
        assertInputError(() -> BaselineFile.read("{\"format\": \"sarif\"}", "b.json"), "b.json:1:12",
                "'format' is 'sarif', not fwcheck-baseline");
        assertInputError(() -> BaselineFile.read("{\"format\": \"fwcheck-baseline\", \"version\": 1}", "b.json"),
                "b.json:1:1", "the baseline has no 'tool'");
    }
}
