package io.fwcheck.cli;

import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetFormat;
import io.fwcheck.report.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fwcheck list}: the rulesets a file holds, with the names {@code --ruleset} selects them by. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Shows the rulesets FILE holds: its format, and for each ruleset the name that selects it with"
                    + " --ruleset (and other names that do), what it is, how many rules it has and where it is"
                    + " defined. Files of most formats hold one ruleset; security group listings, Terraform plans"
                    + " and device configurations may hold many."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck list rulesets/postmortem/current.rules",
            "  fwcheck list rulesets/postmortem/current.nft.json --format json",
            "  fwcheck list rulesets/cisco/edge-asa.asa",
            "  fwcheck list rulesets/aws/security-groups.json",
            "  fwcheck list rulesets/terraform/plan.json --chain OUTPUT",
        })
public final class ListCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Output { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a ruleset file of any supported format")
    Path file;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (docs/json-output.md)")
    Output output;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        RulesetFormat format = input.format(file);
        List<RulesetEntry> entries = input.list(file);
        PrintWriter out = spec.commandLine().getOut();
        if (output == Output.json) {
            out.print(JsonReport.list(file.toString(), format.label(), entries));
        } else {
            out.print(text(format, entries));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private String text(RulesetFormat format, List<RulesetEntry> entries) {
        StringBuilder b = new StringBuilder();
        b.append(file).append(": ").append(format.label()).append(", ").append(entries.size())
                .append(entries.size() == 1 ? " ruleset" : " rulesets").append('\n');
        String[] head = {"NAME", "KIND", "RULES", "DEFINED AT"};
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
        }
        for (RulesetEntry e : entries) {
            String[] row = row(e);
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        appendRow(b, head, width);
        for (RulesetEntry e : entries) {
            appendRow(b, row(e), width);
            if (!e.aliases().isEmpty()) {
                b.append("  also: ").append(String.join(", ", e.aliases())).append('\n');
            }
        }
        return b.toString();
    }

    private static String[] row(RulesetEntry e) {
        return new String[] {e.name(), e.kind(), Integer.toString(e.rules()), e.location().toString()};
    }

    private static void appendRow(StringBuilder b, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            b.append(last ? cells[i] : String.format("%-" + width[i] + "s  ", cells[i]));
        }
        b.append('\n');
    }
}
