package io.fwcheck.engine;

import io.fwcheck.model.InterfaceMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Interface names as 128-bit numbers: the name's bytes (characters up to U+00FF) from the most
 * significant byte down, padded with zero bytes; every value is exactly one name. Lexicographic order of names is numeric order,
 * so a wildcard {@code eth+} is the one interval of all names starting with {@code eth}.
 */
final class InterfaceCodec {
    private InterfaceCodec() {}

    static long hi(String name) {
        return half(name, 0);
    }

    static long lo(String name) {
        return half(name, 8);
    }

    private static long half(String name, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (i < name.length() ? name.charAt(i) & 0xFF : 0);
        }
        return v;
    }

    /**
     * The name encoded by (hi, lo): its bytes up to the last non-zero one. Every value is a name;
     * names with a zero byte inside are possible values, though no real interface has one.
     */
    static String decode(long hi, long lo) {
        char[] chars = new char[16];
        int length = 0;
        for (int i = 0; i < 16; i++) {
            long word = i < 8 ? hi : lo;
            int b = (int) (word >>> (56 - 8 * (i % 8))) & 0xFF;
            chars[i] = (char) b;
            if (b != 0) {
                length = i + 1;
            }
        }
        return new String(chars, 0, length);
    }

    /** True when the encoded name has no zero byte inside it. */
    static boolean readable(long hi, long lo) {
        return decode(hi, lo).indexOf(0) < 0;
    }

    /**
     * The smallest encoding at or above (hi, lo) of a name without a zero byte inside: where a
     * zero byte is followed by a non-zero one, the zero byte becomes 1 and all bytes after it 0.
     */
    static long[] smallestReadableAtLeast(long hi, long lo) {
        if (readable(hi, lo)) {
            return new long[] {hi, lo};
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            long word = i < 8 ? hi : lo;
            bytes[i] = (byte) (word >>> (56 - 8 * (i % 8)));
        }
        for (int i = 0; i < 16; i++) {
            if (bytes[i] == 0) {
                bytes[i] = 1;
                for (int k = i + 1; k < 16; k++) {
                    bytes[k] = 0;
                }
                break;
            }
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (bytes[i] & 0xFF);
            l = (l << 8) | (bytes[8 + i] & 0xFF);
        }
        return new long[] {h, l};
    }

    /** Sorted, disjoint intervals of the names an interface condition accepts. */
    static long[][] intervals(InterfaceMatch match) {
        List<long[]> out = new ArrayList<>();
        for (String p : match.patterns()) {
            if (p.endsWith("+")) {
                String prefix = p.substring(0, p.length() - 1);
                long h = hi(prefix);
                long l = lo(prefix);
                int free = (16 - prefix.length()) * 8;
                long maskHi = free >= 128 ? -1L : free > 64 ? (-1L >>> (128 - free)) : 0L;
                long maskLo = free >= 64 ? -1L : free == 0 ? 0L : (-1L >>> (64 - free));
                out.add(new long[] {h, l, h | maskHi, l | maskLo});
            } else {
                out.add(new long[] {hi(p), lo(p), hi(p), lo(p)});
            }
        }
        long[][] merged = Intervals.normalize(out);
        return match.negated() ? Intervals.complement(merged, -1L, -1L) : merged;
    }
}
