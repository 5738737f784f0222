package io.fwcheck.engine;

/** Unsigned 128-bit arithmetic on (hi, lo) pairs of longs. */
final class Bits {
    private Bits() {}

    static int compare(long h1, long l1, long h2, long l2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    /** The high half of (hi, lo) + 1, given that the sum does not overflow 128 bits. */
    static long incHi(long hi, long lo) {
        return lo == -1L ? hi + 1 : hi;
    }

    /** The high half of (hi, lo) - 1, given that (hi, lo) is not 0. */
    static long decHi(long hi, long lo) {
        return lo == 0 ? hi - 1 : hi;
    }

    /** A well-spread 32-bit hash of a long key, for the open-addressing tables of the engine. */
    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
