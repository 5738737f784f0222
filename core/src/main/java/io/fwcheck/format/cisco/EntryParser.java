package io.fwcheck.format.cisco;

import io.fwcheck.model.Action;
import io.fwcheck.model.Address;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one access-list entry ({@code permit tcp any host 10.0.2.10 eq 5432 log}) into the
 * matches of the neutral model: one per service when a service group gives several. A word
 * fwcheck does not know ends the modelled part: the entry keeps what was read before it (a
 * superset of what it matches, as every later word narrows it) and an unmodelled condition with
 * the rest of the line, so its packets are UNKNOWN, never silently decided.
 */
final class EntryParser {

    /**
     * One entry read.
     *
     * @param action permit or deny; null when the entry's effect is not modelled at all (it may
     *     permit or deny: {@code evaluate}, {@code dynamic}, unknown entries)
     * @param alternatives the matches; the entry matches a packet when one of them does
     * @param inactive an ASA {@code inactive} entry, which decides nothing
     */
    record Parsed(Action action, List<Match> alternatives, boolean inactive) {}

    private static final Set<String> ASA_LOG_WORDS = Set.of("disable", "default", "emergencies", "alerts", "critical",
            "errors", "warnings", "notifications", "informational", "debugging");

    private final String file;
    private final AclKind kind;
    private final CiscoObjects objects;

    EntryParser(String file, AclKind kind, CiscoObjects objects) {
        this.file = file;
        this.kind = kind;
        this.objects = objects;
    }

    /** What one entry reads into, field by field; what is not yet read does not constrain. */
    private static final class Entry {
        List<Service> services = List.of(Service.any());
        boolean plain;
        IntRanges sourcePorts;
        IntRanges destinationPorts;
        IntRanges icmp;
        AddressSet sources = AddressSet.all();
        AddressSet destinations = AddressSet.all();
        Unmodelled established;
        final List<Unmodelled> unknown = new ArrayList<>();
    }

    /** Reads the entry of {@code line} whose action word is at {@code from}. */
    Parsed parse(ConfigLine line, int from) {
        Cursor c = new Cursor(line, file, from);
        String verb = c.next();
        Action action = switch (verb) {
            case "permit" -> Action.ACCEPT;
            case "deny" -> Action.DROP;
            default -> null;
        };
        if (action == null) {
            Match m = Match.builder().families(kind.families)
                    .unmodelled(c.unmodelled(from, " (an entry fwcheck does not model: it may permit or deny)"))
                    .build();
            return new Parsed(null, List.of(m), false);
        }
        if (kind.dialect == Dialect.ASA && line.word(line.size() - 1).equals("inactive")) {
            return new Parsed(action, List.of(), true);
        }
        Entry e = new Entry();
        try {
            if (kind.standard()) {
                if (kind == AclKind.ASA_STANDARD) {
                    e.destinations = address(c, e, true);
                } else {
                    e.sources = address(c, e, true);
                }
            } else {
                extended(c, e);
            }
            options(c, e);
        } catch (Cursor.NotModelled stop) {
            e.unknown.add(c.unmodelled(stop.index, ""));
        }
        return new Parsed(action, matches(e), false);
    }

