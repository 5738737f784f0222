package io.fwcheck.format.nftables;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded flows biased toward the edges of a ruleset: for every address range, port and protocol
 * range, ICMP range and interface pattern of its rules, the first and last value and the values
 * just outside; the rest uniform. Both families, every state, with and without interfaces.
 */
final class NftFlows {

    private final SplittableRandom random;
    private final List<Address> v4 = new ArrayList<>();
    private final List<Address> v6 = new ArrayList<>();
    private final TreeSet<Integer> ports = new TreeSet<>();
    private final TreeSet<Integer> protocols = new TreeSet<>(List.of(1, 6, 17, 33, 47, 50, 58, 132, 136, 0, 255));
    private final TreeSet<Integer> icmp = new TreeSet<>(List.of(0, 0x0800, 0x8000, 0xFFFF));
    private final TreeSet<String> names = new TreeSet<>(List.of("", "lo", "eth0"));

    private NftFlows(Ruleset ruleset, long seed) {
        this.random = new SplittableRandom(seed);
        for (Rule r : ruleset.rules()) {
            collect(r.match());
        }
        for (IpFamily f : IpFamily.values()) {
            (f == IpFamily.IPV4 ? v4 : v6).addAll(List.of(Address.min(f), Address.max(f)));
        }
    }

    static NftFlows toward(Ruleset ruleset, long seed) {
        return new NftFlows(ruleset, seed);
    }

    private void collect(Match m) {
        addresses(m.sources());
        addresses(m.destinations());
        m.sourcePorts().ifPresent(p -> edges(p, 65535, ports));
        m.destinationPorts().ifPresent(p -> edges(p, 65535, ports));
        edges(m.protocols(), 255, protocols);
        m.icmp().ifPresent(p -> edges(p, 0xFFFF, icmp));
        m.inInterface().ifPresent(this::names);
        m.outInterface().ifPresent(this::names);
        m.except().forEach(this::collect);
    }

    private void addresses(AddressSet set) {
        if (set.isAll()) {
            return;
        }
        for (AddressRange r : set.ranges()) {
            List<Address> pool = r.family() == IpFamily.IPV4 ? v4 : v6;
            pool.add(r.first());
            pool.add(r.last());
            r.first().previous().ifPresent(pool::add);
            r.last().next().ifPresent(pool::add);
        }
    }

    private static void edges(IntRanges ranges, int max, TreeSet<Integer> pool) {
        for (int[] p : ranges.pairs()) {
            pool.add(p[0]);
            pool.add(p[1]);
            if (p[0] > 0) {
                pool.add(p[0] - 1);
            }
            if (p[1] < max) {
                pool.add(p[1] + 1);
            }
        }
    }

    private void names(InterfaceMatch m) {
        for (String p : m.patterns()) {
            String base = p.endsWith("+") ? p.substring(0, p.length() - 1) : p;
            names.add(base);
            if (base.length() < InterfaceMatch.MAX_NAME - 1) {
                names.add(base + "0");
            }
            if (!base.isEmpty()) {
                names.add(base.substring(0, base.length() - 1));
            }
        }
    }

    private <T> T pick(List<T> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    private int pick(TreeSet<Integer> pool, int max) {
        if (random.nextInt(4) == 0) {
            return random.nextInt(max + 1);
        }
        return pick(new ArrayList<>(pool));
    }

    private Address address(IpFamily family) {
        List<Address> pool = family == IpFamily.IPV4 ? v4 : v6;
        if (random.nextInt(4) > 0) {
            return pick(pool);
        }
        return family == IpFamily.IPV4 ? Address.ipv4(random.nextLong() & 0xFFFF_FFFFL)
                : Address.ipv6(random.nextLong(), random.nextLong());
    }

    /** The next flow. */
    Flow next() {
        IpFamily family = random.nextBoolean() ? IpFamily.IPV4 : IpFamily.IPV6;
        int protocol = pick(protocols, 255);
        int sport = 0;
        int dport = 0;
        if (Protocol.hasPorts(protocol)) {
            sport = pick(ports.isEmpty() ? new TreeSet<>(List.of(1024)) : ports, 65535);
            dport = pick(ports.isEmpty() ? new TreeSet<>(List.of(80)) : ports, 65535);
        }
        int type = 0;
        int code = 0;
        if (Protocol.carriesIcmp(family, protocol)) {
            int v = pick(icmp, 0xFFFF);
            type = v >> 8;
            code = v & 0xFF;
        }
        ConnState state = ConnState.values()[random.nextInt(ConnState.values().length)];
        List<String> namePool = new ArrayList<>(names);
        return new Flow(family, address(family), address(family), protocol, sport, dport, type, code, state,
                pick(namePool), pick(namePool));
    }

}
