package io.fwcheck.model;

import java.util.ArrayList;
import java.util.List;

/** A contiguous, non-empty range of addresses of one family, bounds included. */
public record AddressRange(Address first, Address last) implements Comparable<AddressRange> {

    public AddressRange {
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6: " + first + "-" + last);
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("reversed range " + first + "-" + last);
        }
    }

    public static AddressRange of(Address single) {
        return new AddressRange(single, single);
    }

    /** All addresses of a family. */
    public static AddressRange all(IpFamily family) {
        return family == IpFamily.IPV4 ? Whole.V4 : Whole.V6;
    }

    /** The ranges of every address of a family, made once. */
    private static final class Whole {
        static final AddressRange V4 = new AddressRange(Address.min(IpFamily.IPV4), Address.max(IpFamily.IPV4));
        static final AddressRange V6 = new AddressRange(Address.min(IpFamily.IPV6), Address.max(IpFamily.IPV6));
    }

    /**
     * The prefix block {@code base/length}.
     *
     * @throws IllegalArgumentException when host bits are set or the length is out of range
     */
    public static AddressRange cidr(Address base, int length) {
        AddressRange block = covering(base, length);
        if (!block.first().equals(base)) {
            throw new IllegalArgumentException("host bits set in " + base + "/" + length
                    + " (did you mean " + block.first() + "/" + length + ", or the single address " + base + "?)");
        }
        return block;
    }

    /**
     * The prefix block of {@code length} bits that holds {@code address}: its host bits cleared, as
     * iptables and AWS read {@code 10.0.1.5/24}.
     *
     * @throws IllegalArgumentException when the length is out of range
     */
    public static AddressRange covering(Address address, int length) {
        IpFamily family = address.family();
        if (length < 0 || length > family.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0-" + family.bits());
        }
        int hostBits = family.bits() - length;
        long maskHi = hostBits >= 128 ? -1L : hostBits > 64 ? (-1L >>> (128 - hostBits)) : 0L;
        long maskLo = hostBits >= 64 ? -1L : hostBits == 0 ? 0L : (-1L >>> (64 - hostBits));
        return new AddressRange(new Address(family, address.hi() & ~maskHi, address.lo() & ~maskLo),
                new Address(family, address.hi() | maskHi, address.lo() | maskLo));
    }

    public IpFamily family() {
        return first.family();
    }

    public boolean contains(Address address) {
        return address.family() == family() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /** The smallest list of prefix blocks that together cover exactly this range. */
    public List<String> toCidrs() {
        List<String> out = new ArrayList<>();
        int bits = family().bits();
        long hi = first.hi();
        long lo = first.lo();
        while (true) {
            // largest block aligned at (hi, lo) that does not pass last
            int size = 0;
            while (size < bits) {
                int next = size + 1;
                if (!aligned(hi, lo, next)
                        || compare(endHi(hi, next), endLo(lo, next), last.hi(), last.lo()) > 0) {
                    break;
                }
                size = next;
            }
            Address start = new Address(family(), hi, lo);
            out.add(size == 0 ? start.toString() : start + "/" + (bits - size));
            long endHi = endHi(hi, size);
            long endLo = endLo(lo, size);
            if (compare(endHi, endLo, last.hi(), last.lo()) >= 0) {
                return out;
            }
            lo = endLo + 1;
            hi = lo == 0 ? endHi + 1 : endHi;
        }
    }

    private static boolean aligned(long hi, long lo, int hostBits) {
        return (lo & lowMask(hostBits)) == 0 && (hi & lowMask(hostBits - 64)) == 0;
    }

    /** The high word of the last address of the block of {@code hostBits} host bits at {@code hi}. */
    private static long endHi(long hi, int hostBits) {
        return hi | lowMask(hostBits - 64);
    }

    /** The low word of the last address of the block of {@code hostBits} host bits at {@code lo}. */
    private static long endLo(long lo, int hostBits) {
        return lo | lowMask(hostBits);
    }

    /** A word's lowest {@code bits} bits set (none for 0 or less, all for 64 or more). */
    private static long lowMask(int bits) {
        return bits <= 0 ? 0L : bits >= 64 ? -1L : (1L << bits) - 1;
    }

    private static int compare(long h1, long l1, long h2, long l2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    @Override
    public int compareTo(AddressRange other) {
        int c = first.compareTo(other.first);
        return c != 0 ? c : last.compareTo(other.last);
    }

    /** {@code a}, {@code a/len} when it is one block, else {@code a-b}. */
    @Override
    public String toString() {
        if (first.equals(last)) {
            return first.toString();
        }
        // one block exactly when the bits in which the bounds differ are the lowest ones, all set
        // in the last address and clear in the first
        long hi = first.hi() ^ last.hi();
        long lo = first.lo() ^ last.lo();
        boolean block = hi == 0 ? (lo & (lo + 1)) == 0 : lo == -1L && (hi & (hi + 1)) == 0;
        if (block && (first.hi() & hi) == 0 && (first.lo() & lo) == 0) {
            int hostBits = Long.bitCount(hi) + Long.bitCount(lo);
            return first + "/" + (family().bits() - hostBits);
        }
        return first + "-" + last;
    }
}
