package io.fwcheck.format.cisco;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.InputException;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Walks the words of one configuration line and reads the operands access lists and objects
 * share: addresses, masks, port operators, ICMP types. Malformed values are {@link InputException}s
 * at the word's line and column; words fwcheck does not know throw {@link NotModelled}, which the
 * caller turns into an unmodelled condition.
 */
final class Cursor {

    /** A word fwcheck does not know at {@link #index}: the rest of the line from there is not modelled. */
    static final class NotModelled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;

        NotModelled(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    private static final long MASK32 = 0xFFFF_FFFFL;

    final ConfigLine line;
    final String file;
    int index;

    Cursor(ConfigLine line, String file, int index) {
        this.line = line;
        this.file = file;
        this.index = index;
    }

    boolean atEnd() {
        return index >= line.size();
    }

    String peek() {
        return line.word(index);
    }

    String peek(int ahead) {
        return line.word(index + ahead);
    }

    String next() {
        return line.word(index++);
    }

    SourceLocation here() {
        return line.at(file, index);
    }

    SourceLocation at(int wordIndex) {
        return line.at(file, wordIndex);
    }

    InputException error(String problem, String expected) {
        return new InputException(here(), problem, expected);
    }

    InputException errorAt(int wordIndex, String problem, String expected) {
        return new InputException(at(wordIndex), problem, expected);
    }

    /** Not modelled from the current word on. */
    NotModelled notModelled() {
        return new NotModelled(index);
    }

    /** The words from {@code wordIndex} on as an unmodelled condition at that word. */
    Unmodelled unmodelled(int wordIndex, String why) {
        return new Unmodelled(line.words(wordIndex) + why, at(wordIndex));
    }

    /** The next word, which must be there. */
    String required(String expected) {
        if (atEnd()) {
            throw error("the line ends early", expected);
        }
        return next();
    }

    /** True when the word looks like an address (digits and dots, or a colon). */
    static boolean looksLikeAddress(String word) {
        if (word.indexOf(':') >= 0) {
            return true;
        }
        return !word.isEmpty() && Character.isDigit(word.charAt(0)) && word.indexOf('.') >= 0;
    }

    /** Reads an IPv4 address in dotted form. */
    long ipv4(String what) {
        int at = index;
        String word = required(what);
        Address a = address(at, word, what);
        if (a.family() != IpFamily.IPV4) {
            throw errorAt(at, "'" + word + "' is an IPv6 address", what);
        }
        return a.lo();
    }

    /** Reads an address of either family. */
    Address address(String what) {
        int at = index;
        return address(at, required(what), what);
    }

    private Address address(int at, String word, String what) {
        try {
            return AddressSpecs.parseAddress(word);
        } catch (IllegalArgumentException e) {
            throw errorAt(at, e.getMessage().replaceAll(" \\(expected .*\\)$", ""), what);
        }
    }

    /** Reads a CIDR block {@code a/len}; host bits below the prefix are ignored, as the devices match. */
    AddressRange prefix(String what) {
        int at = index;
        String word = required(what);
        int slash = word.indexOf('/');
        Address base = address(at, word.substring(0, slash), what);
        OptionalInt length = CiscoNames.number(word.substring(slash + 1), base.family().bits());
        if (length.isEmpty()) {
            throw errorAt(at, "prefix length '" + word.substring(slash + 1) + "' in '" + word + "' is not valid",
                    "a number 0-" + base.family().bits());
        }
        int hostBits = base.family().bits() - length.getAsInt();
        long maskHi = hostBits >= 128 ? -1L : hostBits > 64 ? (-1L >>> (128 - hostBits)) : 0L;
        long maskLo = hostBits >= 64 ? -1L : hostBits == 0 ? 0L : (-1L >>> (64 - hostBits));
        if (base.family() == IpFamily.IPV4) {
            maskLo &= MASK32;
        }
        Address network = new Address(base.family(), base.hi() & ~maskHi, base.lo() & ~maskLo);
        return AddressRange.cidr(network, length.getAsInt());
    }

    /**
     * Reads {@code address netmask} (ASA, object groups): the mask must have its ones first and
     * the address no bits outside it, as the devices refuse such pairs.
     */
    AddressRange addressAndNetmask() {
        int at = index;
        long address = ipv4("an IPv4 address");
        int maskAt = index;
        long mask = ipv4("a netmask like 255.255.255.0 after " + Address.ipv4(address));
        if (!Wildcards.isContiguousNetmask(mask)) {
            throw errorAt(maskAt, "netmask " + Address.ipv4(mask) + " is not contiguous",
                    "a netmask with its one bits first, like 255.255.255.0");
        }
        int length = Wildcards.prefixLength(mask);
        if ((address & ~mask & MASK32) != 0) {
            throw errorAt(at, "address " + Address.ipv4(address) + " has bits set outside netmask " + Address.ipv4(mask),
                    "the network address " + Address.ipv4(address & mask) + " " + Address.ipv4(mask));
        }
        return AddressRange.cidr(Address.ipv4(address), length);
    }

    /** Reads a range {@code first last} of two addresses of one family. */
    AddressRange range() {
        int at = index;
        Address first = address("the first address of the range");
        Address last = address("the last address of the range");
        if (first.family() != last.family()) {
            throw errorAt(at, "range " + first + " " + last + " mixes IPv4 and IPv6", "two addresses of one family");
        }
        if (first.compareTo(last) > 0) {
            throw errorAt(at, "range " + first + " " + last + " is reversed", "the lower address first");
        }
        return new AddressRange(first, last);
    }

    static boolean isPortOperator(String word) {
        return switch (word) {
            case "eq", "neq", "lt", "gt", "range" -> true;
            default -> false;
        };
    }

    /**
     * Reads a port operator and its ports: {@code eq P}, {@code neq P}, {@code lt P}, {@code gt P},
     * {@code range A B}; with {@code several}, {@code eq} and {@code neq} take more ports (IOS).
     *
     * @param protocols the protocols whose port keywords apply: TCP, UDP or both ({@code tcp-udp})
     */
    IntRanges portOperator(IntRanges protocols, boolean several) {
        int opAt = index;
        try {
            return ports(protocols, several);
        } catch (NotModelled unknownPort) {
            throw new NotModelled(opAt);
        }
    }

    private IntRanges ports(IntRanges protocols, boolean several) {
        String op = next();
        switch (op) {
            case "eq", "neq" -> {
                List<int[]> ports = new ArrayList<>();
                int p = port(protocols);
                ports.add(new int[] {p, p});
                while (several && !atEnd() && isPortWord(peek(), protocols)) {
                    int q = port(protocols);
                    ports.add(new int[] {q, q});
                }
                IntRanges set = IntRanges.ofPairs(ports);
                return op.equals("eq") ? set : set.complement(Match.PORT_MAX);
            }
            case "lt" -> {
                int p = port(protocols);
                return p == 0 ? IntRanges.empty() : IntRanges.range(0, p - 1);
            }
            case "gt" -> {
                int p = port(protocols);
                return p == Match.PORT_MAX ? IntRanges.empty() : IntRanges.range(p + 1, Match.PORT_MAX);
            }
            case "range" -> {
                int at = index;
                int lo = port(protocols);
                int hi = port(protocols);
                if (lo > hi) {
                    throw errorAt(at, "port range " + lo + " " + hi + " is reversed", "the lower port first: range " + hi + " " + lo);
                }
                return IntRanges.range(lo, hi);
            }
            default -> throw new IllegalStateException(op);
        }
    }

    private static boolean isPortWord(String word, IntRanges protocols) {
        return CiscoNames.isDigits(word) || keyword(word, protocols).isPresent();
    }

    /** A port number or keyword. */
    int port(IntRanges protocols) {
        int at = index;
        String word = required("a port number 0-65535 or name");
        if (CiscoNames.isDigits(word)) {
            OptionalInt n = CiscoNames.number(word, Match.PORT_MAX);
            if (n.isEmpty()) {
                throw errorAt(at, "port " + word + " is out of range", "a port 0-65535 without leading zeros");
            }
            return n.getAsInt();
        }
        OptionalInt named = keyword(word, protocols);
        if (named.isEmpty()) {
            index = at;
            throw notModelled();
        }
        return named.getAsInt();
    }

    /** The port a keyword names for every protocol given (TCP, UDP), or empty. */
    private static OptionalInt keyword(String word, IntRanges protocols) {
        OptionalInt found = OptionalInt.empty();
        for (int p : new int[] {Protocol.TCP, Protocol.UDP}) {
            if (protocols.contains(p)) {
                OptionalInt v = CiscoNames.port(word, p);
                if (v.isEmpty() || found.isPresent() && found.getAsInt() != v.getAsInt()) {
                    return OptionalInt.empty();
                }
                found = v;
            }
        }
        return found;
    }

    /**
     * Reads an optional ICMP type and code at the cursor: a keyword, or a type number and an
     * optional code number. Empty when the next word is neither.
     *
     * @return the ICMP values {@code type << 8 | code}, or null when there is no type here
     */
    IntRanges icmpType(boolean v6) {
        if (atEnd()) {
            return null;
        }
        String word = peek();
        int[] named = CiscoNames.icmp(word, v6);
        if (named != null) {
            index++;
            return IntRanges.range(named[0] << 8 | named[1], named[0] << 8 | named[2]);
        }
        if (!CiscoNames.isDigits(word)) {
            return null;
        }
        int at = index++;
        OptionalInt type = CiscoNames.number(word, 255);
        if (type.isEmpty()) {
            throw errorAt(at, "ICMP type " + word + " is out of range", "a type 0-255");
        }
        if (!atEnd() && CiscoNames.isDigits(peek())) {
            int codeAt = index;
            OptionalInt code = CiscoNames.number(next(), 255);
            if (code.isEmpty()) {
                throw errorAt(codeAt, "ICMP code " + line.word(codeAt) + " is out of range", "a code 0-255");
            }
            return IntRanges.of(type.getAsInt() << 8 | code.getAsInt());
        }
        return IntRanges.range(type.getAsInt() << 8, type.getAsInt() << 8 | 0xFF);
    }
}
