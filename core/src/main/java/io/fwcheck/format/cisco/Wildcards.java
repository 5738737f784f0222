package io.fwcheck.format.cisco;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IPv4 address and wildcard pairs as IOS matches them: an address {@code x} matches
 * {@code A W} when {@code (x & ~W) == (A & ~W)}. A contiguous wildcard ({@code 0.0.0.255}) is one
 * block; any other is the union of {@code 2^k} blocks, k the number of wildcard bits above its
 * lowest run of ones, expanded exactly while there are at most {@link #MAX_BLOCKS}.
 */
final class Wildcards {

    /** The most blocks a non-contiguous wildcard is expanded into; beyond, its entry is uncertain. */
    static final int MAX_BLOCKS = 4096;

    private static final long MASK32 = 0xFFFF_FFFFL;

    private Wildcards() {}

    /** The number of blocks {@code wildcard} matches as: 1 for a contiguous wildcard. */
    static long blocks(long wildcard) {
        long low = lowRun(wildcard);
        return 1L << Long.bitCount(wildcard & ~low & MASK32);
    }

    /** The addresses {@code address wildcard} matches, when they are at most {@link #MAX_BLOCKS} blocks. */
    static Optional<AddressSet> expand(long address, long wildcard) {
        long low = lowRun(wildcard);
        long high = wildcard & ~low & MASK32;
        if (Long.bitCount(high) > Long.numberOfTrailingZeros(MAX_BLOCKS)) {
            return Optional.empty();
        }
        long base = address & ~wildcard & MASK32;
        List<AddressRange> ranges = new ArrayList<>();
        long subset = 0;
        do {
            long first = base | subset;
            ranges.add(new AddressRange(Address.ipv4(first), Address.ipv4(first | low)));
            subset = (subset - high) & high;
        } while (subset != 0);
        return Optional.of(AddressSet.of(ranges));
    }

    /** The smallest range holding every address {@code address wildcard} matches (a superset). */
    static AddressSet cover(long address, long wildcard) {
        long base = address & ~wildcard & MASK32;
        return AddressSet.of(new AddressRange(Address.ipv4(base), Address.ipv4(base | (wildcard & MASK32))));
    }

    /** The wildcard's lowest run of one bits, starting at bit 0 (0 when bit 0 is clear). */
    private static long lowRun(long wildcard) {
        long w = wildcard & MASK32;
        long run = Long.numberOfTrailingZeros(~w);
        return run >= 32 ? MASK32 : (1L << run) - 1;
    }

    /** True when a netmask has its ones first: {@code 255.255.255.0}, not {@code 255.0.255.0}. */
    static boolean isContiguousNetmask(long mask) {
        long inverted = ~mask & MASK32;
        return (inverted & (inverted + 1)) == 0;
    }

    /** The prefix length of a contiguous netmask. */
    static int prefixLength(long mask) {
        return Long.bitCount(mask & MASK32);
    }
}
