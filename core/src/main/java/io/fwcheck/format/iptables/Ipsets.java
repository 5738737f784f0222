package io.fwcheck.format.iptables;

import io.fwcheck.format.AddressSpecs;
import io.fwcheck.format.InputException;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sets of an {@code ipset save} file ({@code create NAME TYPE [options]}, {@code add NAME
 * ELEMENT [options]}). Sets of the types {@code hash:ip}, {@code hash:net}, {@code bitmap:ip}
 * (addresses) and {@code hash:ip,port}, {@code hash:net,port} (addresses with a protocol and port
 * for TCP, UDP, SCTP or UDPLITE) are modelled exactly, {@code nomatch} entries included (the most
 * specific entry decides, as in the kernel); any other type, a set with timeouts, or an element
 * fwcheck cannot read leaves the set unmodelled, with the reason.
 */
final class Ipsets {

    /**
     * One set.
     *
     * @param name the set's name
     * @param type its type, e.g. {@code hash:net}
     * @param family its address family
     * @param parts the addresses (with their protocol and ports, for port types) it holds: a packet
     *     is in the set when it is in one part; empty when the set is not modelled
     * @param unmodelled why the set is not modelled, or empty
     * @param location its create line
     */
    record IpSet(String name, String type, IpFamily family, List<Part> parts, Optional<String> unmodelled,
            SourceLocation location) {

        boolean hasPorts() {
            return type.endsWith(",port");
        }
    }

    /** Addresses, and for port types one protocol and its ports. */
    record Part(AddressSet addresses, int protocol, IntRanges ports) {}

    private final Map<String, IpSet> sets;

    private Ipsets(Map<String, IpSet> sets) {
        this.sets = sets;
    }

    static Ipsets none() {
        return new Ipsets(Map.of());
    }

