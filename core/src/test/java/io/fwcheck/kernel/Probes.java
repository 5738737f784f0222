package io.fwcheck.kernel;

import io.fwcheck.kernel.KernelLab.Probe;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses probes for a ruleset: for each rule, packets just inside and just outside its address
 * and port ranges (first, last, first-1, last+1), and random packets mixing every rule's
 * boundaries (seeded). Only packets the kernel delivers to INPUT as they are and tracks as NEW
 * are chosen: no loopback, multicast, broadcast or unspecified addresses; TCP SYN, UDP, ICMP echo
 * and timestamp requests, ICMPv6 echo requests and neighbour discovery (which conntrack leaves
 * untracked), and other protocols without ports. Probes are distinct and none is the reverse of
 * another, so each one starts its own connection.
 */
public final class Probes {

    private static final int[] COMMON_PORTS = {0, 1, 22, 53, 80, 443, 1023, 1024, 8080, 40000, 65535};

    private final IpFamily family;
    private final SplittableRandom random;
    private final List<Address> addresses = new ArrayList<>();
    private final Set<Address> addressSet = new HashSet<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Set<Integer> portSet = new HashSet<>();
    private final List<Integer> protocols = new ArrayList<>();
    private final Map<String, Probe> chosen = new LinkedHashMap<>();
    private final Set<String> reverse = new HashSet<>();

    private Probes(IpFamily family, long seed) {
        this.family = family;
        this.random = new SplittableRandom(seed);
    }

    /** At most {@code max} probes of the family for the ruleset. */
    public static List<Probe> choose(Ruleset ruleset, IpFamily family, long seed, int max) {
        Probes p = new Probes(family, seed);
        p.pools(ruleset);
        List<Rule> rules = new ArrayList<>(ruleset.rules());
        int perRule = Math.max(1, Math.min(6, (max * 2 / 3) / Math.max(1, rules.size())));
        if (rules.size() * perRule > max * 2 / 3) {
            // many rules: a seeded sample of them
            java.util.Collections.shuffle(rules, new java.util.Random(seed));
        }
        for (Rule r : rules) {
            if (p.chosen.size() >= max * 2 / 3) {
                break;
            }
            if (!r.match().families().contains(family)) {
                continue;
            }
            for (int k = 0; k < perRule; k++) {
                p.forRule(r.match(), k);
            }
        }
        int attempts = 0;
        while (p.chosen.size() < max && attempts++ < max * 20) {
            p.add(p.randomProbe());
        }
        return new ArrayList<>(p.chosen.values());
    }

    /** The flow fwcheck traces for a probe: a NEW connection arriving on the lab's interface. */
    public static Flow flow(Probe p) {
        boolean ports = Protocol.hasPorts(p.protocol());
        boolean icmp = Protocol.carriesIcmp(p.family(), p.protocol());
        return new Flow(p.family(), p.source(), p.destination(), p.protocol(), ports ? p.a() : 0, ports ? p.b() : 0,
                icmp ? p.a() : 0, icmp ? p.b() : 0, ConnState.NEW, KernelLab.INTERFACE, "");
    }

    private void pools(Ruleset ruleset) {
        protocols.add(Protocol.TCP);
        protocols.add(Protocol.UDP);
        protocols.add(Protocol.icmpOf(family));
        for (Rule r : ruleset.rules()) {
            Match m = r.match();
            for (AddressSet set : List.of(m.sources(), m.destinations())) {
                if (set.isAll()) {
                    continue;
                }
                for (AddressRange range : set.only(family).ranges()) {
                    edges(range).forEach(this::address);
                }
            }
            for (Optional<IntRanges> o : List.of(m.sourcePorts(), m.destinationPorts())) {
                o.ifPresent(rs -> {
                    for (int i = 0; i < rs.size(); i++) {
                        for (int v : new int[] {rs.lo(i), rs.hi(i), rs.lo(i) - 1, rs.hi(i) + 1}) {
                            if (v >= 0 && v <= 65535 && portSet.add(v)) {
                                ports.add(v);
                            }
                        }
                    }
                });
            }
            IntRanges ps = m.protocols();
            if (ps.size() <= 3) {
                for (int i = 0; i < ps.size(); i++) {
                    for (int v = ps.lo(i); v <= ps.hi(i) && v - ps.lo(i) < 3; v++) {
                        if (probeable(v) && !protocols.contains(v)) {
                            protocols.add(v);
                        }
                    }
                }
            }
        }
        for (int p : COMMON_PORTS) {
            if (portSet.add(p)) {
                ports.add(p);
            }
        }
        for (int i = 0; i < 16 || addresses.size() < 4; i++) {
            address(randomAddress());
        }
    }

    private boolean probeable(int protocol) {
        return protocol == Protocol.TCP || protocol == Protocol.UDP || protocol == Protocol.icmpOf(family)
                || (!Protocol.hasPorts(protocol) && !Protocol.isIcmp(protocol) && protocol != 0 && protocol != 41
                        && protocol != 4 && protocol != 43 && protocol != 44 && protocol != 59 && protocol != 60
                        && protocol != 51 && protocol != 135);
    }