    private void extended(Cursor c, Entry e) {
        int protoAt = c.index;
        String word = c.required("a protocol (ip, tcp, udp, icmp, a number 0-255) or an object group");
        boolean v6 = kind == AclKind.IOS_IPV6;
        if (word.equals("object-group") || word.equals("object") && kind.dialect == Dialect.ASA) {
            String name = c.required("the name of a service or protocol group");
            Optional<CiscoObjects.Group> g = objects.find(name);
            CiscoObjects.Kind groupKind = g.map(x -> x.kind).orElse(CiscoObjects.Kind.SERVICE);
            if (groupKind == CiscoObjects.Kind.NETWORK || groupKind == CiscoObjects.Kind.OTHER) {
                e.unknown.add(new Unmodelled(groupKind.label + " group " + name + " where a protocol or service belongs",
                        c.at(protoAt)));
                e.services = List.of(Service.any());
            } else {
                CiscoObjects.Resolved<List<Service>> r = objects.services(name, c.at(protoAt), groupKind);
                e.unknown.addAll(r.unknown());
                if (!r.unknown().isEmpty()) {
                    e.services = List.of(Service.any());
                    e.plain = g.isEmpty();
                } else if (groupKind == CiscoObjects.Kind.PROTOCOL) {
                    IntRanges protocols = IntRanges.empty();
                    for (Service s : r.value()) {
                        protocols = protocols.union(s.protocols());
                    }
                    e.services = List.of(Service.of(protocols, EnumSet.allOf(IpFamily.class)));
                    e.plain = true;
                } else {
                    e.services = r.value();
                }
            }
        } else {
            Optional<Service> s = objects.protocol(word, v6);
            if (s.isEmpty()) {
                if (CiscoNames.isDigits(word)) {
                    throw c.errorAt(protoAt, "protocol number " + word + " is out of range", "a protocol number 0-255");
                }
                c.index = protoAt;
                throw c.notModelled();
            }
            e.services = List.of(s.get());
            e.plain = true;
        }
        if (kind.dialect == Dialect.ASA && (c.peek().startsWith("user") || c.peek().startsWith("security-group")
                || c.peek().equals("object-group-user") || c.peek().equals("object-group-security"))) {
            throw c.notModelled();
        }
        e.sources = address(c, e, false);
        e.sourcePorts = ports(c, e);
        e.destinations = address(c, e, false);
        e.destinationPorts = ports(c, e);
        if (e.plain && e.services.size() == 1 && isIcmp(e.services.get(0).protocols())) {
            boolean icmp6 = e.services.get(0).protocols().contains(Protocol.ICMPV6);
            if (kind.dialect == Dialect.ASA && c.peek().equals("object-group")) {
                int at = c.index;
                c.next();
                String name = c.required("the name of an icmp-type group");
                CiscoObjects.Resolved<List<Service>> r = objects.services(name, c.at(at), CiscoObjects.Kind.ICMP);
                e.unknown.addAll(r.unknown());
                IntRanges values = IntRanges.empty();
                for (Service s : r.value()) {
                    values = values.union(s.icmp().orElse(IntRanges.range(0, Match.ICMP_MAX)));
                }
                e.icmp = r.unknown().isEmpty() ? values : null;
            } else {
                e.icmp = c.icmpType(icmp6);
            }
        }
    }

    private static boolean isIcmp(IntRanges protocols) {
        return protocols.equals(IntRanges.of(Protocol.ICMP)) || protocols.equals(IntRanges.of(Protocol.ICMPV6));
    }

