package io.fwcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fwcheck.analysis.Checker;
import io.fwcheck.analysis.Finding;
import io.fwcheck.analysis.FindingType;
import io.fwcheck.analysis.FlowSummary;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GithubReportTest {

    private static final ReportContext CONTEXT = new ReportContext("dev", Path.of("/work/repo"));

    private static Finding finding(Severity severity, String message, SourceLocation at, String rule) {
        return new Finding(FindingType.CHANGE_OPENS_FLOWS, severity, message, at, rule, "rs", Optional.empty(),
                new FlowSummary(List.of(), 0, Optional.empty()), List.of(), "ff");
    }

    @Test
    void a_regression_is_an_error_annotation_on_the_rule_line() {
        List<String> lines = GithubReport.diff(Samples.diff(), CONTEXT).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("::error file=rulesets/postmortem/proposed.yaml,line=14,col=5,"
                        + "title=fwcheck requirement-regression%3A app-to-db::requirement app-to-db")
                .contains("%0Ae.g. tcp 10.0.1.128:49152 -> 10.0.2.10:5432")
                .endsWith("%0Asee " + SarifReport.helpUri(FindingType.REQUIREMENT_REGRESSION));
        assertThat(lines.get(1)).startsWith("::notice file=rulesets/postmortem/proposed.yaml,line=14,col=5,"
                + "title=fwcheck change-blocks-flows%3A block-scanner::");
    }

    @Test
    void errors_come_first_then_warnings_then_notices() {
        String out = GithubReport.annotations(List.of(
                finding(Severity.INFO, "n", Samples.at(1, 1), "a"),
                finding(Severity.WARNING, "w", Samples.at(2, 1), "b"),
                finding(Severity.ERROR, "e", Samples.at(3, 1), "c")), CONTEXT);

        assertThat(out.lines().map(l -> l.substring(0, l.indexOf(' ')))).containsExactly("::error", "::warning", "::notice");
    }

    @Test
    void properties_and_messages_are_escaped() {
        assertThat(GithubReport.data("100% a\r\nb: c, d")).isEqualTo("100%25 a%0D%0Ab: c, d");
        assertThat(GithubReport.property("100% a\r\nb: c, d")).isEqualTo("100%25 a%0D%0Ab%3A c%2C d");

        String line = GithubReport.annotations(List.of(finding(Severity.WARNING, "50% of\nflows",
                new SourceLocation("fw/a,b:c.yaml", 7, 3), "r,1:x")), CONTEXT);

        assertThat(line).startsWith("::warning file=fw/a%2Cb%3Ac.yaml,line=7,col=3,"
                + "title=fwcheck change-opens-flows%3A r%2C1%3Ax::50%25 of flows%0Asee ").endsWith("\n")
                .hasLineCount(1);
    }

    @Test
    void a_location_without_a_line_or_file_leaves_those_properties_out() {
        String out = GithubReport.annotations(List.of(
                finding(Severity.ERROR, "m", new SourceLocation("rulesets/x.yaml", 0, 0), "a"),
                finding(Severity.ERROR, "m", SourceLocation.code("builder"), "b")), CONTEXT);

        assertThat(out.lines()).containsExactly(
                "::error file=rulesets/x.yaml,title=fwcheck change-opens-flows%3A a::m%0Asee "
                        + SarifReport.helpUri(FindingType.CHANGE_OPENS_FLOWS),
                "::error title=fwcheck change-opens-flows%3A b::m%0Asee "
                        + SarifReport.helpUri(FindingType.CHANGE_OPENS_FLOWS));
    }

    @Test
    void a_passing_check_annotates_nothing() {
        assertThat(GithubReport.check(Checker.check(Samples.current(), Samples.policy()), CONTEXT)).isEmpty();
    }
}
