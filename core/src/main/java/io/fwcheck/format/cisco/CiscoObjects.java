package io.fwcheck.format.cisco;

import io.fwcheck.format.InputException;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The objects and object groups of a configuration: IOS {@code object-group network|service},
 * ASA {@code object network|service} and {@code object-group network|service|protocol|icmp-type}.
 * Members are read as their stanza is; references ({@code group-object}, {@code network-object
 * object}, {@code service-object object}) are resolved on use. A member fwcheck does not model
 * ({@code fqdn}, an unknown line), an undefined reference or a cycle makes what uses the group
 * uncertain, naming it.
 */
final class CiscoObjects {

    /** What a group holds. */
    enum Kind {
        NETWORK("network"),
        SERVICE("service"),
        PORT("port"),
        PROTOCOL("protocol"),
        ICMP("icmp-type"),
        OTHER("other");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** A group and its members, in order. */
    static final class Group {
        final String name;
        final Kind kind;
        final IntRanges portProtocols;
        final SourceLocation location;
        final List<AddressRange> addresses = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        final List<String[]> refs = new ArrayList<>();
        final List<SourceLocation> refLocations = new ArrayList<>();
        final List<Unmodelled> unknown = new ArrayList<>();

        Group(String name, Kind kind, IntRanges portProtocols, SourceLocation location) {
            this.name = name;
            this.kind = kind;
            this.portProtocols = portProtocols;
            this.location = location;
        }
    }

    /**
     * A resolved group: its value and what in it is not modelled.
     *
     * @param <T> the value's type
     */
    record Resolved<T>(T value, List<Unmodelled> unknown) {}

    private final String file;
    private final Dialect dialect;
    private final Map<String, Group> groups = new HashMap<>();

    CiscoObjects(String file, Dialect dialect) {
        this.file = file;
        this.dialect = dialect;
    }

    Optional<Group> find(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /**
     * Starts a group from its header line ({@code object-group network NAME},
     * {@code object service NAME}, {@code object-group service NAME tcp}); a second definition
     * of a name adds to the first, as re-entering the stanza does on the devices.
     */
    Group start(ConfigLine line) {
        boolean object = line.word(0).equals("object");
        String type = line.word(1);
        String name = line.word(2);
        if (name.isEmpty()) {
            throw new InputException(line.at(file, 2), "'" + line.words(0) + "' has no name",
                    "a name after " + line.words(0));
        }
        Kind kind;
        IntRanges portProtocols = IntRanges.empty();
        switch (type) {
            case "network" -> kind = Kind.NETWORK;
            case "protocol" -> kind = object ? Kind.OTHER : Kind.PROTOCOL;
            case "icmp-type" -> kind = object ? Kind.OTHER : Kind.ICMP;
            case "service" -> {
                String proto = line.word(3);
                if (!object && dialect == Dialect.ASA && !proto.isEmpty()) {
                    portProtocols = switch (proto) {
                        case "tcp" -> IntRanges.of(Protocol.TCP);
                        case "udp" -> IntRanges.of(Protocol.UDP);
                        case "tcp-udp" -> IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP));
                        default -> throw new InputException(line.at(file, 3), "unknown port group type '" + proto + "'",
                                "tcp, udp or tcp-udp");
                    };
                    kind = Kind.PORT;
                } else {
                    kind = Kind.SERVICE;
                }
            }
            default -> kind = Kind.OTHER;
        }
        Group existing = groups.get(name);
        if (existing != null && existing.kind == kind) {
            return existing;
        }
        Group g = new Group(name, kind, portProtocols, line.at(file, 0));
        if (kind == Kind.OTHER) {
            g.unknown.add(new Unmodelled(line.words(0) + " (a kind of object fwcheck does not model)", line.at(file, 0)));
        }
        groups.put(name, g);
        return g;
    }

    /** Reads one member line of a group's stanza. */
    void member(Group g, ConfigLine line) {
        Cursor c = new Cursor(line, file, 0);
        String first = c.peek();
        if (first.equals("description") || first.equals("nat") || g.kind == Kind.OTHER) {
            return;
        }
        try {
            if (first.equals("group-object")) {
                c.next();
                ref(g, line, c, g.kind);
                return;
            }
            switch (g.kind) {
                case NETWORK -> network(g, c);
                case SERVICE -> service(g, c);
                case PORT -> port(g, c);
                case PROTOCOL -> protocol(g, c);
                case ICMP -> icmp(g, c);
                default -> throw c.notModelled();
            }
            if (!c.atEnd()) {
                throw c.notModelled();
            }
        } catch (Cursor.NotModelled unknownMember) {
            g.unknown.add(c.unmodelled(0, " (in " + g.kind.label + " group " + g.name + ")"));
        }
    }

