package io.fwcheck.report;

import io.fwcheck.analysis.ChangeDiff;
import io.fwcheck.analysis.CheckResult;
import io.fwcheck.analysis.DiffResult;
import io.fwcheck.analysis.Finding;
import io.fwcheck.model.SourceLocation;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Renders findings as GitHub Actions workflow commands, one line each:
 * {@code ::error file=F,line=L,col=C,title=T::MESSAGE} ({@code warning} and {@code notice} for
 * lesser severities), most serious first, so GitHub annotates the ruleset lines in the pull
 * request. Property values escape {@code % \r \n : ,}; the message escapes {@code % \r \n}.
 */
public final class GithubReport {

    private GithubReport() {}

    /** The annotations of a check. */
    public static String check(CheckResult result, ReportContext context) {
        return annotations(result.findings(), context);
    }

    /** The annotations of a diff, on the ruleset after the change. */
    public static String diff(DiffResult result, ReportContext context) {
        return annotations(result.findings(), context);
    }

    /** The annotations of the diffs of a change set: the findings of every changed ruleset. */
    public static String diffs(List<ChangeDiff> diffs, ReportContext context) {
        return annotations(diffs.stream().flatMap(d -> d.result().findings().stream()).toList(), context);
    }

    /** One workflow command per finding, errors first (stable otherwise), each ending with a newline. */
    public static String annotations(List<Finding> findings, ReportContext context) {
        StringBuilder sb = new StringBuilder();
        findings.stream().sorted(Comparator.comparing(Finding::severity)).forEach(f -> line(sb, f, context));
        return sb.toString();
    }

    private static void line(StringBuilder sb, Finding f, ReportContext context) {
        sb.append("::").append(command(f)).append(' ');
        SourceLocation at = f.location();
        Optional<String> file = Artifacts.path(at.file(), context.workingDirectory());
        if (file.isPresent()) {
            sb.append("file=").append(property(file.get())).append(',');
            if (at.line() > 0) {
                sb.append("line=").append(at.line()).append(',');
                if (at.column() > 0) {
                    sb.append("col=").append(at.column()).append(',');
                }
            }
        }
        String title = "fwcheck " + f.type().id() + ": " + f.requirement().orElse(f.rule());
        sb.append("title=").append(property(title)).append("::");
        StringBuilder text = new StringBuilder(f.message());
        f.witness().ifPresent(w -> text.append("\ne.g. ").append(w));
        text.append("\nsee ").append(SarifReport.helpUri(f.type()));
        sb.append(data(text.toString())).append('\n');
    }

    private static String command(Finding f) {
        return switch (f.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
        };
    }

    /** Escapes a command's message: {@code %}, CR and LF. */
    public static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a command property value: as {@link #data} plus {@code :} and {@code ,}. */
    public static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
