package io.fwcheck.format;

import io.fwcheck.model.IntRanges;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses protocols, ports, ICMP types and service specs as users write them in every input format:
 * {@code tcp/5432}, {@code udp/53}, {@code tcp/8000-8080}, {@code tcp/22,80,443}, {@code icmp/8},
 * {@code icmp/8/0}, {@code icmpv6/echo-request}, {@code tcp} (every port), {@code any}. Errors are
 * {@link IllegalArgumentException}s whose message names the text and ends with
 * {@code (expected …)}; format readers wrap them with the file location.
 */
public final class ServiceSpecs {

    /** The names of {@code any} protocol, port or service. */
    public static final String ANY = "any";

    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String PROTOCOL_NAMES = "tcp, udp, icmp, icmpv6, sctp, dccp, udplite, gre, esp, ah, igmp";
    private static final String EXPECTED_SPEC = "a service such as tcp/5432, udp/53, tcp/8000-8080, tcp/22,80,443, "
            + "icmp/8, icmp/8/0, icmpv6/echo-request, tcp or any";

    /** ICMP (IPv4) message names: type, and code or -1 for every code. */
    private static final Map<String, int[]> ICMP_NAMES = Map.ofEntries(
            Map.entry("echo-reply", new int[] {0, -1}),
            Map.entry("pong", new int[] {0, -1}),
            Map.entry("destination-unreachable", new int[] {3, -1}),
            Map.entry("network-unreachable", new int[] {3, 0}),
            Map.entry("host-unreachable", new int[] {3, 1}),
            Map.entry("protocol-unreachable", new int[] {3, 2}),
            Map.entry("port-unreachable", new int[] {3, 3}),
            Map.entry("fragmentation-needed", new int[] {3, 4}),
            Map.entry("communication-prohibited", new int[] {3, 13}),
            Map.entry("source-quench", new int[] {4, -1}),
            Map.entry("redirect", new int[] {5, -1}),
            Map.entry("echo-request", new int[] {8, -1}),
            Map.entry("ping", new int[] {8, -1}),
            Map.entry("router-advertisement", new int[] {9, -1}),
            Map.entry("router-solicitation", new int[] {10, -1}),
            Map.entry("time-exceeded", new int[] {11, -1}),
            Map.entry("ttl-exceeded", new int[] {11, -1}),
            Map.entry("ttl-zero-during-transit", new int[] {11, 0}),
            Map.entry("ttl-zero-during-reassembly", new int[] {11, 1}),
            Map.entry("parameter-problem", new int[] {12, -1}),
            Map.entry("timestamp-request", new int[] {13, -1}),
            Map.entry("timestamp-reply", new int[] {14, -1}),
            Map.entry("address-mask-request", new int[] {17, -1}),
            Map.entry("address-mask-reply", new int[] {18, -1}));

    /** ICMPv6 message names: type, and code or -1 for every code. */
    private static final Map<String, int[]> ICMPV6_NAMES = Map.ofEntries(
            Map.entry("destination-unreachable", new int[] {1, -1}),
            Map.entry("no-route", new int[] {1, 0}),
            Map.entry("communication-prohibited", new int[] {1, 1}),
            Map.entry("address-unreachable", new int[] {1, 3}),
            Map.entry("port-unreachable", new int[] {1, 4}),
            Map.entry("packet-too-big", new int[] {2, -1}),
            Map.entry("time-exceeded", new int[] {3, -1}),
            Map.entry("ttl-exceeded", new int[] {3, -1}),
            Map.entry("parameter-problem", new int[] {4, -1}),
            Map.entry("echo-request", new int[] {128, -1}),
            Map.entry("ping", new int[] {128, -1}),
            Map.entry("echo-reply", new int[] {129, -1}),
            Map.entry("pong", new int[] {129, -1}),
            Map.entry("router-solicitation", new int[] {133, -1}),
            Map.entry("router-advertisement", new int[] {134, -1}),
            Map.entry("neighbour-solicitation", new int[] {135, -1}),
            Map.entry("neighbor-solicitation", new int[] {135, -1}),
            Map.entry("neighbour-advertisement", new int[] {136, -1}),
            Map.entry("neighbor-advertisement", new int[] {136, -1}),
            Map.entry("redirect", new int[] {137, -1}));

