package io.fwcheck.testing;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates realistic random rulesets from a seed: the same seed, settings and size always give
 * the same ruleset, so a failing test only needs to print its seed.
 *
 * <p>A ruleset reads like a host or gateway firewall: a short preamble of general rules
 * (established/related, invalid, loopback, ICMP echo and IPv6 neighbour discovery, SSH from a
 * management network), a body of rules about specific addresses, and a few broad rules at the
 * end. Addresses come from a per-ruleset plan of sites (private and public IPv4 networks, IPv6
 * /48s) so that rules overlap the way real ones do: many /24 and /32 blocks, some wide
 * prefixes, address ranges {@code a-b}, negated sets and, rarely, sets mixing both families.
 * Ports are well-known singles, lists and ranges (1024-65535, 49152-65535, …); protocols are
 * mostly TCP and UDP, then ICMP/ICMPv6 with types, other protocols and "any"; some rules test
 * connection states and interfaces ({@code eth0}, {@code eth+}, negated). About one body rule in
 * seven is a variant of an earlier one (narrowed, widened or with another action), which makes
 * shadowed and redundant rules, and a few body rules leave out part of their match
 * ({@link Match#except()}, as chain flattening writes a {@code RETURN}). Optionally rules (and
 * exceptions) carry {@link Unmodelled} conditions.
 *
 * <p>Instances are immutable; {@code with…} methods return changed copies.
 */
public final class RulesetGenerator {

    static final int[] WELL_KNOWN_PORTS = {
        21, 22, 23, 25, 53, 80, 110, 123, 137, 139, 143, 161, 389, 443, 445, 514, 636, 993, 1194, 3306,
        3389, 5060, 5432, 6379, 8080, 8443, 9200, 11211, 27017
    };
    static final int[][] PORT_RANGES = {
        {1024, 65535}, {0, 1023}, {49152, 65535}, {32768, 60999}, {6000, 6010}, {8000, 8999}, {30000, 32767},
        {0, 0}, {65535, 65535}
    };
    static final int[] ICMP_TYPES = {0, 3, 4, 5, 8, 11, 12, 13};
    static final int[] ICMPV6_TYPES = {1, 2, 3, 4, 128, 129, 133, 134, 135, 136};
    static final int[] OTHER_PROTOCOLS = {
        Protocol.GRE, Protocol.ESP, Protocol.AH, Protocol.SCTP, Protocol.IGMP, Protocol.DCCP, Protocol.UDPLITE, 0, 4, 41, 255
    };
    static final String[] INTERFACES = {
        "eth0", "eth1", "eth2", "eth10", "ens3", "wlan0", "lo", "docker0", "br-1a2b3c4d5e6f", "veth1a2b", "tun0", "bond0.100"
    };
    static final String[] WILDCARDS = {"eth+", "veth+", "br-+", "tun+", "en+", "+"};
    private static final String[] UNMODELLED = {
        "-m recent --rcheck --seconds 60", "-m set --match-set blocklist src", "-m limit --limit 10/s",
        "-m string --string GET --algo bm", "-m addrtype --dst-type LOCAL", "-m physdev --physdev-in vnet0"
    };

    private final long seed;
    private final double ipv6Share;
    private final double unmodelledRate;
    private final Action defaultAction;

    private RulesetGenerator(long seed, double ipv6Share, double unmodelledRate, Action defaultAction) {
        this.seed = seed;
        this.ipv6Share = ipv6Share;
        this.unmodelledRate = unmodelledRate;
        this.defaultAction = defaultAction;
    }

    /** A generator with 30% IPv6 rules, no unmodelled conditions and a random default action. */
    public static RulesetGenerator seeded(long seed) {
        return new RulesetGenerator(seed, 0.3, 0.0, null);
    }

    public long seed() {
        return seed;
    }

    /** The share of family-specific rules that are IPv6: 0 for IPv4 only, 1 for IPv6 only. */
    public RulesetGenerator withIpv6Share(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be in 0..1");
        }
        return new RulesetGenerator(seed, share, unmodelledRate, defaultAction);
    }

    /** The probability that a rule carries an unmodelled condition (0 for none). */
    public RulesetGenerator withUnmodelledRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be in 0..1");
        }
        return new RulesetGenerator(seed, ipv6Share, rate, defaultAction);
    }

    /** A fixed default action instead of a random one. */
    public RulesetGenerator withDefaultAction(Action action) {
        return new RulesetGenerator(seed, ipv6Share, unmodelledRate, action);
    }

    /**
     * The ruleset of {@code size} rules for this seed, named {@code generated-<seed>}: a short
     * preamble of general rules (connection states, loopback, ICMP, management access), a body of
     * rules about specific addresses, and a few broad rules at the end.
     */
    public Ruleset generate(int size) {
        SplittableRandom random = new SplittableRandom(seed);
        String name = "generated-" + seed;
        String file = name + ".rules";
        Plan plan = new Plan(random, size);
        int preamble = Math.max(1, Math.min(12, size / 20));
        List<Integer> generalKinds = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
        for (int i = generalKinds.size() - 1; i > 0; i--) {
            Collections.swap(generalKinds, i, random.nextInt(i + 1));
        }
        int tail = Math.max(1, Math.min(6, size / 50));
        List<Rule> rules = new ArrayList<>(size);
        List<Match> body = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            SourceLocation at = new SourceLocation(file, i + 1, 1);
            Match match;
            if (i < preamble) {
                match = general(random, plan, generalKinds.get(i % generalKinds.size()));
            } else if (i >= size - tail) {
                match = i == size - 1 && random.nextBoolean() ? Match.any() : broad(random, plan);
            } else if (!body.isEmpty() && random.nextInt(7) == 0) {
                match = variant(random, body.get(random.nextInt(body.size())));
            } else {
                match = specific(random, plan);
                body.add(match);
                if (random.nextInt(100) < 4) {
                    match = match.toBuilder().except(exception(random, match, at)).build();
                }
            }
            if (random.nextDouble() < unmodelledRate) {
                match = match.toBuilder()
                        .unmodelled(new Unmodelled(UNMODELLED[random.nextInt(UNMODELLED.length)], at))
                        .build();
            }
            Action action = i < preamble ? GENERAL_ACTIONS[generalKinds.get(i % generalKinds.size())] : null;
            rules.add(new Rule("r" + (i + 1), action != null ? action : action(random), match, "", at));
        }
        Action fallback = defaultAction != null ? defaultAction : pick(random, Action.DROP, Action.DROP, Action.ACCEPT, Action.REJECT);
        return new Ruleset(name, rules, fallback, new SourceLocation(file, size + 1, 1));
    }

    private static Action action(SplittableRandom random) {
        int r = random.nextInt(20);
        return r < 10 ? Action.ACCEPT : r < 17 ? Action.DROP : Action.REJECT;
    }

    private IpFamily family(SplittableRandom random) {
        return random.nextDouble() < ipv6Share ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    /** What each kind of preamble rule does, as host firewalls do it; null for a random action. */
    private static final Action[] GENERAL_ACTIONS = {
        Action.ACCEPT, Action.DROP, Action.ACCEPT, Action.ACCEPT, Action.ACCEPT, Action.ACCEPT, Action.DROP, Action.REJECT, null
    };

    /** A preamble rule: the general rules host firewalls start with. */
    private Match general(SplittableRandom random, Plan plan, int kind) {
        Match.Builder b = Match.builder();
        IpFamily family = family(random);
        switch (kind) {
            case 0 -> b.states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED));
            case 1 -> b.states(EnumSet.of(ConnState.INVALID));
            case 2 -> b.inInterface(InterfaceMatch.of("lo"));
            case 3 -> {
                boolean v6 = family == IpFamily.IPV6;
                b.families(EnumSet.of(family)).protocol(v6 ? Protocol.ICMPV6 : Protocol.ICMP).icmpType(v6 ? 128 : 8);
            }
            case 4 -> b.families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6)
                    .icmp(IntRanges.range(133 << 8, 136 << 8 | 0xFF));
            case 5 -> b.families(EnumSet.of(family)).sources(plan.addresses(random, family))
                    .protocol(Protocol.TCP).destinationPorts(IntRanges.of(22)).states(EnumSet.of(ConnState.NEW));
            case 6 -> b.families(EnumSet.of(family)).inInterface(interfaces(random))
                    .sources(AddressSet.of(family == IpFamily.IPV4
                            ? AddressRange.cidr(Address.ipv4(0x7F00_0000L), 8)
                            : AddressRange.of(Address.ipv6(0, 1))));
            case 7 -> b.protocol(Protocol.TCP).destinationPorts(IntRanges.of(113));
            default -> {
                return mixed(random, plan, true);
            }
        }
        return b.build();
    }

    /** A body rule: about specific source and/or destination addresses. */
    private Match specific(SplittableRandom random, Plan plan) {
        if (random.nextInt(100) < 4) {
            return mixed(random, plan, false);
        }
        Match.Builder b = Match.builder();
        IpFamily family = family(random);
        b.families(EnumSet.of(family));
        int which = random.nextInt(100);
        if (which < 65) {
            b.sources(maybeNegated(random, plan.addresses(random, family)));
        }
        if (which >= 35) {
            b.destinations(maybeNegated(random, plan.addresses(random, family)));
        }
        protocolAndPorts(random, b, family, false);
        states(random, b, 25);
        if (random.nextInt(100) < 10) {
            b.inInterface(interfaces(random));
        }
        if (random.nextInt(100) < 5) {
            b.outInterface(interfaces(random));
        }
        return b.build();
    }

    /**
     * A part of a rule's match it leaves out, as chain flattening writes a {@code RETURN} before
     * the rule: one address, one port, an interface or a state; now and then unmodelled itself.
     */
    private Match exception(SplittableRandom random, Match match, SourceLocation at) {
        Match.Builder b = Match.builder();
        switch (random.nextInt(4)) {
            case 0 -> b.sources(narrow(random, match.sources()));
            case 1 -> b.destinations(narrow(random, match.destinations()));
            case 2 -> b.inInterface(InterfaceMatch.of(INTERFACES[random.nextInt(INTERFACES.length)]));
            default -> {
                if (match.destinationPorts().isPresent()) {
                    b.destinationPorts(IntRanges.of(match.destinationPorts().get().hi(0)));
                } else {
                    b.states(EnumSet.of(ConnState.INVALID));
                }
            }
        }
        if (random.nextDouble() < unmodelledRate * 3) {
            b.unmodelled(new Unmodelled(UNMODELLED[random.nextInt(UNMODELLED.length)], at));
        }
        return b.build();
    }

    /** A rule at the end: a catch-all for a site, an interface or a protocol. */
    private Match broad(SplittableRandom random, Plan plan) {
        Match.Builder b = Match.builder();
        switch (random.nextInt(3)) {
            case 0 -> {
                IpFamily family = family(random);
                b.families(EnumSet.of(family)).sources(AddressSet.of(plan.wide(random, family)));
            }
            case 1 -> b.inInterface(interfaces(random));
            default -> b.protocol(random.nextBoolean() ? Protocol.TCP : Protocol.UDP);
        }
        return b.build();
    }

    /**
     * A rule of any shape: no address condition, or a set mixing both families (an nftables inet
     * set). Without addresses it is kept narrow (ports, a protocol or an interface).
     */
    private Match mixed(SplittableRandom random, Plan plan, boolean noAddresses) {
        Match.Builder b = Match.builder();
        if (!noAddresses) {
            b.sources(plan.addresses(random, IpFamily.IPV4).union(plan.addresses(random, IpFamily.IPV6)));
        }
        protocolAndPorts(random, b, null, noAddresses);
        states(random, b, 45);
        if (random.nextInt(100) < (noAddresses ? 50 : 20)) {
            b.inInterface(interfaces(random));
        }
        if (random.nextInt(100) < 10) {
            b.outInterface(interfaces(random));
        }
        return b.build();
    }

    private static AddressSet maybeNegated(SplittableRandom random, AddressSet set) {
        return random.nextInt(100) < 3 ? set.complement() : set;
    }

    /** Protocol, ports or ICMP type; rules without addresses are kept narrow (they come early in real rulesets). */
    private static void protocolAndPorts(SplittableRandom random, Match.Builder b, IpFamily family, boolean narrow) {
        int p = random.nextInt(narrow ? 76 : 100);
        if (p < 40) {
            b.protocol(Protocol.TCP);
            ports(random, b, narrow);
        } else if (p < 60) {
            b.protocol(Protocol.UDP);
            ports(random, b, narrow);
        } else if (p < 65) {
            b.protocols(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP)));
            ports(random, b, narrow);
        } else if (p < 76) {
            boolean v6 = family == IpFamily.IPV6 || family == null && random.nextBoolean();
            // now and then the "wrong" ICMP for the family, as typos in real rulesets
            if (random.nextInt(20) == 0) {
                v6 = !v6;
            }
            b.protocol(v6 ? Protocol.ICMPV6 : Protocol.ICMP);
            icmp(random, b, v6 ? ICMPV6_TYPES : ICMP_TYPES);
        } else if (p < 86) {
            if (random.nextInt(4) == 0) {
                int lo = random.nextInt(256);
                b.protocols(IntRanges.range(lo, Math.min(255, lo + random.nextInt(40))));
            } else {
                b.protocol(OTHER_PROTOCOLS[random.nextInt(OTHER_PROTOCOLS.length)]);
            }
        } else if (p < 89) {
            // nftables "th dport 53": any protocol with ports
            ports(random, b, false);
        } else if (p < 90) {
            b.icmpType(8);
        }
        // else: any protocol
    }

    private static void ports(SplittableRandom random, Match.Builder b, boolean always) {
        if (always || random.nextInt(100) < 85) {
            b.destinationPorts(portSet(random));
        }
        if (random.nextInt(100) < 15) {
            b.sourcePorts(portSet(random));
        }
    }

    private static IntRanges portSet(SplittableRandom random) {
        int k = random.nextInt(100);
        if (k < 50) {
            return IntRanges.of(WELL_KNOWN_PORTS[random.nextInt(WELL_KNOWN_PORTS.length)]);
        }
        if (k < 65) {
            List<int[]> pairs = new ArrayList<>();
            int n = 2 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                int port = WELL_KNOWN_PORTS[random.nextInt(WELL_KNOWN_PORTS.length)];
                pairs.add(new int[] {port, port});
            }
            return IntRanges.ofPairs(pairs);
        }
        if (k < 85) {
            int[] r = PORT_RANGES[random.nextInt(PORT_RANGES.length)];
            return IntRanges.range(r[0], r[1]);
        }
        if (k < 95) {
            int lo = random.nextInt(65536);
            return IntRanges.range(lo, Math.min(65535, lo + random.nextInt(200)));
        }
        return IntRanges.of(random.nextInt(65536));
    }

    private static void icmp(SplittableRandom random, Match.Builder b, int[] types) {
        int k = random.nextInt(100);
        int type = types[random.nextInt(types.length)];
        if (k < 55) {
            b.icmpType(type);
        } else if (k < 70) {
            b.icmp(IntRanges.of(type << 8 | random.nextInt(4)));
        } else if (k < 78) {
            int lo = random.nextInt(0x10000);
            b.icmp(IntRanges.range(lo, Math.min(0xFFFF, lo + random.nextInt(600))));
        }
        // else: any ICMP message
    }

    /** Constrains the states with the given probability (in percent), NEW most often. */
    private static void states(SplittableRandom random, Match.Builder b, int percent) {
        if (random.nextInt(100) >= percent) {
            return;
        }
        int k = random.nextInt(100);
        if (k < 50) {
            b.states(EnumSet.of(ConnState.NEW));
        } else if (k < 80) {
            b.states(EnumSet.of(ConnState.ESTABLISHED, ConnState.RELATED));
        } else if (k < 90) {
            b.states(EnumSet.of(ConnState.INVALID));
        } else {
            Set<ConnState> some = EnumSet.noneOf(ConnState.class);
            for (ConnState s : ConnState.values()) {
                if (random.nextBoolean()) {
                    some.add(s);
                }
            }
            b.states(some);
        }
    }

    private static InterfaceMatch interfaces(SplittableRandom random) {
        List<String> patterns = new ArrayList<>();
        int n = random.nextInt(5) == 0 ? 2 : 1;
        for (int i = 0; i < n; i++) {
            patterns.add(random.nextInt(3) == 0
                    ? WILDCARDS[random.nextInt(WILDCARDS.length)]
                    : INTERFACES[random.nextInt(INTERFACES.length)]);
        }
        return new InterfaceMatch(patterns, random.nextInt(5) == 0);
    }

    /** An earlier rule's match, narrowed, widened or unchanged (to be used with another action). */
    private static Match variant(SplittableRandom random, Match earlier) {
        Match.Builder b = earlier.toBuilder();
        switch (random.nextInt(6)) {
            case 0 -> { } // same match: a duplicate or a contradiction, depending on the action
            case 1 -> b.destinations(narrow(random, earlier.destinations()));
            case 2 -> b.sources(narrow(random, earlier.sources()));
            case 3 -> earlier.destinationPorts().ifPresent(ports -> b.destinationPorts(IntRanges.of(ports.lo(0))));
            case 4 -> b.states(EnumSet.of(ConnState.NEW));
            default -> {
                // widen: drop a condition
                if (random.nextBoolean() && !earlier.destinations().isAll()) {
                    b.sources(AddressSet.all());
                } else {
                    b.destinationPorts(null).sourcePorts(null);
                }
            }
        }
        return b.build();
    }

    /** One address of the set (the first or last of a range), or a /24 inside it. */
    private static AddressSet narrow(SplittableRandom random, AddressSet set) {
        List<AddressRange> ranges = set.ranges();
        AddressRange r = ranges.get(random.nextInt(ranges.size()));
        Address a = random.nextBoolean() ? r.first() : r.last();
        return AddressSet.of(AddressRange.of(a));
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** The networks one ruleset's addresses come from, so that its rules overlap. */
    private static final class Plan {
        private final long[] v4Sites;
        private final long[] v6Sites;

        Plan(SplittableRandom random, int size) {
            int sites = Math.max(3, Math.min(400, size / 40));
            v4Sites = new long[sites];
            v6Sites = new long[sites];
            for (int i = 0; i < sites; i++) {
                v4Sites[i] = switch (random.nextInt(4)) {
                    case 0 -> 0x0A00_0000L | (long) random.nextInt(256) << 16;          // 10.x.0.0/16
                    case 1 -> 0xAC10_0000L | (long) random.nextInt(16) << 16;           // 172.16-31.0.0/16
                    case 2 -> 0xC0A8_0000L;                                            // 192.168.0.0/16
                    default -> (long) (1 + random.nextInt(223)) << 24 | (long) random.nextInt(256) << 16;
                };
                v6Sites[i] = 0x2001_0db8_0000_0000L | (long) random.nextInt(0x10000) << 16; // 2001:db8:x::/48
            }
        }

        /** A site's whole network: a /16 (IPv4) or /48 (IPv6). */
        AddressRange wide(SplittableRandom random, IpFamily family) {
            int i = random.nextInt(v4Sites.length);
            return family == IpFamily.IPV4
                    ? AddressRange.cidr(Address.ipv4(v4Sites[i]), 16)
                    : AddressRange.cidr(Address.ipv6(v6Sites[i], 0), 48);
        }

        /** One to three items (prefixes or ranges) of one family. */
        AddressSet addresses(SplittableRandom random, IpFamily family) {
            int n = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
            List<AddressRange> ranges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ranges.add(family == IpFamily.IPV4 ? v4(random) : v6(random));
            }
            return AddressSet.of(ranges);
        }

        private AddressRange v4(SplittableRandom random) {
            long site = v4Sites[random.nextInt(v4Sites.length)];
            long inSite = site | random.nextInt(0x10000);
            int k = random.nextInt(1000);
            if (k < 80) {
                long last = Math.min(0xFFFF_FFFFL, inSite + 1 + random.nextInt(1000));
                return new AddressRange(Address.ipv4(inSite), Address.ipv4(last));
            }
            int length;
            if (k < 450) {
                length = 32;
            } else if (k < 700) {
                length = 24;
            } else if (k < 820) {
                length = 25 + random.nextInt(7);
            } else if (k < 890) {
                length = 16;
            } else if (k < 910) {
                length = 8;
            } else if (k < 915) {
                length = 0;
            } else {
                length = 8 + random.nextInt(25);
                inSite = random.nextLong() & 0xFFFF_FFFFL;
            }
            long mask = length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
            return AddressRange.cidr(Address.ipv4(inSite & mask), length);
        }

        private AddressRange v6(SplittableRandom random) {
            long hi = v6Sites[random.nextInt(v6Sites.length)] | random.nextInt(0x10000);
            long lo = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(0x10000);
            int k = random.nextInt(1000);
            if (k < 70) {
                long last = lo + 1 + random.nextInt(1000);
                return new AddressRange(Address.ipv6(hi, lo), Address.ipv6(Long.compareUnsigned(last, lo) < 0 ? hi + 1 : hi, last));
            }
            int length;
            if (k < 420) {
                length = 128;
            } else if (k < 720) {
                length = 64;
            } else if (k < 800) {
                length = 48;
            } else if (k < 805) {
                length = 0;
            } else {
                length = 32 + random.nextInt(97);
                hi = random.nextInt(3) == 0 ? random.nextLong() : hi;
            }
            long maskHi = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
            long maskLo = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
            return AddressRange.cidr(Address.ipv6(hi & maskHi, lo & maskLo), length);
        }
    }
}
