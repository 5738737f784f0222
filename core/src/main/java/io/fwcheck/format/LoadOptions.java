package io.fwcheck.format;

import io.fwcheck.model.IpFamily;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a ruleset file: its format (detected from the content when absent), which hook's
 * chain is the ruleset, the ipset definitions to resolve {@code -m set} with, and the address
 * family of an iptables-save dump (detected when absent).
 *
 * @param format the input format, or empty to detect it from the content
 * @param hook the packets the ruleset is about: those arriving for the host ({@link Hook#INPUT}),
 *     routed through it ({@link Hook#FORWARD}) or sent by it ({@link Hook#OUTPUT})
 * @param ipsetFile an {@code ipset save} file defining the sets the rules refer to, or empty
 * @param family the address family of the dump, or empty to detect it
 * @param ip6File the ip6tables-save dump of the same host, read with an iptables-save dump into one
 *     ruleset for both families, or empty
 */
public record LoadOptions(Optional<RulesetFormat> format, Hook hook, Optional<Path> ipsetFile, Optional<IpFamily> family,
        Optional<Path> ip6File) {

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
            Optional.empty());

    public LoadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(ipsetFile, "ipsetFile");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(ip6File, "ip6File");
    }

    /** Detect the format and family, the INPUT hook, no ipsets. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    public LoadOptions withFormat(RulesetFormat value) {
        return new LoadOptions(Optional.of(value), hook, ipsetFile, family, ip6File);
    }

    public LoadOptions withHook(Hook value) {
        return new LoadOptions(format, value, ipsetFile, family, ip6File);
    }

    public LoadOptions withIpsetFile(Path value) {
        return new LoadOptions(format, hook, Optional.of(value), family, ip6File);
    }

    public LoadOptions withFamily(IpFamily value) {
        return new LoadOptions(format, hook, ipsetFile, Optional.of(value), ip6File);
    }

    /** Reads an iptables-save dump together with the ip6tables-save dump {@code value} of the same host. */
    public LoadOptions withIp6File(Path value) {
        return new LoadOptions(format, hook, ipsetFile, family, Optional.of(value));
    }
}
