package io.fwcheck.format;

import io.fwcheck.format.cisco.CiscoReader;
import io.fwcheck.format.cisco.Dialect;
import io.fwcheck.format.aws.AwsReader;
import io.fwcheck.format.azure.AzureReader;
import io.fwcheck.format.gcp.GcpReader;
import io.fwcheck.format.iptables.IptablesReader;
import io.fwcheck.format.nftables.NftablesReader;
import io.fwcheck.format.terraform.TerraformReader;
import io.fwcheck.format.yaml.YamlRulesetReader;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.RulesetChange;
import io.fwcheck.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Reads a ruleset file in any format fwcheck knows: the format comes from
 * {@link LoadOptions#format()} or is detected from the content ({@link RulesetFormat#detect}).
 * Every problem is an {@link InputException} naming the file (and line:column where there is one).
 */
public final class RulesetLoader {

    /** Largest ruleset file read, in bytes. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final String UTF8_EXPECTED = "a file encoded in UTF-8: YAML rulesets and nftables JSON are;"
            + " only iptables-save output may be in another encoding";

    private RulesetLoader() {}

    /**
     * Reads the ruleset in {@code file}; the path as given names it in locations. The file must be
     * UTF-8, except iptables-save output, which is read byte for byte (ISO-8859-1) when it is not
     * (iptables-save writes comments as the bytes they were given).
     *
     * @throws InputException also for a YAML or JSON file that is not valid UTF-8, at the first bad byte
     */
    public static Ruleset load(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return load(readRuleset(file, options), file.toString(), options);
    }

    /**
     * The text of a ruleset file: UTF-8, or byte for byte (ISO-8859-1) when it is not valid UTF-8
     * and is iptables-save output (the format the options name, else the one detected), since
     * iptables-save writes comments as the bytes they were given.
     *
     * @throws InputException when the file cannot be read, is over {@link #MAX_BYTES}, or is of
     *     another format and not valid UTF-8 (at the first bad byte)
     */
    public static String readRuleset(Path file, LoadOptions options) {
        return read(file, "ruleset file", bytewise -> options.format()
                .or(() -> RulesetFormat.detect(bytewise).format()).filter(f -> f == RulesetFormat.IPTABLES).isPresent());
    }

    /**
     * A file's text as UTF-8, or byte for byte (ISO-8859-1) when it is not valid UTF-8 and that
     * reading of it is {@code dump} output (which writes comments as the bytes it was given).
     */
    private static String read(Path file, String kind, Predicate<String> dump) {
        byte[] bytes = TextFiles.read(file, MAX_BYTES, kind);
        try {
            return TextFiles.utf8(bytes, file.toString(), UTF8_EXPECTED);
        } catch (InputException notUtf8) {
            String bytewise = new String(bytes, StandardCharsets.ISO_8859_1);
            if (dump.test(bytewise)) {
                return bytewise;
            }
            throw notUtf8;
        }
    }

    /** Reads a ruleset from its text; {@code fileName} names it in locations. */
    public static Ruleset load(String text, String fileName, LoadOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        RulesetFormat format = options.format().orElseGet(() -> detect(text, fileName));
        if (options.ruleset().isPresent() && !format.holdsSeveral()) {
            Ruleset only = load(text, fileName, options.withoutRuleset().withFormat(format));
            RulesetSelection.select(List.of(single(format, only, options)), options.ruleset(), fileName, "ruleset");
            return only;
        }
        if (options.ip6File().isPresent()) {
            Path ip6 = options.ip6File().get();
            if (format != RulesetFormat.IPTABLES) {
                throw new InputException(new SourceLocation(fileName, 0, 0), "an ip6tables-save dump (" + ip6
                        + ") goes with iptables-save output, and this is " + format.label(),
                        "iptables-save output with its ip6tables-save dump");
            }
            return IptablesReader.readDualStack(text, fileName, readDump(ip6), ip6.toString(), options);
        }
        return switch (format) {
            case YAML -> YamlRulesetReader.read(text, fileName);
            case IPTABLES -> IptablesReader.read(text, fileName, options);
            case NFTABLES -> NftablesReader.read(text, fileName, options);
            case CISCO_IOS -> CiscoReader.read(text, fileName, options, Dialect.IOS);
            case CISCO_ASA -> CiscoReader.read(text, fileName, options, Dialect.ASA);
            case AWS -> AwsReader.read(text, fileName, options);
            case TERRAFORM -> TerraformReader.read(text, fileName, options);
            case GCP -> GcpReader.read(text, fileName, options);
            case AZURE -> AzureReader.read(text, fileName, options);
        };
    }

    /**
     * Every ruleset a text holds, in file order, as {@link #list} names them: each security group,
     * access list, NSG or GCP view of a file that holds several, read as {@link #load} reads it when
     * {@link LoadOptions#ruleset()} names it. With a name in the options, or in a format that holds
     * one ruleset, just the one {@link #load} reads. {@code fileName} names it in locations.
     *
     * @throws InputException as {@link #load} does, also for a file that holds no ruleset
     */
    public static List<Ruleset> loadEach(String text, String fileName, LoadOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        RulesetFormat format = options.format().orElseGet(() -> detect(text, fileName));
        LoadOptions known = options.withFormat(format);
        if (options.ruleset().isPresent() || !format.holdsSeveral()) {
            return List.of(load(text, fileName, known));
        }
        return switch (format) {
            case CISCO_IOS -> CiscoReader.readEach(text, fileName, Dialect.IOS);
            case CISCO_ASA -> CiscoReader.readEach(text, fileName, Dialect.ASA);
            case AWS -> AwsReader.readEach(text, fileName, known);
            case TERRAFORM -> TerraformReader.readEach(text, fileName, known);
            case GCP -> GcpReader.readEach(text, fileName, known);
            case AZURE -> AzureReader.readEach(text, fileName, known);
            case YAML, IPTABLES, NFTABLES -> List.of(load(text, fileName, known));
        };
    }

    /**
     * True when a text in a format that may hold several rulesets holds none (a configuration
     * without access lists, a listing without groups), with no ruleset named in the options; false
     * also when it cannot be read.
     */
    public static boolean holdsNone(String text, String fileName, LoadOptions options) {
        try {
            RulesetFormat format = options.format().orElseGet(() -> detect(text, fileName));
            return format.holdsSeveral() && options.ruleset().isEmpty()
                    && list(text, fileName, options.withFormat(format)).isEmpty();
        } catch (InputException e) {
            return false;
        }
    }

    /**
     * The rulesets {@code file} holds, in file order: what {@code fwcheck list} shows and
     * {@link LoadOptions#ruleset()} selects among. Formats that hold one ruleset list just it.
     */
    public static List<RulesetEntry> list(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return list(readRuleset(file, options), file.toString(), options);
    }

    /** The rulesets a text holds; {@code fileName} names it in locations. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        RulesetFormat format = options.format().orElseGet(() -> detect(text, fileName));
        return switch (format) {
            case YAML, IPTABLES, NFTABLES -> List.of(single(format, load(text, fileName, options.withFormat(format)), options));
            case CISCO_IOS -> CiscoReader.list(text, fileName, Dialect.IOS);
            case CISCO_ASA -> CiscoReader.list(text, fileName, Dialect.ASA);
            case AWS -> AwsReader.list(text, fileName, options);
            case TERRAFORM -> TerraformReader.list(text, fileName, options);
            case GCP -> GcpReader.list(text, fileName, options);
            case AZURE -> AzureReader.list(text, fileName, options);
        };
    }

    /**
     * The rulesets a Terraform plan changes, each before and after (see
     * {@link TerraformReader#changes}); {@link LoadOptions#ruleset()} keeps the one it names.
     *
     * @throws InputException when the file is not a Terraform plan or cannot be read
     */
    public static List<RulesetChange> changes(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String text = readText(file);
        String name = file.toString();
        RulesetFormat format = options.format().orElseGet(() -> detect(text, name));
        if (format != RulesetFormat.TERRAFORM) {
            throw new InputException(new SourceLocation(name, 0, 0), "this is " + format.label()
                    + " input, not a Terraform plan", "the JSON of terraform show -json PLANFILE");
        }
        return TerraformReader.changes(text, name, options);
    }

    private static RulesetEntry single(RulesetFormat format, Ruleset ruleset, LoadOptions options) {
        String kind = switch (format) {
            case YAML -> "fwcheck ruleset";
            case IPTABLES -> "iptables filter table, " + options.hook().name() + " hook";
            case NFTABLES -> "nftables ruleset, " + options.hook().label() + " hook";
            case CISCO_IOS, CISCO_ASA, AWS, TERRAFORM, GCP, AZURE ->
                    throw new IllegalArgumentException(format.label() + " files list their own rulesets");
        };
        return new RulesetEntry(ruleset.name(), List.of(), kind, ruleset.writtenRules(), ruleset.source());
    }

    private static RulesetFormat detect(String text, String fileName) {
        RulesetFormat.Detection d = RulesetFormat.detect(text);
        return d.format().orElseThrow(() -> new InputException(new SourceLocation(fileName, 0, 0),
                "cannot tell the ruleset format: " + d.reason(), null));
    }

    /**
     * Reads a whole UTF-8 text file (a YAML ruleset or policy, nftables JSON).
     *
     * @throws InputException when the file cannot be read, is over {@link #MAX_BYTES}, or is not
     *     valid UTF-8 (at the line and column of the first bad byte)
     */
    public static String readText(Path file) {
        return TextFiles.utf8(TextFiles.read(file, MAX_BYTES, "ruleset file"), file.toString(), UTF8_EXPECTED);
    }

    /**
     * Reads a whole UTF-8 text file that is not a ruleset (a baseline, a members file), whose kind
     * the messages name.
     *
     * @param kind what the file should be: {@code baseline file}, {@code members file}
     * @throws InputException as {@link #readText(Path)} does
     */
    public static String readText(Path file, String kind) {
        return TextFiles.utf8(TextFiles.read(file, MAX_BYTES, kind), file.toString(), "a " + kind + " encoded in UTF-8");
    }

    /**
     * Reads the output of a command such as iptables-save or ipset save: UTF-8, or byte for byte
     * (ISO-8859-1) when it is not valid UTF-8, since such commands write comments as the bytes they
     * were given.
     *
     * @throws InputException when the file cannot be read or is over {@link #MAX_BYTES}
     */
    public static String readDump(Path file) {
        return readDump(file, "ruleset file");
    }

    /** {@link #readDump(Path)} for the output of another command, whose kind the messages name ({@code ipset save file}). */
    public static String readDump(Path file, String kind) {
        return read(file, kind, bytewise -> true);
    }
}