    private ServiceSpecs() {}

    /**
     * Parses an inline service: one spec, named by its text.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Service parse(String text) {
        return new Service(text, List.of(parsePart(text)));
    }

    /**
     * True when the text is written as a service spec ({@code any}, a protocol, a number, or
     * something with a {@code /}) rather than as the name of a service.
     */
    public static boolean looksLikeSpec(String text) {
        return text.equalsIgnoreCase(ANY) || text.indexOf('/') >= 0 || Protocol.parse(text).isPresent()
                || DIGITS.matcher(text).matches();
    }

    /**
     * Parses one service spec into a service part. A bare number is rejected as ambiguous (a port
     * without its protocol, or a protocol number?).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Service.Part parsePart(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty service (expected " + EXPECTED_SPEC + ")");
        }
        if (text.equalsIgnoreCase(ANY)) {
            return Service.ANY.parts().get(0);
        }
        if (DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is ambiguous: a port or a protocol number?"
                    + " (expected a protocol with the port, e.g. tcp/" + text + ", or a protocol name such as gre)");
        }
        String[] pieces = text.split("/", -1);
        if (pieces.length > 3) {
            throw new IllegalArgumentException("'" + text + "' has too many '/' (expected " + EXPECTED_SPEC + ")");
        }
        for (int i = 1; i < pieces.length; i++) {
            if (pieces[i].isBlank()) {
                throw new IllegalArgumentException("'" + text + "' has nothing after a '/' (expected " + EXPECTED_SPEC + ")");
            }
        }
        int protocol = parseProtocolIn(pieces[0], text);
        IntRanges protocols = IntRanges.of(protocol);
        if (pieces.length == 1) {
            return new Service.Part(protocols, Optional.empty(), Optional.empty());
        }
        if (Protocol.hasPorts(protocol)) {
            if (pieces.length == 3) {
                throw new IllegalArgumentException("'" + text + "' has too many '/' (expected a protocol and ports, e.g. "
                        + Protocol.name(protocol) + "/5432)");
            }
            return new Service.Part(protocols, Optional.of(parsePorts(pieces[1])), Optional.empty());
        }
        if (Protocol.isIcmp(protocol)) {
            String icmp = pieces.length == 3 ? pieces[1] + "/" + pieces[2] : pieces[1];
            return new Service.Part(protocols, Optional.empty(), Optional.of(parseIcmpIn(icmp, protocol, text)));
        }
        throw new IllegalArgumentException("'" + text + "': protocol " + Protocol.name(protocol)
                + " has no ports or ICMP types (expected '" + pieces[0] + "' alone)");
    }

    /**
     * Parses a protocol name ({@code tcp}, case-insensitive) or number ({@code 6}).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static int parseProtocol(String text) {
        OptionalInt parsed = Protocol.parse(text);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("unknown protocol '" + text + "' (expected a protocol name ("
                    + PROTOCOL_NAMES + ") or a number 0-255)");
        }
        return parsed.getAsInt();
    }

    private static int parseProtocolIn(String protocol, String whole) {
        if (protocol.equals(whole)) {
            return parseProtocol(protocol);
        }
        OptionalInt parsed = Protocol.parse(protocol);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("unknown protocol '" + protocol + "' in '" + whole
                    + "' (expected a protocol name (" + PROTOCOL_NAMES + ") or a number 0-255)");
        }
        return parsed.getAsInt();
    }

    /**
     * Parses destination or source ports: {@code 22}, {@code 8000-8080}, or a comma list of those
     * ({@code 22,80,443}).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static IntRanges parsePorts(String text) {
        List<int[]> pairs = new ArrayList<>();
        for (String piece : text.split(",", -1)) {
            String trimmed = piece.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("empty port in '" + text + "' (expected ports like 22,80,443)");
            }
            IntRanges range = parsePortRange(trimmed);
            pairs.add(new int[] {range.lo(0), range.hi(0)});
        }
        return IntRanges.ofPairs(pairs);
    }

    /**
     * Parses one port ({@code 22}) or one port range ({@code 8000-8080}).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static IntRanges parsePortRange(String text) {
        int dash = text.indexOf('-');
        if (dash > 0) {
            int lo = parsePort(text.substring(0, dash), text);
            int hi = parsePort(text.substring(dash + 1), text);
            if (lo > hi) {
                throw new IllegalArgumentException("port range '" + text + "' is reversed (expected the lower port first: "
                        + hi + "-" + lo + ")");
            }
            return IntRanges.range(lo, hi);
        }
        return IntRanges.of(parsePort(text, text));
    }

    private static int parsePort(String port, String whole) {
        String where = port.equals(whole) ? "" : " in '" + whole + "'";
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.isEmpty()) {
            throw new IllegalArgumentException("'" + port + "'" + where
                    + " is not a port (expected a port 0-65535 or a range like 8000-8080)");
        }
        if (!NUMBER.matcher(port).matches()) {
            throw new IllegalArgumentException("port '" + port + "'" + where
                    + " has a leading zero, which is ambiguous (expected a decimal port 0-65535 without leading zeros)");
        }
        if (port.length() > 5 || Integer.parseInt(port) > Match.PORT_MAX) {
            throw new IllegalArgumentException("port " + port + where + " is out of range (expected a port 0-65535)");
        }
        return Integer.parseInt(port);
    }

    /**
     * Parses an ICMP type for a protocol ({@link Protocol#ICMP} or {@link Protocol#ICMPV6}): a
     * number ({@code 8}, every code), {@code type/code} ({@code 3/4}) or a name
     * ({@code echo-request}). The result holds values {@code type << 8 | code}.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static IntRanges parseIcmp(String text, int protocol) {
        return parseIcmpIn(text, protocol, text);
    }

    private static IntRanges parseIcmpIn(String text, int protocol, String whole) {
        if (!Protocol.isIcmp(protocol)) {
            throw new IllegalArgumentException("ICMP type '" + text + "' needs protocol icmp or icmpv6, not "
                    + Protocol.name(protocol) + " (expected protocol icmp or icmpv6)");
        }
        Map<String, int[]> names = protocol == Protocol.ICMP ? ICMP_NAMES : ICMPV6_NAMES;
        int[] named = names.get(text.toLowerCase(Locale.ROOT));
        if (named != null) {
            return icmpValues(named[0], named[1]);
        }
        String[] pieces = text.split("/", -1);
        if (pieces.length > 2) {
            throw new IllegalArgumentException("'" + whole + "' is not an ICMP type (expected a type, type/code like 3/4, "
                    + "or a name like echo-request)");
        }
        int type = parseIcmpNumber(pieces[0], "type", whole, protocol);
        int code = pieces.length == 2 ? parseIcmpNumber(pieces[1], "code", whole, protocol) : -1;
        return icmpValues(type, code);
    }

    private static IntRanges icmpValues(int type, int code) {
        return code < 0 ? IntRanges.range(type << 8, type << 8 | 0xFF) : IntRanges.of(type << 8 | code);
    }

    private static int parseIcmpNumber(String number, String what, String whole, int protocol) {
        if (!NUMBER.matcher(number).matches() || number.length() > 3 || Integer.parseInt(number) > 255) {
            String example = protocol == Protocol.ICMP ? "8 or echo-request" : "128 or echo-request";
            String where = number.equals(whole) ? "" : " in '" + whole + "'";
            throw new IllegalArgumentException("'" + number + "'" + where + " is not an " + Protocol.name(protocol) + " " + what
                    + " (expected a " + what + " 0-255 without leading zeros, type/code like 3/4, or a name; e.g. "
                    + example + ")");
        }
        return Integer.parseInt(number);
    }
}
