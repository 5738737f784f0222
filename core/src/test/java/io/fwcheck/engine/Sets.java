package io.fwcheck.engine;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Small builders for the engine's unit tests (core cannot use the test-fixtures module). */
final class Sets {
    private Sets() {}

    /** {@code 10.0.0.0/8}, {@code 10.0.0.1-10.0.0.9} or a single address. */
    static AddressSet addresses(String... items) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : items) {
            int slash = item.indexOf('/');
            int dash = item.indexOf('-');
            if (slash >= 0) {
                ranges.add(AddressRange.cidr(Address.parse(item.substring(0, slash)), Integer.parseInt(item.substring(slash + 1))));
            } else if (dash >= 0) {
                ranges.add(new AddressRange(Address.parse(item.substring(0, dash)), Address.parse(item.substring(dash + 1))));
            } else {
                ranges.add(AddressRange.of(Address.parse(item)));
            }
        }
        return AddressSet.of(ranges);
    }

    static Match.Builder match() {
        return Match.builder();
    }

    static Match tcp(String source, String destination, int port) {
        return Match.builder().sources(addresses(source)).destinations(addresses(destination))
                .protocol(Protocol.TCP).destinationPorts(IntRanges.of(port)).build();
    }

    static Match family(IpFamily family) {
        return Match.builder().families(EnumSet.of(family)).build();
    }

    static Match in(boolean negated, String... patterns) {
        return Match.builder().inInterface(new InterfaceMatch(List.of(patterns), negated)).build();
    }

    static Flow flow(String source, String destination, int protocol, int sport, int dport) {
        Address s = Address.parse(source);
        return new Flow(s.family(), s, Address.parse(destination), protocol, sport, dport, 0, 0, ConnState.NEW, "", "");
    }

    static Flow tcpFlow(String source, String destination, int dport) {
        return flow(source, destination, Protocol.TCP, Flow.EPHEMERAL_PORT, dport);
    }
}
