package io.fwcheck.format;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What tells a Cisco configuration from other text, and ASA from IOS, line by line. ASA signs:
 * its version header, {@code access-group NAME in interface IF}, {@code object network|service},
 * {@code nameif}, {@code clear configure access-list}. IOS signs: {@code ip access-list …},
 * {@code ipv4|ipv6 access-list NAME}, {@code access-list 101 permit|deny|remark},
 * {@code ip access-group} in an interface. Lines {@code access-list NAME extended …} alone are
 * ASA's when their masks are netmasks ({@code 255.255.255.0}) rather than wildcards
 * ({@code 0.0.0.255}). A configuration with none of these but {@code hostname} and
 * {@code interface} stanzas is IOS. A line that looks like a YAML key ({@code rules:}) rules Cisco out.
 */
final class CiscoSigns {

    /** Signs of a text that is not a Cisco configuration. */
    static final CiscoSigns NONE = new CiscoSigns(true);

    private static final Pattern YAML_KEY = Pattern.compile("[A-Za-z_][\\w.-]*:(\\s.*)?");
    private static final Pattern ASA = Pattern.compile("(?:ASA|PIX|FWSM) Version \\S.*|access-group \\S+ (?:(?:in|out)"
            + " interface \\S+.*|global)|object (?:network|service) \\S+|clear configure access-list.*|: Saved.*");
    private static final Pattern IOS = Pattern.compile("ip access-list (?:standard |extended )?\\S+|ipv[46] access-list"
            + " (?:standard |extended )?\\S+|access-list \\d+ (?:permit|deny|remark|dynamic) .*");
    private static final Pattern NAMED_LIST = Pattern.compile("access-list \\S+ (?:line \\d+ )?(?:extended|standard) .*");
    private static final Pattern ADDRESS_AND_MASK = Pattern.compile(
            "(?<![\\d.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3} (\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?![\\d.])");

    private final boolean none;
    private boolean asa;
    private boolean ios;
    private int netmasks;
    private int wildcards;
    private boolean namedLists;
    private boolean hostname;
    private boolean interfaces;

    CiscoSigns() {
        this(false);
    }

    private CiscoSigns(boolean none) {
        this.none = none;
    }

    /**
     * Takes one non-blank line.
     *
     * @param raw the line as written
     * @param line the line without leading and trailing blanks
     * @return false when the line rules a Cisco configuration out
     */
    boolean see(String raw, String line) {
        if (none) {
            return false;
        }
        boolean indented = raw.charAt(0) == ' ' || raw.charAt(0) == '\t';
        if (indented) {
            if (line.startsWith("nameif ")) {
                asa = true;
            } else if (line.startsWith("ip access-group ")) {
                ios = true;
            }
            return true;
        }
        if (YAML_KEY.matcher(line).matches() || line.startsWith("- ") || line.equals("---")) {
            return false;
        }
        char c = line.charAt(0);
        if ((c == 'A' || c == 'P' || c == 'F' || c == 'a' || c == 'o' || c == 'c' || c == ':') && ASA.matcher(line).matches()) {
            asa = true;
        } else if ((c == 'i' || c == 'a') && IOS.matcher(line).matches()) {
            ios = true;
        } else if (c == 'a' && NAMED_LIST.matcher(line).matches()) {
            namedLists = true;
            Matcher m = ADDRESS_AND_MASK.matcher(line);
            while (m.find()) {
                int firstOctet = Integer.parseInt(m.group(1));
                if (firstOctet == 255) {
                    netmasks++;
                } else if (firstOctet == 0) {
                    wildcards++;
                }
            }
        } else if (line.startsWith("hostname ")) {
            hostname = true;
        } else if (line.startsWith("interface ")) {
            interfaces = true;
        }
        return true;
    }

    /** The format these signs point to, if any. */
    Optional<RulesetFormat> format() {
        if (none) {
            return Optional.empty();
        }
        if (asa) {
            return Optional.of(RulesetFormat.CISCO_ASA);
        }
        if (ios) {
            return Optional.of(RulesetFormat.CISCO_IOS);
        }
        if (namedLists) {
            return Optional.of(wildcards > netmasks ? RulesetFormat.CISCO_IOS : RulesetFormat.CISCO_ASA);
        }
        if (hostname && interfaces) {
            return Optional.of(RulesetFormat.CISCO_IOS);
        }
        return Optional.empty();
    }
}
