package io.fwcheck.model;

import java.util.Optional;

/**
 * One IPv4 or IPv6 address as a 128-bit unsigned number ({@code hi}, {@code lo}); an IPv4 address
 * has {@code hi == 0} and its 32 bits in the low end of {@code lo}.
 */
public record Address(IpFamily family, long hi, long lo) implements Comparable<Address> {

    public Address {
        if (family == null) {
            throw new IllegalArgumentException("family is required");
        }
        if (family == IpFamily.IPV4 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
    }

    /** An IPv4 address from its 32-bit value. */
    public static Address ipv4(long value) {
        return new Address(IpFamily.IPV4, 0, value & 0xFFFF_FFFFL);
    }

    /** An IPv6 address from its high and low 64 bits. */
    public static Address ipv6(long hi, long lo) {
        return new Address(IpFamily.IPV6, hi, lo);
    }

    /** The lowest address of a family. */
    public static Address min(IpFamily family) {
        return family == IpFamily.IPV4 ? Bounds.MIN_V4 : Bounds.MIN_V6;
    }

    /** The lowest and highest addresses, made once (addresses are values: sharing them is safe). */
    private static final class Bounds {
        static final Address MIN_V4 = new Address(IpFamily.IPV4, 0, 0);
        static final Address MIN_V6 = new Address(IpFamily.IPV6, 0, 0);
        static final Address MAX_V4 = ipv4(0xFFFF_FFFFL);
        static final Address MAX_V6 = ipv6(-1L, -1L);
    }

    /** The highest address of a family. */
    public static Address max(IpFamily family) {
        return family == IpFamily.IPV4 ? Bounds.MAX_V4 : Bounds.MAX_V6;
    }

    /**
     * Parses one address strictly: dotted quad without leading zeros, or an IPv6 address; no
     * prefix, mask, wildcard or host name.
     *
     * @throws IllegalArgumentException with a message saying what was wrong
     */
    public static Address parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IP address (expected e.g. 10.0.2.10 or 2001:db8::10)"));
    }

    /** The value of a strict dotted quad (no leading zeros), or -1. */
    public static long dottedQuad(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < n) {
                if (s.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == n) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value : -1;
    }

    /** Parses one address strictly, or returns empty. */
    public static Optional<Address> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        long v4 = dottedQuad(s);
        if (v4 >= 0) {
            return Optional.of(ipv4(v4));
        }
        return ipv6(s);
    }

    /**
     * An IPv6 address in the text forms of RFC 4291: eight groups of one to four hexadecimal digits
     * (any case, leading zeros allowed), at most one {@code ::} for a run of zero groups, the last two
     * groups possibly a strict dotted quad; no zone, prefix or wildcard.
     */
    private static Optional<Address> ipv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return Optional.empty();
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // where the zero groups of a '::' go
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (s.charAt(0) == ':') {
            return Optional.empty();
        }
        while (i < n) {
            int end = i;
            int value = 0;
            while (end < n && end - i < 5 && Character.digit(s.charAt(end), 16) >= 0 && s.charAt(end) < 0x80) {
                value = value << 4 | Character.digit(s.charAt(end), 16);
                end++;
            }
            if (end < n && s.charAt(end) == '.') {
                // the last 32 bits as a dotted quad
                long quad = dottedQuad(s.substring(i));
                if (quad < 0 || count > 6) {
                    return Optional.empty();
                }
                groups[count++] = (int) (quad >>> 16);
                groups[count++] = (int) (quad & 0xFFFF);
                break;
            }
            if (end == i || end - i > 4 || count == 8) {
                return Optional.empty();
            }
            groups[count++] = value;
            i = end;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return Optional.empty();
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return Optional.empty();
                }
                gap = count;
                i++;
            } else if (i == n) {
                return Optional.empty();
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return Optional.empty();
        }
        long hi = 0;
        long lo = 0;
        int zeros = 8 - count;
        for (int g = 0, k = 0; g < 8; g++) {
            long value = gap >= 0 && g >= gap && g < gap + zeros ? 0 : groups[k++];
            if (g < 4) {
                hi = hi << 16 | value;
            } else {
                lo = lo << 16 | value;
            }
        }
        return Optional.of(ipv6(hi, lo));
    }

    /** The next address, or empty at the top of the family's space. */
    public Optional<Address> next() {
        if (equals(max(family))) {
            return Optional.empty();
        }
        long nlo = lo + 1;
        long nhi = nlo == 0 ? hi + 1 : hi;
        return Optional.of(new Address(family, nhi, nlo));
    }

    /** The previous address, or empty at the bottom of the family's space. */
    public Optional<Address> previous() {
        if (hi == 0 && lo == 0) {
            return Optional.empty();
        }
        long plo = lo - 1;
        long phi = lo == 0 ? hi - 1 : hi;
        return Optional.of(new Address(family, phi, plo));
    }

    @Override
    public int compareTo(Address other) {
        int c = family.compareTo(other.family);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public String toString() {
        if (family == IpFamily.IPV4) {
            return (lo >>> 24 & 0xFF) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
        }
        return ipv6Text();
    }

    /**
     * The canonical IPv6 text of RFC 5952: lower-case groups without leading zeros, the longest run
     * of two or more zero groups (the first of equal runs) written {@code ::}.
     */
    private String ipv6Text() {
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (int) ((g < 4 ? hi >>> (48 - 16 * g) : lo >>> (48 - 16 * (g - 4))) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && groups[g] == 0) {
                g++;
            }
            if (g - start > bestLength) {
                bestStart = start;
                bestLength = g - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.append("::");
                g += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[g]));
        }
        return out.toString();
    }
}
