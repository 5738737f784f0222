package io.fwcheck.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An immutable set of non-negative integers (ports, protocol numbers, ICMP type/code values) kept
 * as sorted, disjoint, non-adjacent closed ranges.
 */
public final class IntRanges {

    private static final IntRanges EMPTY = new IntRanges(new int[0]);

    /** Pairs lo0, hi0, lo1, hi1, … */
    private final int[] bounds;

    private IntRanges(int[] bounds) {
        this.bounds = bounds;
    }

    public static IntRanges empty() {
        return EMPTY;
    }

    public static IntRanges of(int single) {
        return range(single, single);
    }

    /** The range {@code lo}–{@code hi}, both included. */
    public static IntRanges range(int lo, int hi) {
        if (lo < 0 || lo > hi) {
            throw new IllegalArgumentException("bad range " + lo + "-" + hi);
        }
        return new IntRanges(new int[] {lo, hi});
    }

    /** Normalises any collection of {@code int[]{lo, hi}} pairs. */
    public static IntRanges ofPairs(Collection<int[]> pairs) {
        List<int[]> sorted = new ArrayList<>(pairs);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] p : sorted) {
            if (p[0] < 0 || p[0] > p[1]) {
                throw new IllegalArgumentException("bad range " + p[0] + "-" + p[1]);
            }
            if (!out.isEmpty() && (long) out.get(out.size() - 1)[1] + 1 >= p[0]) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], p[1]);
            } else {
                out.add(new int[] {p[0], p[1]});
            }
        }
        int[] b = new int[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            b[2 * i] = out.get(i)[0];
            b[2 * i + 1] = out.get(i)[1];
        }
        return b.length == 0 ? EMPTY : new IntRanges(b);
    }

    public int size() {
        return bounds.length / 2;
    }

    public int lo(int i) {
        return bounds[2 * i];
    }

    public int hi(int i) {
        return bounds[2 * i + 1];
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    public boolean contains(int value) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (value < bounds[i]) {
                return false;
            }
            if (value <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** True when the set is exactly {@code 0..max}. */
    public boolean isAll(int max) {
        return bounds.length == 2 && bounds[0] == 0 && bounds[1] == max;
    }

    public IntRanges union(IntRanges other) {
        List<int[]> pairs = pairs();
        pairs.addAll(other.pairs());
        return ofPairs(pairs);
    }

    public IntRanges intersect(IntRanges other) {
        if (other == this) {
            return this;
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < other.size(); j++) {
                int lo = Math.max(lo(i), other.lo(j));
                int hi = Math.min(hi(i), other.hi(j));
                if (lo <= hi) {
                    out.add(new int[] {lo, hi});
                }
            }
        }
        return ofPairs(out);
    }

    /** The values {@code 0..max} not in this set. */
    public IntRanges complement(int max) {
        List<int[]> out = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < size(); i++) {
            if (next < lo(i)) {
                out.add(new int[] {(int) next, lo(i) - 1});
            }
            next = (long) hi(i) + 1;
        }
        if (next <= max) {
            out.add(new int[] {(int) next, max});
        }
        return ofPairs(out);
    }

    public List<int[]> pairs() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            out.add(new int[] {lo(i), hi(i)});
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntRanges other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    /** {@code 22,8000-8080}. */
    @Override
    public String toString() {
        return pairs().stream()
                .map(p -> p[0] == p[1] ? Integer.toString(p[0]) : p[0] + "-" + p[1])
                .collect(Collectors.joining(","));
    }
}