    private void ref(Group g, ConfigLine line, Cursor c, Kind kind) {
        int at = c.index;
        String name = c.required("the name of a group");
        g.refs.add(new String[] {name, kind.name()});
        g.refLocations.add(line.at(file, at));
    }

    private void network(Group g, Cursor c) {
        String w = c.next();
        if (w.equals("network-object")) {
            w = c.next();
            if (w.equals("object")) {
                c.index--;
                ref(g, c.line, advance(c), Kind.NETWORK);
                return;
            }
        }
        switch (w) {
            case "host" -> g.addresses.add(AddressRange.of(c.address("an address after host")));
            case "subnet" -> g.addresses.add(c.peek().indexOf('/') >= 0 ? c.prefix("a subnet") : c.addressAndNetmask());
            case "range" -> g.addresses.add(c.range());
            case "any" -> {
                g.addresses.add(AddressRange.all(IpFamily.IPV4));
                if (dialect == Dialect.ASA) {
                    g.addresses.add(AddressRange.all(IpFamily.IPV6));
                }
            }
            case "any4" -> g.addresses.add(AddressRange.all(IpFamily.IPV4));
            case "any6" -> g.addresses.add(AddressRange.all(IpFamily.IPV6));
            default -> {
                c.index--;
                if (w.indexOf('/') >= 0 && Cursor.looksLikeAddress(w)) {
                    g.addresses.add(c.prefix("a subnet"));
                } else if (Cursor.looksLikeAddress(w) && w.indexOf(':') < 0) {
                    if (Cursor.looksLikeAddress(c.peek(1))) {
                        g.addresses.add(c.addressAndNetmask());
                    } else {
                        g.addresses.add(AddressRange.of(c.address("an address")));
                    }
                } else {
                    throw c.notModelled();
                }
            }
        }
    }

    /** Skips the word {@code object} of {@code network-object object NAME}. */
    private static Cursor advance(Cursor c) {
        c.index++;
        return c;
    }

    private void service(Group g, Cursor c) {
        String w = c.peek();
        if (w.equals("service-object") || w.equals("service")) {
            c.next();
            if (c.peek().equals("object")) {
                c.next();
                ref(g, c.line, c, Kind.SERVICE);
                return;
            }
        }
        g.services.add(serviceSpec(c));
    }