    private static List<Address> edges(AddressRange r) {
        List<Address> out = new ArrayList<>(List.of(r.first(), r.last()));
        r.first().previous().ifPresent(out::add);
        r.last().next().ifPresent(out::add);
        return out;
    }

    private void address(Address a) {
        if (a.family() == family && deliverable(a) && addressSet.add(a)) {
            addresses.add(a);
        }
    }

    /** Addresses the kernel delivers locally from a veth without dropping the packet as martian. */
    static boolean deliverable(Address a) {
        if (a.family() == IpFamily.IPV4) {
            long v = a.lo();
            int first = (int) (v >>> 24);
            return first != 0 && first != 127 && first < 224;
        }
        long hi = a.hi();
        if (hi == 0 && (a.lo() >>> 1) == 0) {
            return false; // :: and ::1
        }
        if (hi == 0 && (a.lo() >>> 32) == 0xFFFFL) {
            return false; // IPv4-mapped
        }
        int top = (int) (hi >>> 48);
        return (top & 0xFFC0) != 0xFE80 && (top & 0xFF00) != 0xFF00;
    }

    private Address randomAddress() {
        while (true) {
            Address a = family == IpFamily.IPV4 ? Address.ipv4(random.nextLong() & 0xFFFF_FFFFL)
                    : Address.ipv6(0x2000_0000_0000_0000L | (random.nextLong() >>> 3), random.nextLong());
            if (deliverable(a)) {
                return a;
            }
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Address pickIn(AddressSet set, int k) {
        List<AddressRange> ranges = set.only(family).ranges();
        if (set.isAll() || ranges.isEmpty()) {
            return pick(addresses);
        }
        AddressRange r = ranges.get(random.nextInt(ranges.size()));
        List<Address> e = edges(r);
        Address a = e.get(k % e.size());
        return deliverable(a) ? a : pick(addresses);
    }

    private int pickPort(Optional<IntRanges> o, int k) {
        if (o.isEmpty() || o.get().isEmpty() || random.nextInt(5) == 0) {
            return pick(ports);
        }
        IntRanges rs = o.get();
        int i = random.nextInt(rs.size());
        int[] c = {rs.lo(i), rs.hi(i), rs.lo(i) - 1, rs.hi(i) + 1};
        int v = c[k % 4];
        return v < 0 || v > 65535 ? rs.lo(i) : v;
    }

    private void forRule(Match m, int k) {
        List<Integer> ps = new ArrayList<>();
        for (int p : protocols) {
            if (m.protocols().contains(p)) {
                ps.add(p);
            }
        }
        int protocol = ps.isEmpty() || random.nextInt(6) == 0 ? pick(protocols) : pick(ps);
        Address src = random.nextInt(5) == 0 ? pick(addresses) : pickIn(m.sources(), k);
        Address dst = random.nextInt(5) == 0 ? pick(addresses) : pickIn(m.destinations(), k + 1);
        int a;
        int b;
        if (Protocol.hasPorts(protocol)) {
            a = pickPort(m.sourcePorts(), k + 2);
            b = pickPort(m.destinationPorts(), k);
        } else if (Protocol.isIcmp(protocol)) {
            int[] t = icmpType();
            a = t[0];
            b = t[1];
        } else {
            a = 0;
            b = 0;
        }
        add(new Probe(family, protocol, src, dst, a, b));
    }

    private int[] icmpType() {
        int[] types = family == IpFamily.IPV4 ? new int[] {8, 8, 13} : new int[] {128, 128, 135, 136};
        int type = types[random.nextInt(types.length)];
        int code = type == 8 && random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        return new int[] {type, code};
    }

    private Probe randomProbe() {
        int protocol = pick(protocols);
        int a = 0;
        int b = 0;
        if (Protocol.hasPorts(protocol)) {
            a = pick(ports);
            b = pick(ports);
        } else if (Protocol.isIcmp(protocol)) {
            int[] t = icmpType();
            a = t[0];
            b = t[1];
        }
        return new Probe(family, protocol, pick(addresses), pick(addresses), a, b);
    }

    private void add(Probe p) {
        if (p.source().equals(p.destination())) {
            return;
        }
        String key = key(p.protocol(), p.source(), p.destination(), p.a(), p.b());
        if (chosen.containsKey(key) || reverse.contains(key)) {
            return;
        }
        String pair = Protocol.isIcmp(p.protocol()) ? null
                : Protocol.hasPorts(p.protocol()) ? key(p.protocol(), p.destination(), p.source(), p.b(), p.a())
                : key(p.protocol(), p.destination(), p.source(), 0, 0);
        if (pair != null && chosen.containsKey(pair)) {
            return;
        }
        chosen.put(key, p);
        if (pair != null) {
            reverse.add(pair);
        }
    }

    private static String key(int protocol, Address s, Address d, int a, int b) {
        return protocol + " " + s + " " + d + " " + a + " " + b;
    }
}
