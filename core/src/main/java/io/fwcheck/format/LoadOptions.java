package io.fwcheck.format;

import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IpFamily;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a ruleset file: its format (detected from the content when absent), which hook's
 * chain is the ruleset, the ipset definitions to resolve {@code -m set} with, the address
 * family of an iptables-save dump (detected when absent), and the addresses of the names cloud
 * rules refer to (security groups, prefix lists, service tags, network tags).
 *
 * @param format the input format, or empty to detect it from the content
 * @param hook the packets the ruleset is about: those arriving for the host ({@link Hook#INPUT}),
 *     routed through it ({@link Hook#FORWARD}) or sent by it ({@link Hook#OUTPUT})
 * @param ipsetFile an {@code ipset save} file defining the sets the rules refer to, or empty
 * @param family the address family of the dump, or empty to detect it
 * @param ruleset which ruleset to read when a file holds several (a security group id or name,
 *     an access-list name, a resource address; see {@link RulesetLoader#list}), or empty when the
 *     file holds one; for cloud formats several names separated by commas select the rulesets
 *     that apply together (e.g. the security groups of one network interface)
 * @param membersFile a file with the addresses of the names cloud rules refer to: the output of
 *     {@code aws ec2 describe-network-interfaces} (security group members) or a YAML members file
 *     (docs/formats-cloud.md), or empty
 * @param addressNames more such names and their addresses, e.g. a policy's groups; the members
 *     file's definition of a name comes first
 * @param ip6File the ip6tables-save dump of the same host, read with an iptables-save dump into one
 *     ruleset for both families, or empty
 */
public record LoadOptions(Optional<RulesetFormat> format, Hook hook, Optional<Path> ipsetFile, Optional<IpFamily> family,
        Optional<String> ruleset, Optional<Path> membersFile, Map<String, AddressSet> addressNames, Optional<Path> ip6File) {

    /** The netfilter hook whose base chain is analysed. */
    public enum Hook {
        INPUT,
        FORWARD,
        OUTPUT;

        /** {@code input}, {@code forward}, {@code output}, case-insensitive. */
        public static Hook parse(String text) {
            for (Hook h : values()) {
                if (h.name().equalsIgnoreCase(text)) {
                    return h;
                }
            }
            throw new IllegalArgumentException("unknown hook '" + text + "' (expected input, forward or output)");
        }

        /** The hook's name as users write it: {@code input}, {@code forward}, {@code output}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final LoadOptions DEFAULTS = new LoadOptions(Optional.empty(), Hook.INPUT, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Map.of(), Optional.empty());

    public LoadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(ipsetFile, "ipsetFile");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(ruleset, "ruleset");
        Objects.requireNonNull(membersFile, "membersFile");
        Objects.requireNonNull(ip6File, "ip6File");
        addressNames = Collections.unmodifiableMap(new LinkedHashMap<>(addressNames));
    }

    /** Detect the format and family, the INPUT hook, no ipsets, the file's only ruleset, no named addresses. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    public LoadOptions withFormat(RulesetFormat value) {
        return new LoadOptions(Optional.of(value), hook, ipsetFile, family, ruleset, membersFile, addressNames, ip6File);
    }

    public LoadOptions withHook(Hook value) {
        return new LoadOptions(format, value, ipsetFile, family, ruleset, membersFile, addressNames, ip6File);
    }

    public LoadOptions withIpsetFile(Path value) {
        return new LoadOptions(format, hook, Optional.of(value), family, ruleset, membersFile, addressNames, ip6File);
    }

    public LoadOptions withFamily(IpFamily value) {
        return new LoadOptions(format, hook, ipsetFile, Optional.of(value), ruleset, membersFile, addressNames, ip6File);
    }

    /** Selects the ruleset named {@code value} in a file that holds several. */
    public LoadOptions withRuleset(String value) {
        return new LoadOptions(format, hook, ipsetFile, family, Optional.of(value), membersFile, addressNames, ip6File);
    }

    /** The same options without a ruleset selection. */
    public LoadOptions withoutRuleset() {
        return new LoadOptions(format, hook, ipsetFile, family, Optional.empty(), membersFile, addressNames, ip6File);
    }

    /** Resolves the names cloud rules refer to with this members file. */
    public LoadOptions withMembersFile(Path value) {
        return new LoadOptions(format, hook, ipsetFile, family, ruleset, Optional.of(value), addressNames, ip6File);
    }

    /** Resolves the names cloud rules refer to with these definitions too (after the members file's). */
    public LoadOptions withAddressNames(Map<String, AddressSet> value) {
        return new LoadOptions(format, hook, ipsetFile, family, ruleset, membersFile, value, ip6File);
    }

    /** Reads an iptables-save dump together with the ip6tables-save dump {@code value} of the same host. */
    public LoadOptions withIp6File(Path value) {
        return new LoadOptions(format, hook, ipsetFile, family, ruleset, membersFile, addressNames, Optional.of(value));
    }
}
