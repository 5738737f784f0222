package io.fwcheck.format.iptables;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.IpFamily;

/**
 * Addresses as iptables writes them: {@code 10.0.0.1}, {@code 10.0.0.0/8},
 * {@code 10.0.0.0/255.0.0.0}, IPv6 alike. Host bits under the mask are cleared, as iptables does.
 * Leading zeros (octal to iptables) and host names are refused.
 */
final class Addresses {

    private Addresses() {}

    /** A mask that is not a prefix: the item cannot be modelled as ranges cheaply. */
    static final class NonContiguousMask extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** A host name (or a placeholder) where an address belongs: iptables would resolve it when loading. */
    static final class HostName extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** Parses one item of an {@code -s}/{@code -d} list. */
    static AddressRange parseItem(String item, IpFamily family) throws NonContiguousMask, HostName {
        int slash = item.indexOf('/');
        String base = slash < 0 ? item : item.substring(0, slash);
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                throw new HostName();
            }
        }
        if (base.isEmpty()) {
            throw new HostName();
        }
        Address address = parseAddress(base, family, item);
        int bits = family.bits();
        if (slash < 0) {
            return AddressRange.of(address);
        }
        String mask = item.substring(slash + 1);
        int length;
        if (isDecimal(mask, 3)) {
            length = Integer.parseInt(mask);
            if (length > bits) {
                throw new IllegalArgumentException("prefix length " + mask + " in '" + item + "' is over " + bits
                        + " (expected a prefix length 0-" + bits + " or a mask)");
            }
        } else {
            Address m;
            try {
                m = AddressSpecs.parseAddress(mask);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + mask + "' in '" + item + "' is neither a prefix length nor a mask"
                        + " (expected e.g. /24 or /255.255.255.0)");
            }
            if (m.family() != family) {
                throw new IllegalArgumentException("mask '" + mask + "' in '" + item + "' is not an " + family.label()
                        + " mask (expected e.g. /24 or /255.255.255.0)");
            }
            length = prefixLength(m);
            if (length < 0) {
                throw new NonContiguousMask();
            }
        }
        return block(address, length);
    }

    /** True for a decimal number of at most {@code digits} digits without a leading zero. */
    static boolean isDecimal(String s, int digits) {
        int n = s.length();
        if (n == 0 || n > digits || (n > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The prefix block of {@code length} holding {@code address} (host bits cleared). */
    static AddressRange block(Address address, int length) {
        int hostBits = address.family().bits() - length;
        long maskHi = hostBits >= 128 ? -1L : hostBits > 64 ? (-1L >>> (128 - hostBits)) : 0L;
        long maskLo = hostBits >= 64 ? -1L : hostBits == 0 ? 0L : (-1L >>> (64 - hostBits));
        Address network = new Address(address.family(), address.hi() & ~maskHi, address.lo() & ~maskLo);
        return AddressRange.cidr(network, length);
    }

    private static int prefixLength(Address mask) {
        int bits = mask.family().bits();
        long hi = mask.hi();
        long lo = mask.lo();
        if (bits == 32) {
            lo = lo << 32;
            hi = lo;
            lo = 0;
        }
        int ones = Long.numberOfLeadingZeros(~hi);
        if (ones == 64) {
            ones += Long.numberOfLeadingZeros(~lo);
        }
        // check the rest is zero
        if (ones < 64) {
            long rest = ones == 0 ? hi : hi << ones;
            if (rest != 0 || lo != 0) {
                return -1;
            }
        } else if (ones < 128) {
            long rest = ones == 64 ? lo : lo << (ones - 64);
            if (rest != 0) {
                return -1;
            }
        }
        return Math.min(ones, bits);
    }

    /** Parses one address of the family strictly, with a fast path for dotted quads. */
    static Address parseAddress(String text, IpFamily family, String whole) {
        if (family == IpFamily.IPV4) {
            long v = Address.dottedQuad(text);
            if (v >= 0) {
                return Address.ipv4(v);
            }
        }
        if (family == IpFamily.IPV6) {
            Address v6 = ipv6(text);
            if (v6 != null) {
                return v6;
            }
        }
        Address a;
        try {
            a = AddressSpecs.parseAddress(text);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (!text.isEmpty() && text.chars().anyMatch(Character::isLetter) && text.indexOf(':') < 0) {
                m = "'" + text + "' is not an IP address; fwcheck does not resolve host names"
                        + " (expected an address such as 10.0.2.10 as iptables-save writes it)";
            }
            throw new IllegalArgumentException(m);
        }
        if (a.family() != family) {
            throw new IllegalArgumentException("'" + whole + "' is an " + a.family().label() + " address in an "
                    + (family == IpFamily.IPV4 ? "iptables (IPv4)" : "ip6tables (IPv6)") + " dump (expected an "
                    + family.label() + " address)");
        }
        return a;
    }

    /**
     * A plain IPv6 address ({@code 2001:db8::1}, {@code ::ffff:10.0.0.1}), or null for anything
     * else (the strict library parser then says what is wrong).
     */
    static Address ipv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return Address.ipv6(0, 0);
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 5) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                value = value << 4 | d;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // an embedded IPv4 address in the last 32 bits
                long v4 = Address.dottedQuad(s.substring(start));
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = hi << 16 | full[k];
            lo = lo << 16 | full[k + 4];
        }
        return Address.ipv6(hi, lo);
    }
}
