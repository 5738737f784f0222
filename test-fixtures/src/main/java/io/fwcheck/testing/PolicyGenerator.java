package io.fwcheck.testing;

import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.Endpoint;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Policy;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Requirement;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.Service;
import io.fwcheck.model.Severity;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates random policies from a seed: named address groups, named services and must-allow,
 * must-deny and only-allow requirements over them. Pointed at a ruleset, two thirds of the
 * must-allow (must-deny) requirements restate what one of its accept (drop/reject) rules is
 * about, which holds unless an earlier rule interferes; the other groups and services are taken
 * from (or carved out of) what its rules mention, or are random private networks and common
 * services. So some requirements pass and some fail.
 *
 * <p>Every requirement covers at least one flow: its source and destination groups share an IP
 * family and its services are not empty, as {@code Checker} demands. The same seed, target and
 * count always give the same policy. Instances are immutable.
 */
public final class PolicyGenerator {

    private static final Service[] COMMON = {
        Service.ports("postgres", Protocol.TCP, IntRanges.of(5432)),
        Service.ports("https", Protocol.TCP, IntRanges.of(443)),
        Service.ports("ssh", Protocol.TCP, IntRanges.of(22)),
        Service.ports("dns", Protocol.UDP, IntRanges.of(53)),
        Service.ports("web-alt", Protocol.TCP, IntRanges.range(8000, 8999)),
        Service.ports("high-tcp", Protocol.TCP, IntRanges.range(1024, 65535)),
        new Service("ping", List.of(new Service.Part(IntRanges.of(Protocol.ICMP), Optional.empty(),
                Optional.of(IntRanges.range(8 << 8, 8 << 8 | 0xFF))))),
        new Service("ping6", List.of(new Service.Part(IntRanges.of(Protocol.ICMPV6), Optional.empty(),
                Optional.of(IntRanges.range(128 << 8, 128 << 8 | 0xFF))))),
        new Service("dns-both", List.of(
                new Service.Part(IntRanges.of(Protocol.TCP), Optional.of(IntRanges.of(53)), Optional.empty()),
                new Service.Part(IntRanges.of(Protocol.UDP), Optional.of(IntRanges.of(53)), Optional.empty()))),
        new Service("gre", List.of(new Service.Part(IntRanges.of(Protocol.GRE), Optional.empty(), Optional.empty()))),
        Service.ANY,
    };

    private final long seed;
    private final Optional<Ruleset> target;

    private PolicyGenerator(long seed, Optional<Ruleset> target) {
        this.seed = seed;
        this.target = target;
    }

    public static PolicyGenerator seeded(long seed) {
        return new PolicyGenerator(seed, Optional.empty());
    }

    /** A generator whose groups and services come mostly from the ruleset's rules. */
    public PolicyGenerator about(Ruleset ruleset) {
        return new PolicyGenerator(seed, Optional.of(ruleset));
    }

