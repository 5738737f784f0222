package io.fwcheck.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of IPv4 and IPv6 addresses, kept as sorted, disjoint, non-adjacent ranges (so
 * two equal sets have equal range lists).
 */
public final class AddressSet {

    private static final AddressSet EMPTY = new AddressSet(List.of());
    private static final AddressSet ALL =
            new AddressSet(List.of(AddressRange.all(IpFamily.IPV4), AddressRange.all(IpFamily.IPV6)));
    private static final AddressSet ALL_V4 = new AddressSet(List.of(AddressRange.all(IpFamily.IPV4)));
    private static final AddressSet ALL_V6 = new AddressSet(List.of(AddressRange.all(IpFamily.IPV6)));

    private final List<AddressRange> ranges;

    private AddressSet(List<AddressRange> normalized) {
        this.ranges = List.copyOf(normalized);
    }

    public static AddressSet empty() {
        return EMPTY;
    }

    /** Every IPv4 and every IPv6 address. */
    public static AddressSet all() {
        return ALL;
    }

    /** Every address of one family. */
    public static AddressSet all(IpFamily family) {
        return family == IpFamily.IPV4 ? ALL_V4 : ALL_V6;
    }

    public static AddressSet of(AddressRange... ranges) {
        return of(List.of(ranges));
    }

    public static AddressSet of(Collection<AddressRange> ranges) {
        if (ranges.size() == 1) {
            return new AddressSet(List.of(ranges.iterator().next()));
        }
        List<AddressRange> sorted = new ArrayList<>(ranges);
        sorted.sort(null);
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted) {
            if (!out.isEmpty()) {
                AddressRange last = out.get(out.size() - 1);
                if (last.family() == r.family() && touches(last, r)) {
                    Address end = last.last().compareTo(r.last()) >= 0 ? last.last() : r.last();
                    out.set(out.size() - 1, new AddressRange(last.first(), end));
                    continue;
                }
            }
            out.add(r);
        }
        return out.isEmpty() ? EMPTY : new AddressSet(out);
    }

    private static boolean touches(AddressRange left, AddressRange right) {
        Optional<Address> after = left.last().next();
        return after.isEmpty() || after.get().compareTo(right.first()) >= 0;
    }

    /** The sorted, disjoint ranges of this set. */
    public List<AddressRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean isAll() {
        return equals(ALL);
    }

    /** True when the set holds at least one address of the family. */
    public boolean has(IpFamily family) {
        return ranges.stream().anyMatch(r -> r.family() == family);
    }

    /** The part of this set in one family. */
    public AddressSet only(IpFamily family) {
        return new AddressSet(ranges.stream().filter(r -> r.family() == family).toList());
    }

    public boolean contains(Address address) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            AddressRange r = ranges.get(mid);
            if (r.contains(address)) {
                return true;
            }
            if (r.first().compareTo(address) > 0) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return false;
    }

    public AddressSet union(AddressSet other) {
        List<AddressRange> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return of(all);
    }

    /** Every address (of both families) not in this set. */
    public AddressSet complement() {
        List<AddressRange> out = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            Address next = Address.min(family);
            boolean more = true;
            for (AddressRange r : ranges) {
                if (r.family() != family) {
                    continue;
                }
                if (more && next.compareTo(r.first()) < 0) {
                    out.add(new AddressRange(next, r.first().previous().orElseThrow()));
                }
                Optional<Address> after = r.last().next();
                more = after.isPresent();
                next = after.orElse(next);
            }
            if (more) {
                out.add(new AddressRange(next, Address.max(family)));
            }
        }
        return of(out);
    }

    public AddressSet minus(AddressSet other) {
        return intersect(other.complement());
    }

    public AddressSet intersect(AddressSet other) {
        if (other == ALL || other == this) {
            return this;
        }
        if (this == ALL) {
            return other;
        }
        List<AddressRange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ranges.size() && j < other.ranges.size()) {
            AddressRange a = ranges.get(i);
            AddressRange b = other.ranges.get(j);
            Address lo = a.first().compareTo(b.first()) >= 0 ? a.first() : b.first();
            Address hi = a.last().compareTo(b.last()) <= 0 ? a.last() : b.last();
            if (lo.family() == hi.family() && lo.compareTo(hi) <= 0) {
                out.add(new AddressRange(lo, hi));
            }
            if (a.last().compareTo(b.last()) < 0) {
                i++;
            } else {
                j++;
            }
        }
        return of(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AddressSet other) || ranges.size() != other.ranges.size()) {
            return false;
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (!ranges.get(i).equals(other.ranges.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** {@code any}, or the ranges as CIDRs and ranges separated by commas. */
    @Override
    public String toString() {
        if (isAll()) {
            return "any";
        }
        if (isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder();
        for (AddressRange r : ranges) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(r);
        }
        return out.toString();
    }
}
