package io.fwcheck.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.math.BigInteger;
import java.util.Optional;

/**
 * One IPv4 or IPv6 address as a 128-bit unsigned number ({@code hi}, {@code lo}); an IPv4 address
 * has {@code hi == 0} and its 32 bits in the low end of {@code lo}.
 */
public record Address(IpFamily family, long hi, long lo) implements Comparable<Address> {

    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowMask(false)
            .allowPrefix(false)
            .allowSingleSegment(false)
            .allowWildcardedSeparator(false)
            .setEmptyAsLoopback(false)
            .getIPv4AddressParametersBuilder()
            .allowLeadingZeros(false)
            .allowUnlimitedLeadingZeros(false)
            .allow_inet_aton(false)
            .allowWildcardedSeparator(false)
            .allowBinary(false)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder()
            .allowWildcardedSeparator(false)
            .allowBinary(false)
            .allowZone(false)
            .allowLeadingZeros(true)
            .getParentBuilder()
            .toParams();

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
        return new Address(family, 0, 0);
    }

    /** The highest address of a family. */
    public static Address max(IpFamily family) {
        return family == IpFamily.IPV4 ? ipv4(0xFFFF_FFFFL) : ipv6(-1L, -1L);
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
        if (text == null || text.isBlank() || text.contains("/") || text.contains("%")) {
            return Optional.empty();
        }
        long v4 = dottedQuad(text.trim());
        if (v4 >= 0) {
            return Optional.of(ipv4(v4));
        }
        try {
            IPAddress parsed = new IPAddressString(text.trim(), STRICT).toAddress();
            if (parsed.isMultiple() || parsed.isPrefixed()) {
                return Optional.empty();
            }
            return Optional.of(of(parsed));
        } catch (AddressStringException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Address of(IPAddress address) {
        BigInteger value = address.getValue();
        if (address.isIPv4()) {
            return ipv4(value.longValue());
        }
        return ipv6(value.shiftRight(64).longValue(), value.longValue());
    }

    /** This address as a library address value, for formatting. */
    IPAddress toIpAddress() {
        if (family == IpFamily.IPV4) {
            byte[] bytes = {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
            return new inet.ipaddr.ipv4.IPv4Address(bytes);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new inet.ipaddr.ipv6.IPv6Address(bytes);
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
        return toIpAddress().toCanonicalString();
    }
}
