package io.fwcheck.cli;

import io.fwcheck.format.yaml.YamlRulesetWriter;
import io.fwcheck.model.Ruleset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fwcheck convert}: a ruleset in any format, written in the native YAML format as fwcheck understood it. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Writes RULESET in fwcheck's native YAML format, as fwcheck understood it: one first-match list of"
                    + " rules (chains inlined, ids such as INPUT#3>app-in#2), each after a comment with the file:line"
                    + " it comes from. Conditions fwcheck does not model are kept under 'unknown'; check, diff and"
                    + " trace read the result like the original."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  fwcheck convert fw.rules --to yaml",
            "  fwcheck convert ruleset.json --to yaml --chain FORWARD -o forward.yaml",
            "  fwcheck convert fw.rules --to yaml --ipset ipsets.save",
        })
public final class ConvertCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Target { yaml }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RULESET",
            description = "the ruleset file: YAML, iptables-save output, nftables JSON, AWS security groups,"
                    + " a Terraform plan, GCP firewall rules or an Azure NSG")
    Path ruleset;

    @Option(names = "--to", required = true, paramLabel = "FORMAT",
            description = "the output format: yaml (fwcheck's native ruleset format)")
    Target to;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write to FILE (parent directories are created) instead of standard output")
    Path output;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Ruleset rules = input.load(ruleset);
        String text;
        try {
            text = YamlRulesetWriter.write(rules);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot write " + ruleset + " in the native format: " + e.getMessage(),
                    ExitCodes.BAD_INPUT);
        }
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.write(text);
            out.flush();
        } else {
            ReportFiles.write(output, text);
        }
        return ExitCodes.OK;
    }
}
