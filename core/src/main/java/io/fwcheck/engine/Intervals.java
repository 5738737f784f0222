package io.fwcheck.engine;

import java.util.ArrayList;
import java.util.List;

/** Lists of 128-bit intervals {@code {loHi, loLo, hiHi, hiLo}}, sorted and disjoint once normalised. */
final class Intervals {
    private Intervals() {}

    static long[][] normalize(List<long[]> in) {
        List<long[]> sorted = new ArrayList<>(in);
        sorted.sort((x, y) -> Bits.compare(x[0], x[1], y[0], y[1]));
        List<long[]> out = new ArrayList<>();
        for (long[] iv : sorted) {
            if (!out.isEmpty()) {
                long[] last = out.get(out.size() - 1);
                boolean lastIsMax = last[2] == -1L && last[3] == -1L;
                long nh = Bits.incHi(last[2], last[3]);
                long nl = last[3] + 1;
                if (lastIsMax || Bits.compare(nh, nl, iv[0], iv[1]) >= 0) {
                    if (Bits.compare(iv[2], iv[3], last[2], last[3]) > 0) {
                        last[2] = iv[2];
                        last[3] = iv[3];
                    }
                    continue;
                }
            }
            out.add(iv.clone());
        }
        return out.toArray(new long[0][]);
    }

    /** The values {@code 0..max} outside the sorted, disjoint intervals. */
    static long[][] complement(long[][] ivs, long maxHi, long maxLo) {
        List<long[]> out = new ArrayList<>();
        long nh = 0;
        long nl = 0;
        boolean more = true;
        for (long[] iv : ivs) {
            if (more && Bits.compare(nh, nl, iv[0], iv[1]) < 0) {
                out.add(new long[] {nh, nl, Bits.decHi(iv[0], iv[1]), iv[1] - 1});
            }
            more = Bits.compare(iv[2], iv[3], maxHi, maxLo) < 0;
            if (more) {
                nh = Bits.incHi(iv[2], iv[3]);
                nl = iv[3] + 1;
            }
        }
        if (more) {
            out.add(new long[] {nh, nl, maxHi, maxLo});
        }
        return out.toArray(new long[0][]);
    }
}
