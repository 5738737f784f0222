package io.fwcheck.format;

import java.util.Locale;
import java.util.Optional;

/** The ruleset formats fwcheck reads, and detection of a file's format from its content. */
public enum RulesetFormat {
    /** fwcheck's native YAML ruleset (docs/ruleset-format.md). */
    YAML("yaml", false),
    /** {@code iptables-save} or {@code ip6tables-save} output. */
    IPTABLES("iptables", false),
    /** {@code nft -j list ruleset} output. */
    NFTABLES("nftables", false),
    /** A Cisco IOS / IOS-XE configuration (or part of one): its access lists. */
    CISCO_IOS("cisco-ios", true),
    /** A Cisco ASA configuration (or part of one): its access lists. */
    CISCO_ASA("cisco-asa", true),
    /** AWS security groups and network ACLs: {@code aws ec2 describe-security-groups} JSON and the like. */
    AWS("aws", true),
    /** A Terraform plan or state as {@code terraform show -json} prints it. */
    TERRAFORM("terraform", true),
    /** GCP VPC firewall rules: {@code gcloud compute firewall-rules list --format=json}. */
    GCP("gcp", true),
    /** Azure network security groups: {@code az network nsg show} JSON. */
    AZURE("azure", true);

    private final String label;
    private final boolean holdsSeveral;

    RulesetFormat(String label, boolean holdsSeveral) {
        this.label = label;
        this.holdsSeveral = holdsSeveral;
    }

    /**
     * The name users give to {@code --input-format}: {@code yaml}, {@code iptables}, {@code nftables},
     * {@code cisco-ios}, {@code cisco-asa}, {@code aws}, {@code terraform}, {@code gcp}, {@code azure}.
     */
    public String label() {
        return label;
    }

    /**
     * True when a file of this format may hold several rulesets, one of which
     * {@link LoadOptions#ruleset()} selects; the others hold exactly one, and a selection must
     * name it.
     */
    public boolean holdsSeveral() {
        return holdsSeveral;
    }

    /**
     * The format named by {@code --input-format}: {@code yaml}, {@code iptables} (also
     * {@code iptables-save}, {@code ip6tables}, {@code ip6tables-save}), {@code nftables} (also
     * {@code nft}, {@code nft-json}), {@code cisco-ios} (also {@code ios}, {@code ios-xe}),
     * {@code cisco-asa} (also {@code asa}),
     * {@code aws} (also {@code aws-sg}, {@code security-groups}),
     * {@code terraform} (also {@code tf}, {@code terraform-plan}), {@code gcp} (also {@code gce},
     * {@code gcloud}), {@code azure} (also {@code nsg}, {@code azure-nsg}); case-insensitive.
     *
     * @throws IllegalArgumentException naming the text and the formats
     */
    public static RulesetFormat parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "yaml", "yml" -> {
                return YAML;
            }
            case "iptables", "iptables-save", "ip6tables", "ip6tables-save" -> {
                return IPTABLES;
            }
            case "nftables", "nft", "nft-json" -> {
                return NFTABLES;
            }
            case "cisco-ios", "ios", "ios-xe", "cisco" -> {
                return CISCO_IOS;
            }
            case "cisco-asa", "asa" -> {
                return CISCO_ASA;
            }
            case "aws", "aws-sg", "security-groups" -> {
                return AWS;
            }
            case "terraform", "tf", "terraform-plan" -> {
                return TERRAFORM;
            }
            case "gcp", "gce", "gcloud" -> {
                return GCP;
            }
            case "azure", "nsg", "azure-nsg" -> {
                return AZURE;
            }
            default -> throw new IllegalArgumentException("unknown input format '" + text
                    + "' (expected yaml, iptables, nftables, cisco-ios, cisco-asa, aws, terraform, gcp or azure)");
        }
    }

    /**
     * What the content of a file is.
     *
     * @param format the format, or empty when the content is none fwcheck reads
     * @param reason why the content is not readable, when the format is empty (e.g. {@code iptables -L}
     *     output), with what to give fwcheck instead
     */
    public record Detection(Optional<RulesetFormat> format, String reason) {}

    /**
     * Detects the format from the content: nftables JSON starts with <code>&#123;"nftables": [</code>;
     * other JSON is told by its keys ({@code SecurityGroups} for AWS,
     * {@code format_version} with {@code terraform_version} for a Terraform plan, {@code securityRules}
     * for an Azure NSG, a list of rules with {@code allowed} or {@code denied} for GCP);
     * iptables-save output has a table line ({@code *filter}) or its header comment; a Cisco
     * configuration has access-list lines ({@code ip access-list extended NAME},
     * {@code access-list 101 permit …}) or stanzas of a device ({@code hostname} and
     * {@code interface}), and is ASA's when {@link CiscoSigns} says so; text that other firewall
     * commands print is recognised and refused with a hint; anything else is taken for YAML, whose
     * reader reports precisely what is wrong.
     */
    public static Detection detect(String text) {
        int i = skipBlank(text, 0);
        if (i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[')) {
            int j = skipBlank(text, i + 1);
            if (text.charAt(i) == '{' && text.startsWith("\"nftables\"", j)) {
                return found(NFTABLES);
            }
            return JsonShape.detect(text.substring(i));
        }
        boolean first = true;
        int lines = 0;
        CiscoSigns cisco = new CiscoSigns();
        for (int start = 0; start < text.length() && lines < 10_000; lines++) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String raw = text.substring(start, end);
            String line = raw.strip();
            start = end + 1;
            if (line.startsWith("# Generated by ") && line.matches("# Generated by ip6?tables(-nft|-legacy)?-save.*")) {
                return found(IPTABLES);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!cisco.see(raw, line)) {
                cisco = CiscoSigns.NONE;
            }
            if (line.matches("\\*(filter|nat|mangle|raw|security)")) {
                return found(IPTABLES);
            }
            if (first && line.startsWith("Chain ") && line.contains("(policy")) {
                return new Detection(Optional.empty(), "this is 'iptables -L' output (expected 'iptables-save' output,"
                        + " which has every rule with all its options)");
            }
            if (first && line.startsWith("table ") && line.endsWith("{")) {
                return new Detection(Optional.empty(), "this is 'nft list ruleset' text (expected its JSON form:"
                        + " 'nft -j list ruleset')");
            }
            first = false;
        }
        return cisco.format().map(RulesetFormat::found).orElse(found(YAML));
    }

    private static Detection found(RulesetFormat format) {
        return new Detection(Optional.of(format), "");
    }

    private static int skipBlank(String text, int from) {
        int i = from;
        if (i == 0 && text.startsWith("\uFEFF")) {
            i = 1;
        }
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