    /** A policy of {@code count} requirements, roughly 45% must-allow, 35% must-deny, 20% only-allow. */
    public Policy generate(int count) {
        SplittableRandom random = new SplittableRandom(seed);
        String file = "policy-" + seed + ".yaml";
        List<AddressSet> addressPool = new ArrayList<>();
        List<Service> servicePool = new ArrayList<>();
        List<Mirror> accepts = new ArrayList<>();
        List<Mirror> denies = new ArrayList<>();
        target.ifPresent(r -> collect(r, addressPool, servicePool, accepts, denies));
        Map<String, AddressSet> groups = new LinkedHashMap<>();
        Map<String, Service> services = new LinkedHashMap<>();
        List<Requirement> requirements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SourceLocation at = new SourceLocation(file, i + 1, 3);
            IpFamily family = random.nextInt(4) == 0 ? IpFamily.IPV6 : IpFamily.IPV4;
            Endpoint to = group(random, groups, addressPool, family);
            Severity severity = RulesetGenerator.pick(random, Severity.values());
            String id = "req-" + (i + 1);
            int kind = random.nextInt(20);
            List<Mirror> mirrors = kind < 9 ? accepts : denies;
            if (kind < 16 && !mirrors.isEmpty() && random.nextInt(3) > 0) {
                // what a rule of the ruleset is written to allow or deny: often holds, unless shadowed
                Mirror m = mirrors.get(random.nextInt(mirrors.size()));
                Endpoint from = named(groups, m.from());
                Endpoint to2 = named(groups, m.to());
                services.putIfAbsent(m.service().name(), m.service());
                requirements.add(kind < 9
                        ? new Requirement.MustAllow(id, "", severity, at, from, to2, m.service())
                        : new Requirement.MustDeny(id, "", severity, at, from, to2, m.service()));
            } else if (kind < 9) {
                Endpoint from = group(random, groups, addressPool, family);
                requirements.add(new Requirement.MustAllow(id, "", severity, at, from, to,
                        service(random, services, servicePool, family)));
            } else if (kind < 16) {
                Endpoint from = group(random, groups, addressPool, family);
                requirements.add(new Requirement.MustDeny(id, "", severity, at, from, to,
                        service(random, services, servicePool, family)));
            } else {
                List<Requirement.Allowance> allow = new ArrayList<>();
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    allow.add(new Requirement.Allowance(group(random, groups, addressPool, family),
                            service(random, services, servicePool, family)));
                }
                requirements.add(new Requirement.OnlyAllow(id, "", severity, at, to, allow));
            }
        }
        return new Policy(groups, services, requirements, new SourceLocation(file, 0, 0));
    }

    /** The flows one rule is about, as a requirement would name them. */
    private record Mirror(AddressSet from, AddressSet to, Service service) {}

    private static void collect(Ruleset ruleset, List<AddressSet> addresses, List<Service> services,
            List<Mirror> accepts, List<Mirror> denies) {
        for (Rule rule : ruleset.rules()) {
            Match m = rule.match();
            for (AddressSet s : List.of(m.sources(), m.destinations())) {
                if (!s.isAll() && !s.isEmpty()) {
                    addresses.add(s);
                }
            }
            IntRanges withPorts = m.protocols().intersect(Protocol.WITH_PORTS);
            if (m.destinationPorts().isPresent() && !withPorts.isEmpty()) {
                Service service = new Service(rule.id() + "-service", List.of(
                        new Service.Part(withPorts, m.destinationPorts(), Optional.empty())));
                services.add(service);
                AddressSet from = inFamilies(m.sources(), m);
                AddressSet to = inFamilies(m.destinations(), m);
                boolean sharesFamily = (from.has(IpFamily.IPV4) && to.has(IpFamily.IPV4))
                        || (from.has(IpFamily.IPV6) && to.has(IpFamily.IPV6));
                if (sharesFamily && m.isCertain() && m.states().contains(ConnState.NEW)
                        && m.inInterface().isEmpty() && m.outInterface().isEmpty() && m.sourcePorts().isEmpty()) {
                    (rule.action().accepts() ? accepts : denies).add(new Mirror(from, to, service));
                }
            }
        }
    }

    private static AddressSet inFamilies(AddressSet set, Match m) {
        AddressSet out = AddressSet.empty();
        for (IpFamily f : m.families()) {
            out = out.union(set.only(f));
        }
        return out;
    }

    private static Endpoint named(Map<String, AddressSet> groups, AddressSet addresses) {
        String name = "group-" + (groups.size() + 1);
        groups.put(name, addresses);
        return new Endpoint(name, addresses);
    }

    /** A new or reused group holding at least one address of the family. */
    private static Endpoint group(SplittableRandom random, Map<String, AddressSet> groups, List<AddressSet> pool,
            IpFamily family) {
        if (!groups.isEmpty() && random.nextInt(3) == 0) {
            List<Map.Entry<String, AddressSet>> usable = groups.entrySet().stream()
                    .filter(e -> e.getValue().has(family))
                    .toList();
            if (!usable.isEmpty()) {
                Map.Entry<String, AddressSet> e = usable.get(random.nextInt(usable.size()));
                return new Endpoint(e.getKey(), e.getValue());
            }
        }
        return named(groups, addresses(random, pool, family));
    }

    private static AddressSet addresses(SplittableRandom random, List<AddressSet> pool, IpFamily family) {
        int k = random.nextInt(20);
        if (k < 12 && !pool.isEmpty()) {
            AddressSet s = pool.get(random.nextInt(pool.size())).only(family);
            if (!s.isEmpty()) {
                if (k < 7) {
                    return s;
                }
                // one address of it, or the range from one of its addresses to the next
                AddressRange r = s.ranges().get(random.nextInt(s.ranges().size()));
                return random.nextBoolean()
                        ? AddressSet.of(AddressRange.of(r.first()))
                        : AddressSet.of(new AddressRange(r.first(), r.last().next().orElse(r.last())));
            }
        }
        if (k < 14) {
            return AddressSet.all(family);
        }
        if (family == IpFamily.IPV4) {
            long base = 0x0A00_0000L | (long) random.nextInt(256) << 16 | (long) random.nextInt(256) << 8;
            int length = RulesetGenerator.pick(random, 24, 24, 32, 16, 28);
            long mask = (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
            return AddressSet.of(AddressRange.cidr(Address.ipv4(base & mask), length));
        }
        long hi = 0x2001_0db8_0000_0000L | (long) random.nextInt(0x10000) << 16;
        return random.nextBoolean()
                ? AddressSet.of(AddressRange.cidr(Address.ipv6(hi, 0), 48))
                : AddressSet.of(AddressRange.of(Address.ipv6(hi, 1 + random.nextInt(0x10000))));
    }

    /** A new or reused service that covers some flow of the family. */
    private static Service service(SplittableRandom random, Map<String, Service> services, List<Service> pool,
            IpFamily family) {
        Service chosen;
        int k = random.nextInt(10);
        if (k < 5 && !pool.isEmpty()) {
            chosen = pool.get(random.nextInt(pool.size()));
        } else {
            chosen = COMMON[random.nextInt(COMMON.length)];
        }
        // an ICMP-only service of the other family would cover nothing
        if (chosen.name().equals(family == IpFamily.IPV4 ? "ping6" : "ping")) {
            chosen = COMMON[family == IpFamily.IPV4 ? 6 : 7];
        }
        services.putIfAbsent(chosen.name(), chosen);
        return chosen;
    }
}
