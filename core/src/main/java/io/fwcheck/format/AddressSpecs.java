package io.fwcheck.format;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one address item as users write it in every input format: a CIDR block
 * ({@code 10.0.1.0/24}), a range ({@code 10.0.1.10-10.0.1.20}) or a single address, IPv4 or IPv6.
 * Ambiguous input is rejected, never guessed: leading zeros, host bits set in a CIDR, reversed or
 * mixed-family ranges. Errors are {@link IllegalArgumentException}s whose message names the text
 * and ends with {@code (expected …)}; format readers wrap them with the file location.
 */
public final class AddressSpecs {

    private static final Pattern DOTTED = Pattern.compile("([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final String EXPECTED_ITEM =
            "an address (10.0.2.10, 2001:db8::10), a CIDR block (10.0.1.0/24) or a range (10.0.1.10-10.0.1.20)";

    private AddressSpecs() {}

    /**
     * Parses a CIDR block, a range {@code first-last} or a single address.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static AddressRange parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty address (expected " + EXPECTED_ITEM + ")");
        }
        if (hasWhitespace(text)) {
            throw new IllegalArgumentException("'" + text + "' contains whitespace (expected " + EXPECTED_ITEM + ")");
        }
        if (text.indexOf('/') >= 0) {
            return parseCidr(text);
        }
        if (text.indexOf('-') >= 0) {
            return parseRange(text);
        }
        return AddressRange.of(parseAddress(text));
    }

    /**
     * Parses a CIDR block whose host bits may be set, clearing them ({@code 10.0.1.5/24} is
     * {@code 10.0.1.0/24}), as AWS stores such blocks; otherwise as strict as {@link #parse}.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static AddressRange parseMasked(String text) {
        if (text == null || text.indexOf('/') < 0 || text.indexOf('/') != text.lastIndexOf('/')) {
            return parse(text);
        }
        int slash = text.indexOf('/');
        Address base = parseAddress(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (!PREFIX_LENGTH.matcher(length).matches() || Integer.parseInt(length) > base.family().bits()) {
            return parse(text);
        }
        return AddressRange.covering(base, Integer.parseInt(length));
    }

    /**
     * Parses one address strictly (no prefix, range or host name), with a precise message for
     * leading zeros and out-of-range IPv4 octets.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Address parseAddress(String text) {
        Optional<Address> parsed = Address.tryParse(text);
        if (parsed.isPresent()) {
            return parsed.get();
        }
        Matcher dotted = DOTTED.matcher(text);
        if (dotted.matches()) {
            for (int i = 1; i <= 4; i++) {
                String octet = dotted.group(i);
                if (octet.length() > 1 && octet.startsWith("0")) {
                    throw new IllegalArgumentException("'" + text + "' has the octet '" + octet
                            + "' with a leading zero, which is ambiguous (octal or decimal?)"
                            + " (expected decimal octets without leading zeros, e.g. 10.0.2.10)");
                }
                if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IP address: octet " + octet
                            + " is over 255 (expected four octets 0-255, e.g. 10.0.2.10)");
                }
            }
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not an IP address (expected e.g. 10.0.2.10 or 2001:db8::10)");
    }

    private static AddressRange parseCidr(String text) {
        int slash = text.indexOf('/');
        if (slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("'" + text + "' has more than one '/' (expected a CIDR block like 10.0.1.0/24)");
        }
        Address base = parseAddress(text.substring(0, slash));
        int max = base.family().bits();
        String length = text.substring(slash + 1);
        if (!PREFIX_LENGTH.matcher(length).matches() || Integer.parseInt(length) > max) {
            throw new IllegalArgumentException("prefix length '" + length + "' in '" + text
                    + "' is not valid (expected a number 0-" + max + " without leading zeros)");
        }
        return AddressRange.cidr(base, Integer.parseInt(length));
    }

    private static AddressRange parseRange(String text) {
        int dash = text.indexOf('-');
        if (dash != text.lastIndexOf('-')) {
            throw new IllegalArgumentException("'" + text + "' has more than one '-' (expected a range like 10.0.1.10-10.0.1.20)");
        }
        Address first = parseAddress(text.substring(0, dash));
        Address last = parseAddress(text.substring(dash + 1));
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range '" + text
                    + "' mixes IPv4 and IPv6 (expected two addresses of the same family)");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range '" + text + "' is reversed (expected the lower address first: "
                    + last + "-" + first + ")");
        }
        return new AddressRange(first, last);
    }

    private static boolean hasWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