    /**
     * Reads {@code PROTOCOL [source OP PORTS] [[destination] OP PORTS]} or {@code icmp [TYPE [CODE]]}
     * (service objects, service object-group members).
     */
    Service serviceSpec(Cursor c) {
        int at = c.index;
        String word = c.required("a protocol");
        Service s = protocol(word, false).orElseThrow(() -> {
            c.index = at;
            return c.notModelled();
        });
        if (word.equals("tcp-udp")) {
            s = Service.of(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP)), s.families());
        }
        if (isPortProtocol(s.protocols())) {
            if (c.peek().equals("source")) {
                c.next();
                expectOperator(c);
                s = s.withSourcePorts(c.portOperator(s.protocols(), false));
            }
            if (c.peek().equals("destination")) {
                c.next();
                expectOperator(c);
            }
            if (Cursor.isPortOperator(c.peek())) {
                s = s.withDestinationPorts(c.portOperator(s.protocols(), false));
            }
        } else if (s.protocols().size() == 1 && s.protocols().lo(0) == s.protocols().hi(0)
                && Protocol.isIcmp(s.protocols().lo(0))) {
            IntRanges icmp = c.icmpType(s.protocols().lo(0) == Protocol.ICMPV6);
            if (icmp != null) {
                s = s.withIcmp(icmp);
            }
        }
        return s;
    }

    private static void expectOperator(Cursor c) {
        if (!Cursor.isPortOperator(c.peek())) {
            throw c.error(c.atEnd() ? "the line ends early" : "'" + c.peek() + "' is not a port operator",
                    "eq, neq, lt, gt or range");
        }
    }

    private void port(Group g, Cursor c) {
        String w = c.next();
        if (!w.equals("port-object")) {
            c.index--;
            throw c.notModelled();
        }
        if (!Cursor.isPortOperator(c.peek())) {
            throw c.notModelled();
        }
        IntRanges ports = c.portOperator(g.portProtocols, false);
        g.services.add(Service.of(g.portProtocols, EnumSet.allOf(IpFamily.class)).withDestinationPorts(ports));
    }

    private void protocol(Group g, Cursor c) {
        String w = c.next();
        if (!w.equals("protocol-object")) {
            c.index--;
            throw c.notModelled();
        }
        int at = c.index;
        Service s = protocol(c.required("a protocol"), false).orElseThrow(() -> {
            c.index = at;
            return c.notModelled();
        });
        g.services.add(s);
    }

    private void icmp(Group g, Cursor c) {
        String w = c.next();
        if (!w.equals("icmp-object")) {
            c.index--;
            throw c.notModelled();
        }
        IntRanges values = c.icmpType(false);
        if (values == null) {
            throw c.notModelled();
        }
        g.services.add(Service.of(IntRanges.of(Protocol.ICMP), EnumSet.of(IpFamily.IPV4)).withIcmp(values));
    }

    static boolean isPortProtocol(IntRanges protocols) {
        return !protocols.isEmpty() && protocols.intersect(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP))
                .union(IntRanges.of(Protocol.SCTP))).equals(protocols);
    }

    /**
     * The service a protocol keyword stands for: {@code ip}, {@code ipv4}, {@code ipv6} are every
     * protocol; {@code icmp} is ICMP, or ICMPv6 in an IPv6 access list ({@code v6}); {@code icmp6}
     * is ICMPv6; {@code tcp-udp} both; names and numbers 0–255 otherwise. Empty for unknown words.
     */
    Optional<Service> protocol(String word, boolean v6) {
        EnumSet<IpFamily> both = EnumSet.allOf(IpFamily.class);
        switch (word) {
            case "ip", "ipv4" -> {
                return Optional.of(Service.of(Match.ALL_PROTOCOLS,
                        dialect == Dialect.ASA ? both : EnumSet.of(IpFamily.IPV4)));
            }
            case "ipv6" -> {
                return Optional.of(Service.of(Match.ALL_PROTOCOLS, EnumSet.of(IpFamily.IPV6)));
            }
            case "icmp" -> {
                return Optional.of(v6 ? Service.of(IntRanges.of(Protocol.ICMPV6), EnumSet.of(IpFamily.IPV6))
                        : Service.of(IntRanges.of(Protocol.ICMP), EnumSet.of(IpFamily.IPV4)));
            }
            case "icmp6", "ipv6-icmp" -> {
                return Optional.of(Service.of(IntRanges.of(Protocol.ICMPV6), EnumSet.of(IpFamily.IPV6)));
            }
            case "tcp-udp" -> {
                return Optional.of(Service.of(IntRanges.of(Protocol.TCP).union(IntRanges.of(Protocol.UDP)), both));
            }
            default -> {
                OptionalInt n = CiscoNames.protocol(word);
                return n.isPresent() ? Optional.of(Service.of(IntRanges.of(n.getAsInt()), both)) : Optional.empty();
            }
        }
    }

    /** The addresses of a network group or object. */
    Resolved<AddressSet> addresses(String name, SourceLocation usedAt) {
        List<AddressRange> out = new ArrayList<>();
        List<Unmodelled> unknown = new ArrayList<>();
        collect(name, usedAt, Kind.NETWORK, new HashSet<>(), g -> out.addAll(g.addresses), unknown);
        return new Resolved<>(AddressSet.of(out), List.copyOf(unknown));
    }

    /** The services of a service, port, protocol or ICMP group, or of a service object. */
    Resolved<List<Service>> services(String name, SourceLocation usedAt, Kind kind) {
        List<Service> out = new ArrayList<>();
        List<Unmodelled> unknown = new ArrayList<>();
        collect(name, usedAt, kind, new HashSet<>(), g -> out.addAll(g.services), unknown);
        return new Resolved<>(List.copyOf(out), List.copyOf(unknown));
    }

    private void collect(String name, SourceLocation usedAt, Kind kind, Set<String> visiting,
            Consumer<Group> take, List<Unmodelled> unknown) {
        Group g = groups.get(name);
        if (g == null) {
            unknown.add(new Unmodelled(kind.label + " object or group " + name + " (not defined in the file)", usedAt));
            return;
        }
        if (g.kind != kind) {
            unknown.add(new Unmodelled(g.kind.label + " group " + name + " where a " + kind.label
                    + " group belongs", usedAt));
            return;
        }
        if (!visiting.add(name)) {
            unknown.add(new Unmodelled("group " + name + " (it contains itself)", usedAt));
            return;
        }
        take.accept(g);
        unknown.addAll(g.unknown);
        for (int i = 0; i < g.refs.size(); i++) {
            collect(g.refs.get(i)[0], g.refLocations.get(i), Kind.valueOf(g.refs.get(i)[1]), visiting, take, unknown);
        }
        visiting.remove(name);
    }
}
