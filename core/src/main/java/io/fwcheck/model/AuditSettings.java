package io.fwcheck.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the exposure checks of {@code fwcheck audit} look for: which sources are the internet,
 * which destination ports are administrative and which belong to databases, how wide a source
 * range is broad, which address groups are internal only, and which address families the checks
 * look at. A policy's {@code audit:} section overrides any of them; {@link #defaults()} holds the
 * rest.
 *
 * @param internet the sources that count as the internet: by default every address but
 *     {@link #NOT_INTERNET}; in a policy, its {@code audit: internet:} or else its group {@code internet}
 * @param adminPorts administrative services (remote shells and desktops, container and cluster APIs)
 * @param databasePorts database and cache services
 * @param broadIpv4Prefix an IPv4 source range is broad when it holds at least as many addresses as a
 *     prefix of this length (16: a /16, 65,536 addresses)
 * @param broadIpv6Prefix the same for IPv6 (48: a /48)
 * @param internalOnly address groups that must accept no new connection from the internet, each
 *     checked on the rulesets it applies to
 * @param families the address families whose packets the checks look at (both by default): a fleet
 *     without IPv6 names IPv4 alone, so that IPv6 packets, which an IPv4 dump leaves undecided, are
 *     not reported as possible exposures
 */
public record AuditSettings(Endpoint internet, Service adminPorts, Service databasePorts, int broadIpv4Prefix,
        int broadIpv6Prefix, List<InternalOnly> internalOnly, Set<IpFamily> families) {

    /**
     * A group that must accept no new connection from the internet.
     *
     * @param group the group
     * @param rulesets the rulesets it is checked on; none: every ruleset. A host's own input chain
     *     usually has no destination condition, so name the rulesets that actually lead to the group
     */
    public record InternalOnly(Endpoint group, List<RulesetPattern> rulesets) {
        public InternalOnly {
            if (group == null) {
                throw new IllegalArgumentException("an internal-only group is required");
            }
            rulesets = List.copyOf(rulesets);
        }

        /** True when the group is checked on a ruleset of this name read from this file. */
        public boolean appliesTo(String name, String file) {
            return rulesets.isEmpty() || rulesets.stream().anyMatch(p -> p.matches(name, file));
        }
    }

    /**
     * The IPv4 and IPv6 ranges that are not the internet by default, none of which internet traffic
     * comes from: "this network", private, shared (CGNAT), loopback, link-local, documentation and
     * benchmarking, multicast and reserved ranges; unique local and IPv4-mapped IPv6.
     */
    public static final List<String> NOT_INTERNET = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::ffff:0:0/96", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8");

    /** Default administrative services, as {@code protocol/port}. */
    public static final List<String> ADMIN_PORTS = List.of(
            "tcp/22", "tcp/23", "tcp/3389", "tcp/5900", "tcp/5985", "tcp/5986", "tcp/2375", "tcp/2376",
            "tcp/6443", "tcp/10250", "udp/161");

    /** Default database and cache services, as {@code protocol/port}. */
    public static final List<String> DATABASE_PORTS = List.of(
            "tcp/5432", "tcp/3306", "tcp/1433", "tcp/1521", "tcp/27017", "tcp/6379", "tcp/9200", "tcp/9300",
            "tcp/11211", "tcp/9042", "tcp/5984", "tcp/8086");

    private static final AuditSettings DEFAULTS = new AuditSettings(
            new Endpoint("internet", AddressSet.all().minus(cidrs(NOT_INTERNET))),
            service("admin ports", ADMIN_PORTS), service("database ports", DATABASE_PORTS), 16, 48, List.of(),
            EnumSet.allOf(IpFamily.class));

    public AuditSettings {
        if (internet == null || adminPorts == null || databasePorts == null) {
            throw new IllegalArgumentException("internet, admin ports and database ports are required");
        }
        if (broadIpv4Prefix < 0 || broadIpv4Prefix > 32 || broadIpv6Prefix < 0 || broadIpv6Prefix > 128) {
            throw new IllegalArgumentException("broad range prefix lengths are 0-32 (IPv4) and 0-128 (IPv6)");
        }
        internalOnly = List.copyOf(internalOnly);
        if (families == null || families.isEmpty()) {
            throw new IllegalArgumentException("at least one address family is required");
        }
        families = Set.copyOf(families);
    }

    /** The settings used without a policy, and for what a policy's audit section leaves out. */
    public static AuditSettings defaults() {
        return DEFAULTS;
    }

    /** The smallest number of addresses a broad source range of the family holds, as a power of two. */
    public int broadBits(IpFamily family) {
        return family.bits() - (family == IpFamily.IPV4 ? broadIpv4Prefix : broadIpv6Prefix);
    }

    public AuditSettings withInternet(Endpoint value) {
        return new AuditSettings(value, adminPorts, databasePorts, broadIpv4Prefix, broadIpv6Prefix, internalOnly,
                families);
    }

    public AuditSettings withAdminPorts(Service value) {
        return new AuditSettings(internet, value, databasePorts, broadIpv4Prefix, broadIpv6Prefix, internalOnly,
                families);
    }

    public AuditSettings withDatabasePorts(Service value) {
        return new AuditSettings(internet, adminPorts, value, broadIpv4Prefix, broadIpv6Prefix, internalOnly,
                families);
    }

    public AuditSettings withBroadPrefixes(int ipv4, int ipv6) {
        return new AuditSettings(internet, adminPorts, databasePorts, ipv4, ipv6, internalOnly, families);
    }

    public AuditSettings withInternalOnly(List<InternalOnly> value) {
        return new AuditSettings(internet, adminPorts, databasePorts, broadIpv4Prefix, broadIpv6Prefix, value,
                families);
    }

    public AuditSettings withFamilies(Set<IpFamily> value) {
        return new AuditSettings(internet, adminPorts, databasePorts, broadIpv4Prefix, broadIpv6Prefix, internalOnly,
                value);
    }

    /** The internet's addresses of the families the checks look at. */
    public AddressSet internetAddresses() {
        AddressSet all = internet.addresses();
        return families.size() == IpFamily.values().length ? all
                : families.stream().map(all::only).reduce(AddressSet::union).orElseThrow();
    }

    private static AddressSet cidrs(List<String> texts) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String text : texts) {
            int slash = text.indexOf('/');
            ranges.add(AddressRange.cidr(Address.parse(text.substring(0, slash)),
                    Integer.parseInt(text.substring(slash + 1))));
        }
        return AddressSet.of(ranges);
    }

    private static Service service(String name, List<String> specs) {
        List<Service.Part> parts = new ArrayList<>();
        for (String spec : specs) {
            int slash = spec.indexOf('/');
            int protocol = Protocol.parse(spec.substring(0, slash)).orElseThrow();
            parts.add(new Service.Part(IntRanges.of(protocol),
                    Optional.of(IntRanges.of(Integer.parseInt(spec.substring(slash + 1)))), Optional.empty()));
        }
        return new Service(name, parts);
    }
}