    /** A port operator or (ASA) a port group at the cursor, when the entry's protocol has ports; else null. */
    private IntRanges ports(Cursor c, Entry e) {
        if (!e.plain || e.services.size() != 1) {
            return null;
        }
        IntRanges protocols = e.services.get(0).protocols();
        boolean portProtocols = CiscoObjects.isPortProtocol(protocols);
        if (Cursor.isPortOperator(c.peek())) {
            boolean undefinedGroup = protocols.isAll(Protocol.MAX) && !e.unknown.isEmpty();
            if (!portProtocols && !undefinedGroup) {
                throw c.error("port operator '" + c.peek() + "' after protocol " + protocols,
                        "ports only after tcp, udp or sctp");
            }
            IntRanges names = protocols.isAll(Protocol.MAX) ? IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP))
                    : protocols;
            return c.portOperator(names, kind.dialect == Dialect.IOS);
        }
        if (kind.dialect == Dialect.ASA && c.peek().equals("object-group")) {
            Optional<CiscoObjects.Group> g = objects.find(c.peek(1));
            if (g.isPresent() && g.get().kind == CiscoObjects.Kind.PORT) {
                int at = c.index;
                c.next();
                c.next();
                CiscoObjects.Resolved<List<Service>> r = objects.services(g.get().name, c.at(at), CiscoObjects.Kind.PORT);
                e.unknown.addAll(r.unknown());
                IntRanges ports = IntRanges.empty();
                for (Service s : r.value()) {
                    ports = ports.union(s.destinationPorts().orElse(IntRanges.range(0, Match.PORT_MAX)));
                }
                return r.unknown().isEmpty() ? ports : null;
            }
        }
        return null;
    }

    /**
     * An address operand: {@code any}, {@code host A}, {@code A WILDCARD} (IOS) or
     * {@code A NETMASK} (ASA), {@code A/LEN}, {@code object-group NAME}, (ASA) {@code any4},
     * {@code any6}, {@code object NAME}, {@code interface NAME}. In a standard IOS list a lone
     * address is one host.
     */
    private AddressSet address(Cursor c, Entry e, boolean standard) {
        int at = c.index;
        String word = c.required("an address: any, host A.B.C.D, an address and "
                + (kind.dialect == Dialect.IOS ? "wildcard" : "netmask") + ", or object-group NAME");
        AddressSet familyAll = familyAll();
        switch (word) {
            case "any" -> {
                return familyAll;
            }
            case "host" -> {
                Address a = c.address("an address after host");
                return within(AddressSet.of(AddressRange.of(a)), at, c);
            }
            case "object-group", "addrgroup" -> {
                if (word.equals("addrgroup")) {
                    c.index = at;
                    throw c.notModelled();
                }
                return group(c, e, at, c.required("the name of a network group"), familyAll);
            }
            default -> {
                // the cases below
            }
        }
        if (kind.dialect == Dialect.ASA) {
            switch (word) {
                case "any4" -> {
                    return AddressSet.all(IpFamily.IPV4);
                }
                case "any6" -> {
                    return AddressSet.all(IpFamily.IPV6);
                }
                case "object" -> {
                    return group(c, e, at, c.required("the name of a network object"), familyAll);
                }
                case "interface" -> {
                    c.required("an interface name");
                    e.unknown.add(new Unmodelled("interface " + c.line.word(at + 1) + " (the interface's own addresses)",
                            c.at(at)));
                    return familyAll;
                }
                default -> {
                    // an address below
                }
            }
        }
        if (!Cursor.looksLikeAddress(word)) {
            c.index = at;
            throw c.notModelled();
        }
        c.index = at;
        if (word.indexOf('/') >= 0) {
            return within(AddressSet.of(c.prefix("an address prefix")), at, c);
        }
        if (word.indexOf(':') >= 0) {
            throw c.error("IPv6 address " + word + " without a prefix length", "host " + word + " or " + word + "/LEN");
        }
        if (kind.dialect == Dialect.ASA) {
            return within(AddressSet.of(c.addressAndNetmask()), at, c);
        }
        long address = c.ipv4("an IPv4 address");
        if (standard && !Cursor.looksLikeAddress(c.peek())) {
            return AddressSet.of(AddressRange.of(Address.ipv4(address)));
        }
        int wildcardAt = c.index;
        long wildcard = c.ipv4("a wildcard mask like 0.0.0.255 after " + Address.ipv4(address));
        Optional<AddressSet> exact = Wildcards.expand(address, wildcard);
        if (exact.isPresent()) {
            return exact.get();
        }
        e.unknown.add(new Unmodelled("wildcard " + Address.ipv4(address) + " " + Address.ipv4(wildcard) + " ("
                + Wildcards.blocks(wildcard) + " separate address blocks; fwcheck expands at most " + Wildcards.MAX_BLOCKS
                + ")", c.at(wildcardAt - 1)));
        return Wildcards.cover(address, wildcard);
    }

    private AddressSet familyAll() {
        AddressSet all = AddressSet.empty();
        for (IpFamily f : kind.families) {
            all = all.union(AddressSet.all(f));
        }
        return all;
    }

    /** An address of a family this list does not filter is an error. */
    private AddressSet within(AddressSet set, int at, Cursor c) {
        for (IpFamily f : IpFamily.values()) {
            if (set.has(f) && !kind.families.contains(f)) {
                throw c.errorAt(at, "an " + f.label() + " address in an " + kind.label,
                        kind.families.contains(IpFamily.IPV4) ? "IPv4 addresses" : "IPv6 addresses");
            }
        }
        return set;
    }

    private AddressSet group(Cursor c, Entry e, int at, String name, AddressSet familyAll) {
        CiscoObjects.Resolved<AddressSet> r = objects.addresses(name, c.at(at));
        e.unknown.addAll(r.unknown());
        return r.unknown().isEmpty() ? r.value().intersect(familyAll) : familyAll;
    }

    /** Trailing options: logging (ignored), {@code established}, {@code reflect}, {@code time-range}. */
    private void options(Cursor c, Entry e) {
        while (!c.atEnd()) {
            int at = c.index;
            String word = c.next();
            switch (word) {
                case "log", "log-input" -> skipLogArguments(c);
                case "established" -> {
                    if (kind.dialect != Dialect.IOS) {
                        c.index = at;
                        throw c.notModelled();
                    }
                    e.established = new Unmodelled("established (whether a related or invalid packet has the ACK or RST"
                            + " flag)", c.at(at));
                }
                case "reflect" -> {
                    c.required("the name of a reflexive access list");
                    if (c.peek().equals("timeout")) {
                        c.next();
                        c.required("a timeout in seconds");
                    }
                }
                case "time-range" -> {
                    c.required("the name of a time range");
                    e.unknown.add(new Unmodelled("time-range " + c.line.word(at + 1) + " (the entry applies at certain times"
                            + " only)", c.at(at)));
                }
                case "inactive" -> {
                    // ASA inactive entries are left out before parsing; here it is the last word
                }
                default -> {
                    c.index = at;
                    throw c.notModelled();
                }
            }
        }
    }

    private void skipLogArguments(Cursor c) {
        if (kind.dialect == Dialect.IOS) {
            if (c.index == c.line.size() - 1 && !c.peek().equals("established")) {
                c.next();
            }
            return;
        }
        while (!c.atEnd()) {
            String w = c.peek();
            if (CiscoNames.isDigits(w) || ASA_LOG_WORDS.contains(w)) {
                c.next();
            } else if (w.equals("interval")) {
                c.next();
                c.required("an interval in seconds");
            } else {
                return;
            }
        }
    }

    private List<Match> matches(Entry e) {
        List<Match> out = new ArrayList<>();
        for (Service s : e.services) {
            Service full = s;
            if (e.sourcePorts != null) {
                full = full.withSourcePorts(e.sourcePorts);
            }
            if (e.destinationPorts != null) {
                full = full.withDestinationPorts(e.destinationPorts);
            }
            if (e.icmp != null) {
                full = full.withIcmp(e.icmp);
            }
            EnumSet<IpFamily> families = EnumSet.noneOf(IpFamily.class);
            for (IpFamily f : kind.families) {
                if (full.families().contains(f) && e.sources.has(f) && e.destinations.has(f)) {
                    families.add(f);
                }
            }
            Match.Builder b = full.applyTo(Match.builder().families(families).sources(e.sources)
                    .destinations(e.destinations));
            e.unknown.forEach(b::unmodelled);
            if (e.established == null) {
                out.add(b.build());
                continue;
            }
            // established packets carry ACK or RST; a new connection's first packet (SYN) does not
            b.protocols(full.protocols().intersect(IntRanges.of(Protocol.TCP)));
            out.add(b.states(EnumSet.of(ConnState.ESTABLISHED)).build());
            out.add(b.states(EnumSet.of(ConnState.RELATED, ConnState.INVALID)).unmodelled(e.established).build());
        }
        return out;
    }
}
