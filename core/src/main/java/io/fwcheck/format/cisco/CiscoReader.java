package io.fwcheck.format.cisco;

import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.model.Action;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.Rule;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Reads Cisco IOS / IOS-XE and ASA configurations (docs/formats-cisco.md): each access list is a
 * ruleset, selected by name, by the interface it is applied to, or alone when the file has one.
 * Entries are evaluated in order (IOS: by sequence number), the first that matches decides, and
 * a packet no entry matches is denied. Every entry keeps its line and column; what fwcheck does
 * not model is an unmodelled condition naming the construct, so verdicts that depend on it are
 * UNKNOWN. Malformed values are {@link io.fwcheck.format.InputException}s at their line and column.
 *
 * <p>Rules are named {@code LIST#SEQ}: the entry's sequence number on IOS (as written, or the one
 * IOS gives it: 10 more than the highest before it), its line number within the list on ASA (as
 * {@code show access-list} numbers them, remarks included). An entry that becomes several rules
 * (a service group with several services) gives {@code LIST#SEQ}, {@code LIST#SEQ.2}, ….
 */
public final class CiscoReader {

    private CiscoReader() {}

    /** Reads the access list that {@link LoadOptions#ruleset()} selects (or the only one) into a ruleset. */
    public static Ruleset read(String text, String fileName, LoadOptions options, Dialect dialect) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        CiscoConfig config = CiscoConfig.read(text, fileName, dialect);
        List<CiscoConfig.Acl> lists = List.copyOf(config.acls.values());
        List<RulesetEntry> entries = entries(config, lists, fileName, false);
        int chosen = RulesetSelection.select(entries, options.ruleset(), fileName, "access list");
        return ruleset(config, lists.get(chosen), entries.get(chosen).name(), fileName);
    }

    /**
     * Every access list of a configuration, in the order they are first defined (as {@link #list}
     * names them), each read as {@link #read} reads it when selected by name.
     *
     * @throws InputException when the configuration holds no access list
     */
    public static List<Ruleset> readEach(String text, String fileName, Dialect dialect) {
        CiscoConfig config = CiscoConfig.read(text, fileName, dialect);
        List<CiscoConfig.Acl> lists = List.copyOf(config.acls.values());
        List<RulesetEntry> entries = entries(config, lists, fileName, false);
        RulesetSelection.requireSome(entries, fileName, "access list");
        List<Ruleset> out = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            out.add(ruleset(config, lists.get(i), entries.get(i).name(), fileName));
        }
        return out;
    }

    /** The access lists of a configuration, in the order they are first defined. */
    public static List<RulesetEntry> list(String text, String fileName, Dialect dialect) {
        CiscoConfig config = CiscoConfig.read(text, fileName, dialect);
        return entries(config, List.copyOf(config.acls.values()), fileName, true);
    }

    private static List<RulesetEntry> entries(CiscoConfig config, List<CiscoConfig.Acl> lists, String fileName,
            boolean count) {
        List<RulesetEntry> out = new ArrayList<>();
        for (CiscoConfig.Acl acl : lists) {
            String name = displayName(config, acl);
            String kind = acl.kind.label + (acl.bindings.isEmpty() ? "" : " (" + String.join(", ", acl.bindings) + ")");
            int rules = count ? ruleset(config, acl, name, fileName).writtenRules() : 0;
            List<String> aliases = acl.aliases.stream().filter(a -> !a.equals(name)).toList();
            out.add(new RulesetEntry(name, aliases, kind, rules, acl.location));
        }
        return out;
    }

    /** An IPv6 list that shares its name with an IPv4 list is {@code ipv6/NAME}. */
    private static String displayName(CiscoConfig config, CiscoConfig.Acl acl) {
        if (acl.kind == AclKind.IOS_IPV6 && config.acls.containsKey(acl.name)) {
            return "ipv6/" + acl.name;
        }
        return acl.name;
    }

    private static Ruleset ruleset(CiscoConfig config, CiscoConfig.Acl acl, String name, String fileName) {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(otherFamily(acl));
        if (acl.kind == AclKind.ASA_EXTENDED) {
            rules.addAll(asaConnections(acl));
        }
        EntryParser parser = new EntryParser(fileName, acl.kind, config.objects);
        List<CiscoConfig.Line> lines = new ArrayList<>(acl.lines);
        if (acl.kind.dialect == Dialect.IOS) {
            lines.sort(Comparator.comparingInt(CiscoConfig.Line::sequence));
        }
        List<String> remarks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            CiscoConfig.Line line = lines.get(i);
            if (line.remark()) {
                remarks.add(line.config().rest(line.from() + 1));
                continue;
            }
            int number = acl.kind.dialect == Dialect.IOS ? line.sequence() : i + 1;
            String id = name + "#" + number;
            boolean named = acl.kind.dialect == Dialect.IOS && line.explicit();
            String comment = String.join(" ", remarks);
            remarks.clear();
            EntryParser.Parsed parsed = parser.parse(line.config(), line.from());
            if (parsed.inactive()) {
                continue;
            }
            SourceLocation location = line.config().at(fileName, 0);
            int k = 0;
            for (Match m : parsed.alternatives()) {
                if (parsed.action() == null) {
                    rules.add(new Rule(suffix(id, k++), Action.ACCEPT, m, comment, location, named));
                    rules.add(new Rule(suffix(id, k++), Action.DROP, m, comment, location, named));
                } else {
                    rules.add(new Rule(suffix(id, k++), parsed.action(), m, comment, location, named));
                }
            }
        }
        if (acl.kind == AclKind.IOS_IPV6) {
            rules.addAll(neighbourDiscovery(acl, name));
        }
        return new Ruleset(name, rules, Action.DROP, acl.location);
    }

    private static String suffix(String id, int k) {
        return k == 0 ? id : id + "." + (k + 1);
    }

    /**
     * An IPv4 list does not filter IPv6 packets (nor an IPv6 list IPv4 ones): another list of the
     * interface does, so their verdict is unknown here. An uncertain rule first makes them UNKNOWN.
     */
    private static List<Rule> otherFamily(CiscoConfig.Acl acl) {
        List<Rule> out = new ArrayList<>();
        for (IpFamily other : IpFamily.values()) {
            if (acl.kind.families.contains(other)) {
                continue;
            }
            String construct = other == IpFamily.IPV6
                    ? "IPv6 packets (an IPv4 access list does not filter IPv6; the interface's ipv6 traffic-filter does)"
                    : "IPv4 packets (an IPv6 access list does not filter IPv4; the interface's ip access-group does)";
            Match m = Match.builder().families(EnumSet.of(other)).unmodelled(new Unmodelled(construct, acl.location))
                    .build();
            out.add(new Rule(other.label() + "-not-in-acl", Action.ACCEPT, m, "", acl.location, true).asStandIn());
        }
        return out;
    }

    /**
     * The ASA is stateful: packets of a connection it admitted pass without the access list, which
     * decides new connections. Established packets are accepted; related and invalid ones depend
     * on inspection and the connection table, so they are uncertain.
     */
    private static List<Rule> asaConnections(CiscoConfig.Acl acl) {
        Match established = Match.builder().states(EnumSet.of(ConnState.ESTABLISHED)).build();
        Match other = Match.builder().states(EnumSet.of(ConnState.RELATED, ConnState.INVALID))
                .unmodelled(new Unmodelled("related or invalid packets (the ASA's connection table and inspection decide"
                        + " them)", acl.location))
                .build();
        return List.of(new Rule("asa-established", Action.ACCEPT, established,
                        "packets of connections the ASA admitted pass without the access list", acl.location, true)
                        .asStandIn(),
                new Rule("asa-related-invalid", Action.ACCEPT, other, "", acl.location, true).asStandIn());
    }

    /** IOS IPv6 lists end with implicit {@code permit icmp any any nd-na} and {@code nd-ns} before the deny. */
    private static List<Rule> neighbourDiscovery(CiscoConfig.Acl acl, String name) {
        List<Rule> out = new ArrayList<>();
        for (int[] t : new int[][] {{136, 0}, {135, 0}}) {
            Match m = Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6)
                    .icmp(IntRanges.range(t[0] << 8, t[0] << 8 | 0xFF)).build();
            String what = t[0] == 136 ? "nd-na" : "nd-ns";
            out.add(new Rule(name + "#implicit-" + what, Action.ACCEPT, m, "implicit permit icmp any any " + what,
                    acl.location, true));
        }
        return out;
    }
}
