package io.fwcheck.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A named set of protocols and ports, e.g. {@code postgres: tcp/5432}: the union of its parts.
 *
 * @param name the name users refer to it by, or its text when written inline
 * @param parts what it covers
 */
public record Service(String name, List<Part> parts) {

    /** Every protocol and port. */
    public static final Service ANY = new Service("any", List.of(new Part(Match.ALL_PROTOCOLS, Optional.empty(), Optional.empty())));

    public Service {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one part");
        }
    }

    /** A single protocol with destination ports ({@code tcp/5432}). */
    public static Service ports(String name, int protocol, IntRanges ports) {
        return new Service(name, List.of(new Part(IntRanges.of(protocol), Optional.of(ports), Optional.empty())));
    }

    public boolean isAny() {
        return parts.stream().anyMatch(p -> p.protocols().isAll(Protocol.MAX) && p.ports().isEmpty() && p.icmp().isEmpty());
    }

    /** True when the flow's protocol and destination port (or ICMP type) are covered. */
    public boolean covers(Flow flow) {
        return parts.stream().anyMatch(p -> p.covers(flow));
    }

    /**
     * One part of a service.
     *
     * @param protocols protocol numbers
     * @param ports destination ports, when constrained (then only protocols with ports)
     * @param icmp ICMP values {@code type << 8 | code}, when constrained (then only ICMP in IPv4, ICMPv6 in IPv6)
     */
    public record Part(IntRanges protocols, Optional<IntRanges> ports, Optional<IntRanges> icmp) {

        public boolean covers(Flow flow) {
            if (!protocols.contains(flow.protocol())) {
                return false;
            }
            if (ports.isPresent() && !(Protocol.hasPorts(flow.protocol()) && ports.get().contains(flow.destinationPort()))) {
                return false;
            }
            return icmp.isEmpty() || Protocol.carriesIcmp(flow.family(), flow.protocol()) && icmp.get().contains(flow.icmpValue());
        }

        @Override
        public String toString() {
            String proto = protocols.isAll(Protocol.MAX) ? "any" : protocols.pairs().stream()
                    .map(p -> p[0] == p[1] ? Protocol.name(p[0]) : p[0] + "-" + p[1])
                    .collect(Collectors.joining(","));
            if (ports.isPresent()) {
                return proto + "/" + ports.get();
            }
            if (icmp.isPresent()) {
                return proto + "/" + icmp.get();
            }
            return proto;
        }
    }
}
