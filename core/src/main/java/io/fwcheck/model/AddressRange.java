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
                if (!aligned(hi, lo, next)) {
                    break;
                }
                long[] end = blockEnd(hi, lo, next);
                if (compare(end[0], end[1], last.hi(), last.lo()) > 0) {
                    break;
                }
                size = next;
            }
            Address start = new Address(family(), hi, lo);
            out.add(size == 0 ? start.toString() : start + "/" + (bits - size));
            long[] end = blockEnd(hi, lo, size);
            if (compare(end[0], end[1], last.hi(), last.lo()) >= 0) {
                return out;
            }
            lo = end[1] + 1;
            hi = lo == 0 ? end[0] + 1 : end[0];
        }
    }

    private static boolean aligned(long hi, long lo, int hostBits) {
        if (hostBits <= 64) {
            long mask = hostBits == 64 ? -1L : (1L << hostBits) - 1;
            return (lo & mask) == 0;
        }
        long mask = hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
        return lo == 0 && (hi & mask) == 0;
    }

    private static long[] blockEnd(long hi, long lo, int hostBits) {
        if (hostBits == 0) {
            return new long[] {hi, lo};
        }
        if (hostBits <= 64) {
            long mask = hostBits == 64 ? -1L : (1L << hostBits) - 1;
            return new long[] {hi, lo | mask};
        }
        long mask = hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1;
        return new long[] {hi | mask, -1L};
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
        int bits = family().bits();
        for (int hostBits = 1; hostBits <= bits; hostBits++) {
            if (!aligned(first.hi(), first.lo(), hostBits)) {
                break;
            }
            long[] end = blockEnd(first.hi(), first.lo(), hostBits);
            if (end[0] == last.hi() && end[1] == last.lo()) {
                return first + "/" + (bits - hostBits);
            }
        }
        return first + "-" + last;
    }
}
