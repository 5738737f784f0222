package io.fwcheck.format;

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads a ruleset file in any format fwcheck knows: the format comes from
 * {@link LoadOptions#format()} or is detected from the content ({@link RulesetFormat#detect}).
 * Every problem is an {@link InputException} naming the file (and line:column where there is one).
 */
public final class RulesetLoader {

    /** Largest ruleset file read, in bytes. */
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private RulesetLoader() {}

    /** Reads the ruleset in {@code file}; the path as given names it in locations. */
    public static Ruleset load(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        String name = file.toString();
        return load(readText(file), name, options);
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
        return switch (format) {
            case YAML -> YamlRulesetReader.read(text, fileName);
            case IPTABLES -> IptablesReader.read(text, fileName, options);
            case NFTABLES -> NftablesReader.read(text, fileName, options);
            case AWS -> AwsReader.read(text, fileName, options);
            case TERRAFORM -> TerraformReader.read(text, fileName, options);
            case GCP -> GcpReader.read(text, fileName, options);
            case AZURE -> AzureReader.read(text, fileName, options);
        };
    }

    /**
     * The rulesets {@code file} holds, in file order: what {@code fwcheck list} shows and
     * {@link LoadOptions#ruleset()} selects among. Formats that hold one ruleset list just it.
     */
    public static List<RulesetEntry> list(Path file, LoadOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return list(readText(file), file.toString(), options);
    }

    /** The rulesets a text holds; {@code fileName} names it in locations. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        RulesetFormat format = options.format().orElseGet(() -> detect(text, fileName));
        return switch (format) {
            case YAML, IPTABLES, NFTABLES -> List.of(single(format, load(text, fileName, options.withFormat(format)), options));
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
            case AWS, TERRAFORM, GCP, AZURE -> throw new IllegalArgumentException(format.label() + " files list their own rulesets");
        };
        return new RulesetEntry(ruleset.name(), List.of(), kind, ruleset.rules().size(), ruleset.source());
    }

    private static RulesetFormat detect(String text, String fileName) {
        RulesetFormat.Detection d = RulesetFormat.detect(text);
        return d.format().orElseThrow(() -> new InputException(new SourceLocation(fileName, 0, 0),
                "cannot tell the ruleset format: " + d.reason(), null));
    }

    /**
     * Reads a whole text file: UTF-8, or byte for byte (ISO-8859-1) when it is not valid UTF-8
     * (iptables-save writes comments as the bytes they were given).
     *
     * @throws InputException when the file cannot be read or is over {@link #MAX_BYTES}
     */
    public static String readText(Path file) {
        String name = file.toString();
        SourceLocation where = new SourceLocation(name, 0, 0);
        if (Files.isDirectory(file)) {
            throw new InputException(where, "cannot read '" + name + "': it is a directory", "a ruleset file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InputException(where, "cannot read '" + name + "': no such file", "an existing ruleset file");
        } catch (AccessDeniedException e) {
            throw new InputException(where, "cannot read '" + name + "': permission denied", "a readable file");
        } catch (IOException e) {
            throw new InputException(where, "cannot read '" + name + "': " + e.getMessage(), "a readable file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InputException(where, "file is over the limit of " + (MAX_BYTES >> 20) + " MiB", "a smaller file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
