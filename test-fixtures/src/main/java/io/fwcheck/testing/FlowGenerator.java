package io.fwcheck.testing;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Flow;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Draws canonical {@link Flow}s from a seed, biased toward the values where rulesets change their
 * mind. Pointed at a ruleset, about half the flows are aimed at one of its rules: inside the rule's
 * modelled match at the ends of its ranges, often with one field moved just outside it. The
 * others are assembled field by field from edge values (for every address, port, protocol and
 * ICMP range of the rules, and groups and services of a policy: the first and last value and
 * the values just outside; for interfaces: the rules' names and wildcard prefixes plus near
 * misses) and from uniform values. Both families, every connection state and flows without
 * interfaces all occur.
 *
 * <p>Configure first ({@link #biasedToward(Ruleset)}, {@link #biasedToward(Policy)}), then draw:
 * each configured generator starts its random stream at its seed, so the same seed and the same
 * configuration give the same flows. Not thread-safe (it holds a random stream).
 */
public final class FlowGenerator {

    private static final String[] UNRELATED_INTERFACES = {"", "", "lo", "ppp0", "eth0", "wlp2s0", "x", "abcdefghijklmnop"};

    private final long seed;
    private final SplittableRandom random;
    private final Edges edges;

    private FlowGenerator(long seed, Edges edges) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.edges = edges;
    }

    /** Uniform flows plus the extremes of every field. */
    public static FlowGenerator seeded(long seed) {
        return new FlowGenerator(seed, Edges.basic());
    }

    public long seed() {
        return seed;
    }

    /** A generator (restarted at the seed) that also favours the edges of the ruleset's rules. */
    public FlowGenerator biasedToward(Ruleset ruleset) {
        Edges more = edges.copy();
        for (Rule rule : ruleset.rules()) {
            more.add(rule.match());
        }
        return new FlowGenerator(seed, more.sorted());
    }

    /** A generator (restarted at the seed) that also favours the edges of the policy's groups and services. */
    public FlowGenerator biasedToward(Policy policy) {
        Edges more = edges.copy();
        policy.groups().values().forEach(more::add);
        policy.services().values().forEach(more::add);
        for (Requirement r : policy.requirements()) {
            if (r instanceof Requirement.MustAllow m) {
                more.add(m.from().addresses());
                more.add(m.to().addresses());
                more.add(m.service());
            } else if (r instanceof Requirement.MustDeny m) {
                more.add(m.from().addresses());
                more.add(m.to().addresses());
                more.add(m.service());
            } else if (r instanceof Requirement.OnlyAllow o) {
                more.add(o.to().addresses());
                for (Requirement.Allowance a : o.allow()) {
                    more.add(a.from().addresses());
                    more.add(a.service());
                }
            }
        }
        return new FlowGenerator(seed, more.sorted());
    }

    /** {@code count} flows. */
    public List<Flow> flows(int count) {
        List<Flow> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /**
     * The next flow: about half the time one aimed at a random rule (inside its modelled match,
     * often with one field moved just outside it), else one assembled from edge values.
     */
    public Flow next() {
        if (!edges.matches.isEmpty() && random.nextInt(20) < 9) {
            Flow aimed = aimedAt(edges.matches.get(random.nextInt(edges.matches.size())));
            if (aimed != null) {
                return aimed;
            }
        }
        IpFamily family = random.nextInt(3) == 0 ? IpFamily.IPV6 : IpFamily.IPV4;
        return flow(family, address(family), address(family), protocol(family));
    }

    /** A flow inside the match, or next to one of its edges; null when the match is empty. */
    private Flow aimedAt(Match m) {
        IntRanges protocols = m.protocols();
        if (m.sourcePorts().isPresent() || m.destinationPorts().isPresent()) {
            protocols = protocols.intersect(Protocol.WITH_PORTS);
        }
        List<IpFamily> families = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            IntRanges usable = m.icmp().isPresent() ? protocols.intersect(IntRanges.of(Protocol.icmpOf(f))) : protocols;
            if (m.families().contains(f) && m.sources().has(f) && m.destinations().has(f) && !usable.isEmpty()) {
                families.add(f);
            }
        }
        if (families.isEmpty() || m.states().isEmpty()) {
            return null;
        }
        IpFamily family = families.get(random.nextInt(families.size()));
        if (m.icmp().isPresent()) {
            protocols = IntRanges.of(Protocol.icmpOf(family));
        }
        int protocol = protocols.contains(Protocol.TCP) && random.nextBoolean() ? Protocol.TCP : valueIn(protocols);
        Address src = addressIn(m.sources(), family);
        Address dst = addressIn(m.destinations(), family);
        int sport = 0;
        int dport = 0;
        int icmp = 0;
        if (Protocol.hasPorts(protocol)) {
            sport = m.sourcePorts().map(this::valueIn).orElseGet(() -> random.nextBoolean() ? Flow.EPHEMERAL_PORT : random.nextInt(65536));
            dport = m.destinationPorts().map(this::valueIn).orElseGet(() -> pick(edges.ports, random.nextInt(65536)));
        }
        if (Protocol.carriesIcmp(family, protocol)) {
            icmp = m.icmp().map(this::valueIn).orElseGet(() -> pick(edges.icmp, random.nextInt(0x10000)));
        }
        List<ConnState> states = new ArrayList<>(m.states());
        states.sort(null);
        ConnState state = states.get(random.nextInt(states.size()));
        String in = m.inInterface().map(this::nameMatching).orElseGet(this::interfaceName);
        String out = m.outInterface().map(this::nameMatching).orElseGet(this::interfaceName);
        switch (random.nextInt(12)) {
            case 0 -> src = justOutside(m.sources(), family, src);
            case 1 -> dst = justOutside(m.destinations(), family, dst);
            case 2 -> dport = Protocol.hasPorts(protocol) ? m.destinationPorts().map(p -> justOutside(p, Match.PORT_MAX)).orElse(dport) : 0;
            case 3 -> sport = Protocol.hasPorts(protocol) ? m.sourcePorts().map(p -> justOutside(p, Match.PORT_MAX)).orElse(sport) : 0;
            case 4 -> icmp = Protocol.carriesIcmp(family, protocol) ? m.icmp().map(p -> justOutside(p, Match.ICMP_MAX)).orElse(icmp) : 0;
            case 5 -> state = ConnState.values()[random.nextInt(ConnState.values().length)];
            case 6 -> in = interfaceName();
            default -> { } // inside the match
        }
        return new Flow(family, src, dst, protocol, sport, dport, icmp >>> 8, icmp & 0xFF, state, in, out);
    }

    /** The address just before or after one of the set's ranges (staying in the family), or {@code fallback}. */
    private Address justOutside(AddressSet set, IpFamily family, Address fallback) {
        List<AddressRange> ranges = set.only(family).ranges();
        AddressRange r = ranges.get(random.nextInt(ranges.size()));
        Optional<Address> outside = random.nextBoolean() ? r.first().previous() : r.last().next();
        return outside.filter(a -> !set.contains(a)).orElse(fallback);
    }

    private int justOutside(IntRanges values, int max) {
        int i = random.nextInt(values.size());
        int v = random.nextBoolean() ? values.lo(i) - 1 : values.hi(i) + 1;
        return v < 0 || v > max ? values.lo(i) : v;
    }

    /** A name the interface condition accepts, or an unrelated one when none comes to hand. */
    private String nameMatching(InterfaceMatch match) {
        for (int attempt = 0; attempt < 8; attempt++) {
            String candidate;
            if (match.negated()) {
                candidate = interfaceName();
            } else {
                String p = match.patterns().get(random.nextInt(match.patterns().size()));
                String base = p.endsWith("+") ? p.substring(0, p.length() - 1) : p;
                candidate = p.endsWith("+") && base.length() < InterfaceMatch.MAX_NAME && random.nextBoolean()
                        ? base + random.nextInt(10) : base;
            }
            if (match.matches(candidate)) {
                return candidate;
            }
        }
        return interfaceName();
    }

    /** A flow of the given addresses and protocol; ports, ICMP type, state and interfaces drawn as {@link #next()} does. */
    public Flow flow(IpFamily family, Address source, Address destination, int protocol) {
        int sport = 0;
        int dport = 0;
        int icmp = 0;
        if (Protocol.hasPorts(protocol)) {
            int k = random.nextInt(10);
            sport = k < 4 ? pick(edges.ports, random.nextInt(65536))
                    : k < 6 ? Flow.EPHEMERAL_PORT
                    : k < 9 ? 32768 + random.nextInt(32768)
                    : random.nextInt(65536);
            dport = random.nextInt(10) < 7 ? pick(edges.ports, random.nextInt(65536)) : random.nextInt(65536);
        }
        if (Protocol.carriesIcmp(family, protocol)) {
            icmp = random.nextInt(10) < 6 ? pick(edges.icmp, random.nextInt(0x10000)) : random.nextInt(0x10000);
        }
        ConnState state = ConnState.values()[random.nextInt(ConnState.values().length)];
        return new Flow(family, source, destination, protocol, sport, dport, icmp >>> 8, icmp & 0xFF, state,
                interfaceName(), interfaceName());
    }

    /** An address of the family: often a range edge of the configured rules, else uniform. */
    public Address address(IpFamily family) {
        List<Address> pool = family == IpFamily.IPV4 ? edges.v4 : edges.v6;
        int k = random.nextInt(20);
        if (k < 13) {
            return pool.get(random.nextInt(pool.size()));
        }
        if (k < 15) {
            Address near = pool.get(random.nextInt(pool.size()));
            return offset(near, random.nextInt(33) - 16);
        }
        return family == IpFamily.IPV4
                ? Address.ipv4(random.nextLong() & 0xFFFF_FFFFL)
                : Address.ipv6(random.nextInt(4) == 0 ? 0x2001_0db8_0000_0000L | random.nextInt() & 0xFFFF_FFFFL : random.nextLong(),
                        random.nextLong());
    }

    /**
     * An address of the set in the family: the first or last of one of its ranges, or one inside.
     *
     * @throws IllegalArgumentException when the set has no address of the family
     */
    public Address addressIn(AddressSet set, IpFamily family) {
        List<AddressRange> ranges = set.only(family).ranges();
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no " + family.label() + " address in " + set);
        }
        AddressRange r = ranges.get(random.nextInt(ranges.size()));
        int k = random.nextInt(5);
        if (k == 0) {
            return r.first();
        }
        if (k == 1) {
            return r.last();
        }
        if (k == 2) {
            Address a = address(family);
            if (set.contains(a)) {
                return a;
            }
        }
        return inside(r);
    }

    /** A value of a non-empty set: an end of one of its ranges, or one inside. */
    public int valueIn(IntRanges values) {
        int i = random.nextInt(values.size());
        int k = random.nextInt(4);
        if (k == 0) {
            return values.lo(i);
        }
        if (k == 1) {
            return values.hi(i);
        }
        return values.lo(i) + random.nextInt(values.hi(i) - values.lo(i) + 1);
    }

    /** An interface name: none, one the rules name, a near miss, or an unrelated one. */
    public String interfaceName() {
        int k = random.nextInt(10);
        if (k < 4) {
            return "";
        }
        if (k < 8 && !edges.interfaces.isEmpty()) {
            return edges.interfaces.get(random.nextInt(edges.interfaces.size()));
        }
        return UNRELATED_INTERFACES[random.nextInt(UNRELATED_INTERFACES.length)];
    }

    private int protocol(IpFamily family) {
        int k = random.nextInt(20);
        if (k < 7) {
            return Protocol.TCP;
        }
        if (k < 11) {
            return Protocol.UDP;
        }
        if (k < 13) {
            return family == IpFamily.IPV4 ? Protocol.ICMP : Protocol.ICMPV6;
        }
        if (k < 14) {
            return family == IpFamily.IPV4 ? Protocol.ICMPV6 : Protocol.ICMP;
        }
        if (k < 17) {
            return pick(edges.protocols, random.nextInt(256));
        }
        return random.nextInt(256);
    }

    private int pick(int[] pool, int fallback) {
        return pool.length == 0 ? fallback : pool[random.nextInt(pool.length)];
    }

    private Address inside(AddressRange r) {
        Address first = r.first();
        Address last = r.last();
        long spanHi = last.hi() - first.hi();
        long spanLo = last.lo() - first.lo();
        if (Long.compareUnsigned(last.lo(), first.lo()) < 0) {
            spanHi--;
        }
        long addLo;
        long addHi = 0;
        if (spanHi == 0) {
            addLo = spanLo == -1L ? random.nextLong() : Long.remainderUnsigned(random.nextLong(), spanLo + 1);
        } else {
            addHi = Long.remainderUnsigned(random.nextLong(), spanHi + 1 == 0 ? -1L : spanHi + 1);
            addLo = random.nextLong();
        }
        long lo = first.lo() + addLo;
        long hi = first.hi() + addHi + (Long.compareUnsigned(lo, first.lo()) < 0 ? 1 : 0);
        Address a = new Address(first.family(), hi, lo);
        return r.contains(a) ? a : first;
    }

    private static Address offset(Address a, int by) {
        Address out = a;
        for (int i = 0; i < Math.abs(by); i++) {
            Optional<Address> step = by > 0 ? out.next() : out.previous();
            if (step.isEmpty()) {
                break;
            }
            out = step.get();
        }
        return out;
    }

    /** The interesting values of each field, sorted so the draws do not depend on hashing. */
    private static final class Edges {
        final TreeSet<Address> v4Set = new TreeSet<>();
        final TreeSet<Address> v6Set = new TreeSet<>();
        final TreeSet<Integer> portSet = new TreeSet<>();
        final TreeSet<Integer> protocolSet = new TreeSet<>();
        final TreeSet<Integer> icmpSet = new TreeSet<>();
        final TreeSet<String> interfaceSet = new TreeSet<>();
        final List<Match> matches = new ArrayList<>();
        List<Address> v4 = List.of();
        List<Address> v6 = List.of();
        int[] ports = new int[0];
        int[] protocols = new int[0];
        int[] icmp = new int[0];
        List<String> interfaces = List.of();

        static Edges basic() {
            Edges e = new Edges();
            e.add(AddressSet.all());
            e.add(AddressSet.of(new AddressRange(Address.ipv4(0x7F00_0000L), Address.ipv4(0x7FFF_FFFFL))));
            e.addRanges(e.portSet, IntRanges.range(0, 1023), Match.PORT_MAX);
            e.addRanges(e.portSet, IntRanges.of(Flow.EPHEMERAL_PORT), Match.PORT_MAX);
            e.addRanges(e.protocolSet, Protocol.WITH_PORTS.union(Protocol.WITH_ICMP), Protocol.MAX);
            e.addRanges(e.icmpSet, IntRanges.range(8 << 8, 8 << 8 | 0xFF), Match.ICMP_MAX);
            return e.sorted();
        }

        Edges copy() {
            Edges e = new Edges();
            e.v4Set.addAll(v4Set);
            e.v6Set.addAll(v6Set);
            e.portSet.addAll(portSet);
            e.protocolSet.addAll(protocolSet);
            e.icmpSet.addAll(icmpSet);
            e.interfaceSet.addAll(interfaceSet);
            e.matches.addAll(matches);
            return e;
        }

        Edges sorted() {
            v4 = List.copyOf(v4Set);
            v6 = List.copyOf(v6Set);
            ports = portSet.stream().mapToInt(Integer::intValue).toArray();
            protocols = protocolSet.stream().mapToInt(Integer::intValue).toArray();
            icmp = icmpSet.stream().mapToInt(Integer::intValue).toArray();
            interfaces = List.copyOf(interfaceSet);
            return this;
        }

        void add(Match m) {
            matches.add(m);
            add(m.sources());
            add(m.destinations());
            addRanges(protocolSet, m.protocols(), Protocol.MAX);
            m.sourcePorts().ifPresent(p -> addRanges(portSet, p, Match.PORT_MAX));
            m.destinationPorts().ifPresent(p -> addRanges(portSet, p, Match.PORT_MAX));
            m.icmp().ifPresent(p -> addRanges(icmpSet, p, Match.ICMP_MAX));
            m.inInterface().ifPresent(this::add);
            m.outInterface().ifPresent(this::add);
        }

        void add(AddressSet set) {
            for (AddressRange r : set.ranges()) {
                TreeSet<Address> pool = r.family() == IpFamily.IPV4 ? v4Set : v6Set;
                pool.add(r.first());
                pool.add(r.last());
                r.first().previous().ifPresent(pool::add);
                r.last().next().ifPresent(pool::add);
            }
        }

        void add(Service service) {
            for (Service.Part part : service.parts()) {
                addRanges(protocolSet, part.protocols(), Protocol.MAX);
                part.ports().ifPresent(p -> addRanges(portSet, p, Match.PORT_MAX));
                part.icmp().ifPresent(p -> addRanges(icmpSet, p, Match.ICMP_MAX));
            }
        }

        void add(InterfaceMatch match) {
            for (String p : match.patterns()) {
                String base = p.endsWith("+") ? p.substring(0, p.length() - 1) : p;
                addName(base);
                addName(base + "0");
                addName(base + "9");
                if (!base.isEmpty()) {
                    addName(base.substring(0, base.length() - 1));
                    char last = base.charAt(base.length() - 1);
                    if (last < 0xFF) {
                        addName(base.substring(0, base.length() - 1) + (char) (last + 1));
                    }
                }
            }
        }

        private void addName(String name) {
            if (name.length() <= InterfaceMatch.MAX_NAME) {
                interfaceSet.add(name);
            }
        }

        void addRanges(TreeSet<Integer> pool, IntRanges ranges, int max) {
            for (int i = 0; i < ranges.size(); i++) {
                int lo = ranges.lo(i);
                int hi = ranges.hi(i);
                pool.add(lo);
                pool.add(hi);
                if (lo > 0) {
                    pool.add(lo - 1);
                }
                if (hi < max) {
                    pool.add(hi + 1);
                }
            }
        }
    }
}
