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
 * @param ruleset which ruleset to read when a file holds several (a security group id or name,
 *     an access-list name, a resource address; see {@link RulesetLoader#list}), or empty when the
 *     file holds one
 */
public record LoadOptions(Optional<RulesetFormat> format, Hook hook, Optional<Path> ipsetFile, Optional<IpFamily> family,
        Optional<String> ruleset) {

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
        Objects.requireNonNull(ruleset, "ruleset");
    }

    /** Detect the format and family, the INPUT hook, no ipsets, the file's only ruleset. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    public LoadOptions withFormat(RulesetFormat value) {
        return new LoadOptions(Optional.of(value), hook, ipsetFile, family, ruleset);
    }

    public LoadOptions withHook(Hook value) {
        return new LoadOptions(format, value, ipsetFile, family, ruleset);
    }

    public LoadOptions withIpsetFile(Path value) {
        return new LoadOptions(format, hook, Optional.of(value), family, ruleset);
    }

    public LoadOptions withFamily(IpFamily value) {
        return new LoadOptions(format, hook, ipsetFile, Optional.of(value), ruleset);
    }

    /** Selects the ruleset named {@code value} in a file that holds several. */
    public LoadOptions withRuleset(String value) {
        return new LoadOptions(format, hook, ipsetFile, family, Optional.of(value));
    }

    /** The same options without a ruleset selection. */
    public LoadOptions withoutRuleset() {
        return new LoadOptions(format, hook, ipsetFile, family, Optional.empty());
    }
}
