package io.fwcheck.format.cisco;

import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One protocol-and-ports alternative of an access-list entry or a service object: the entry
 * matches a packet when one of its services does (and the addresses do).
 *
 * @param protocols the protocol numbers, all of them for {@code ip}
 * @param families the families the protocol keyword applies to ({@code icmp} is IPv4, {@code icmp6} IPv6)
 * @param sourcePorts source ports, when constrained
 * @param destinationPorts destination ports, when constrained
 * @param icmp ICMP values {@code type << 8 | code}, when constrained
 */
record Service(IntRanges protocols, Set<IpFamily> families, Optional<IntRanges> sourcePorts,
        Optional<IntRanges> destinationPorts, Optional<IntRanges> icmp) {

    Service {
        families = Set.copyOf(families);
    }

    static Service of(IntRanges protocols, Set<IpFamily> families) {
        return new Service(protocols, families, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Service any() {
        return of(Match.ALL_PROTOCOLS, EnumSet.allOf(IpFamily.class));
    }

    Service withSourcePorts(IntRanges ports) {
        return new Service(protocols, families, Optional.of(ports), destinationPorts, icmp);
    }

    Service withDestinationPorts(IntRanges ports) {
        return new Service(protocols, families, sourcePorts, Optional.of(ports), icmp);
    }

    Service withIcmp(IntRanges values) {
        return new Service(protocols, families, sourcePorts, destinationPorts, Optional.of(values));
    }

    /** The conditions of this service added to a match builder. */
    Match.Builder applyTo(Match.Builder b) {
        if (!protocols.isAll(255)) {
            b.protocols(protocols);
        }
        sourcePorts.ifPresent(b::sourcePorts);
        destinationPorts.ifPresent(b::destinationPorts);
        icmp.ifPresent(b::icmp);
        return b;
    }
}