    Optional<IpSet> get(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    static Ipsets read(Path file) {
        return parse(RulesetLoader.readDump(file, "ipset save file"), file.toString());
    }

    /** One set being read: its entries by prefix length, to apply the most specific first. */
    private static final class Builder {
        final String name;
        final String type;
        final IpFamily family;
        final SourceLocation location;
        String unmodelled;
        /** key: protocol << 16 | port (port types) or 0; value: entries in file order. */
        final Map<Integer, List<Entry>> entries = new LinkedHashMap<>();

        Builder(String name, String type, IpFamily family, SourceLocation location) {
            this.name = name;
            this.type = type;
            this.family = family;
            this.location = location;
        }
    }

    private record Entry(AddressRange range, int prefix, boolean nomatch) {}

    static Ipsets parse(String text, String fileName) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            Tokens t = Tokens.of(line, fileName, lineNo);
            if (t.size() == 0 || t.get(0).startsWith("#")) {
                continue;
            }
            String cmd = t.get(0);
            if (cmd.equals("create") || cmd.equals("-N") || cmd.equals("-exist")) {
                if (t.size() < 3) {
                    throw new InputException(t.at(t.size()), "incomplete create line", "create NAME TYPE [options]");
                }
                String name = t.get(1);
                String type = t.get(2);
                IpFamily family = IpFamily.IPV4;
                String unmodelled = null;
                for (int i = 3; i < t.size(); i++) {
                    String w = t.get(i);
                    if (w.equals("family") && i + 1 < t.size()) {
                        String f = t.get(++i);
                        if (f.equals("inet6")) {
                            family = IpFamily.IPV6;
                        } else if (!f.equals("inet")) {
                            throw new InputException(t.at(i), "unknown set family '" + f + "'", "inet or inet6");
                        }
                    } else if (w.equals("timeout")) {
                        unmodelled = "its entries time out, so its contents change at run time";
                    } else if (w.equals("netmask") && i + 1 < t.size() && !t.get(i + 1).equals(family == IpFamily.IPV4 ? "32" : "128")) {
                        unmodelled = "it stores addresses under a netmask";
                    }
                }
                if (!List.of("hash:ip", "hash:net", "bitmap:ip", "hash:ip,port", "hash:net,port").contains(type)) {
                    unmodelled = "fwcheck does not model sets of type " + type;
                }
                Builder b = new Builder(name, type, family, t.at(0));
                b.unmodelled = unmodelled;
                builders.put(name, b);
            } else if (cmd.equals("add") || cmd.equals("-A")) {
                if (t.size() < 3) {
                    throw new InputException(t.at(t.size()), "incomplete add line", "add NAME ELEMENT [options]");
                }
                Builder b = builders.get(t.get(1));
                if (b == null) {
                    throw new InputException(t.at(1), "add to set '" + t.get(1) + "', which is not created before",
                            "a create line for the set first");
                }
                if (b.unmodelled != null) {
                    continue;
                }
                boolean nomatch = false;
                for (int i = 3; i < t.size(); i++) {
                    if (t.get(i).equals("nomatch")) {
                        nomatch = true;
                    }
                }
                addElement(b, t.get(2), nomatch, t);
            } else {
                throw new InputException(t.at(0), "unexpected '" + cmd + "' in an ipset file",
                        "the output of 'ipset save': create and add lines");
            }
        }
        Map<String, IpSet> sets = new HashMap<>();
        for (Builder b : builders.values()) {
            sets.put(b.name, build(b));
        }
        return new Ipsets(sets);
    }

    private static void addElement(Builder b, String element, boolean nomatch, Tokens t) {
        String addr = element;
        int key = 0;
        if (b.type.endsWith(",port")) {
            int comma = element.indexOf(',');
            if (comma < 0) {
                throw new InputException(t.at(2), "element '" + element + "' of " + b.type + " set '" + b.name
                        + "' has no port", "ADDRESS,PROTO:PORT, e.g. 10.0.0.1,tcp:80");
            }
            addr = element.substring(0, comma);
            String port = element.substring(comma + 1);
            int protocol = Protocol.TCP;
            int colon = port.indexOf(':');
            if (colon >= 0) {
                var p = Protocol.parse(port.substring(0, colon));
                if (p.isEmpty() || !Protocol.hasPorts(p.getAsInt())) {
                    b.unmodelled = "its element '" + element + "' is not for TCP, UDP, SCTP, DCCP or UDPLITE ports";
                    return;
                }
                protocol = p.getAsInt();
                port = port.substring(colon + 1);
            }
            if (!port.matches("0|[1-9][0-9]{0,4}") || Integer.parseInt(port) > 65535) {
                b.unmodelled = "its element '" + element + "' has a port fwcheck cannot read";
                return;
            }
            key = protocol << 16 | Integer.parseInt(port);
        }
        AddressRange range;
        int prefix;
        try {
            int slash = addr.indexOf('/');
            if (slash >= 0) {
                range = AddressSpecs.parse(addr);
                prefix = Integer.parseInt(addr.substring(slash + 1));
            } else if (addr.indexOf('-') >= 0) {
                range = AddressSpecs.parse(addr);
                prefix = -1;
            } else {
                range = AddressRange.of(AddressSpecs.parseAddress(addr));
                prefix = range.family().bits();
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(t.at(2), "element '" + element + "' of set '" + b.name + "': " + e.getMessage());
        }
        if (range.family() != b.family) {
            throw new InputException(t.at(2), "element '" + element + "' is not of the set's family " + b.family.label(),
                    "an " + b.family.label() + " address");
        }
        if (prefix < 0 && nomatch) {
            b.unmodelled = "its nomatch element '" + element + "' is a range";
            return;
        }
        b.entries.computeIfAbsent(key, k -> new ArrayList<>()).add(new Entry(range, prefix < 0 ? 0 : prefix, nomatch));
    }

    private static IpSet build(Builder b) {
        if (b.unmodelled != null) {
            return new IpSet(b.name, b.type, b.family, List.of(), Optional.of(b.unmodelled), b.location);
        }
        // per key: most specific entry decides, so apply entries from the shortest prefix up
        Map<Integer, AddressSet> byKey = new TreeMap<>();
        for (Map.Entry<Integer, List<Entry>> e : b.entries.entrySet()) {
            List<Entry> list = new ArrayList<>(e.getValue());
            list.sort((x, y) -> Integer.compare(x.prefix(), y.prefix()));
            AddressSet set = AddressSet.empty();
            int i = 0;
            while (i < list.size()) {
                int p = list.get(i).prefix();
                List<AddressRange> add = new ArrayList<>();
                List<AddressRange> remove = new ArrayList<>();
                for (; i < list.size() && list.get(i).prefix() == p; i++) {
                    (list.get(i).nomatch() ? remove : add).add(list.get(i).range());
                }
                set = set.minus(AddressSet.of(remove)).union(AddressSet.of(add));
            }
            byKey.put(e.getKey(), set);
        }
        List<Part> parts = new ArrayList<>();
        if (!b.type.endsWith(",port")) {
            AddressSet all = byKey.getOrDefault(0, AddressSet.empty());
            parts.add(new Part(all, -1, null));
        } else {
            // group ports of one protocol that hold the same addresses
            Map<Integer, Map<AddressSet, List<int[]>>> grouped = new TreeMap<>();
            for (Map.Entry<Integer, AddressSet> e : byKey.entrySet()) {
                int protocol = e.getKey() >>> 16;
                int port = e.getKey() & 0xFFFF;
                if (!e.getValue().isEmpty()) {
                    grouped.computeIfAbsent(protocol, k -> new LinkedHashMap<>())
                            .computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(new int[] {port, port});
                }
            }
            grouped.forEach((protocol, m) -> m.forEach((addresses, ports) ->
                    parts.add(new Part(addresses, protocol, IntRanges.ofPairs(ports)))));
        }
        return new IpSet(b.name, b.type, b.family, parts, Optional.empty(), b.location);
    }
}
