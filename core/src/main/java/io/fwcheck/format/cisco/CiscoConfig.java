package io.fwcheck.format.cisco;

import io.fwcheck.format.InputException;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The access lists, objects and access-list bindings of a device configuration, as written: IOS
 * named lists ({@code ip access-list extended NAME} and its entries), numbered lists
 * ({@code access-list 101 permit …}), IPv6 lists, NX-OS ({@code ip access-list NAME}) and IOS XR
 * ({@code ipv4 access-list NAME}) lists, ASA {@code access-list NAME extended …} lines, objects and
 * object groups, {@code ip access-group} in interface stanzas and ASA {@code access-group}. Every
 * other line of the configuration is skipped. Entries are read into rules only when their list
 * is ({@link CiscoReader}).
 */
final class CiscoConfig {

    /** One line of an access list: an entry or a remark. */
    record Line(int sequence, boolean explicit, ConfigLine config, int from, boolean remark) {}

    /** One access list and where it is applied. */
    static final class Acl {
        final String name;
        final AclKind kind;
        final SourceLocation location;
        final List<Line> lines = new ArrayList<>();
        final List<String> bindings = new ArrayList<>();
        final List<String> aliases = new ArrayList<>();
        int lastSequence;

        Acl(String name, AclKind kind, SourceLocation location) {
            this.name = name;
            this.kind = kind;
            this.location = location;
        }
    }

    /** Words that start an entry line inside an access-list stanza even when not indented. */
    private static final Set<String> ENTRY_WORDS = Set.of("permit", "deny", "remark", "sequence", "evaluate", "dynamic");
    /** {@code ip access-list} sub-commands that are not lists. */
    private static final Set<String> NOT_LISTS = Set.of("logging", "log-update", "resequence", "role-based", "persistent",
            "helper", "match-local-traffic", "fqdn", "counters", "standard", "extended");

    private final String file;
    private final Dialect dialect;
    final CiscoObjects objects;
    final Map<String, Acl> acls = new LinkedHashMap<>();
    private final List<String[]> bindings = new ArrayList<>();

    private Acl acl;
    private CiscoObjects.Group group;
    private String iface;

    private CiscoConfig(String file, Dialect dialect) {
        this.file = file;
        this.dialect = dialect;
        this.objects = new CiscoObjects(file, dialect);
    }

    static CiscoConfig read(String text, String file, Dialect dialect) {
        CiscoConfig config = new CiscoConfig(file, dialect);
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int number = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            config.line(ConfigLine.of(number, text.substring(start, end)));
            start = end + 1;
        }
        config.bind();
        return config;
    }

    private SourceLocation at(ConfigLine line, int index) {
        return line.at(file, index);
    }

    private void line(ConfigLine line) {
        if (line.size() == 0 || line.word(0).startsWith("!")) {
            return;
        }
        if (acl != null && (line.indented() || ENTRY_WORDS.contains(line.word(0)) || CiscoNames.isDigits(line.word(0)))) {
            aclLine(line);
            return;
        }
        if (line.indented()) {
            if (group != null) {
                objects.member(group, line);
            } else if (iface != null) {
                interfaceLine(line);
            }
            return;
        }
        acl = null;
        group = null;
        iface = null;
        top(line);
    }

    private void top(ConfigLine line) {
        String w0 = line.word(0);
        String w1 = line.word(1);
        switch (w0) {
            case "ip", "ipv4", "ipv6" -> {
                if (w1.equals("access-list") && dialect == Dialect.IOS) {
                    namedList(line, w0);
                }
            }
            case "access-list" -> {
                if (dialect == Dialect.ASA) {
                    asaLine(line);
                } else {
                    numberedLine(line);
                }
            }
            case "no" -> removeList(line);
            case "clear" -> {
                if (w1.equals("configure") && line.word(2).equals("access-list")) {
                    if (line.size() > 3) {
                        acls.remove(line.word(3));
                    } else {
                        acls.clear();
                    }
                }
            }
            case "object-group" -> group = objects.start(line);
            case "object" -> {
                if (dialect == Dialect.ASA && (w1.equals("network") || w1.equals("service"))) {
                    group = objects.start(line);
                }
            }
            case "interface" -> iface = line.rest(1);
            case "access-group" -> {
                if (dialect == Dialect.ASA) {
                    accessGroup(line);
                }
            }
            default -> {
                // the rest of the configuration is not about access lists
            }
        }
    }

    /** {@code ip access-list [standard|extended] NAME}, {@code ipv4|ipv6 access-list NAME}. */
    private void namedList(ConfigLine line, String family) {
        String type = line.word(2);
        String name;
        AclKind kind;
        if (family.equals("ipv6")) {
            boolean typed = type.equals("standard") || type.equals("extended");
            name = line.word(typed ? 3 : 2);
            if (name.isEmpty() || !typed && NOT_LISTS.contains(name)) {
                return;
            }
            kind = AclKind.IOS_IPV6;
        } else if (type.equals("standard") || type.equals("extended")) {
            name = line.word(3);
            if (name.isEmpty()) {
                throw new InputException(at(line, 3), "'" + line.words(0) + "' has no name", "a list name or number");
            }
            kind = type.equals("standard") ? AclKind.IOS_STANDARD : AclKind.IOS_EXTENDED;
        } else if (line.size() == 3 && !NOT_LISTS.contains(type)) {
            name = type;
            kind = AclKind.IOS_EXTENDED;
        } else {
            return;
        }
        String key = kind == AclKind.IOS_IPV6 ? "ipv6 " + name : name;
        acl = acls.computeIfAbsent(key, k -> new Acl(name, kind, at(line, 0)));
        if (acl.kind != kind) {
            throw new InputException(at(line, 2), "access list " + name + " is " + article(acl.kind) + " (line "
                    + acl.location.line() + ")", "one kind per list name");
        }
    }

    private static String article(AclKind kind) {
        return (kind.label.startsWith("IOS") || kind.label.startsWith("ASA") ? "an " : "a ") + kind.label;
    }

    /** A line inside an access-list stanza: {@code [SEQ] permit|deny|remark …}, {@code sequence N …}, {@code no SEQ}. */
    private void aclLine(ConfigLine line) {
        String w0 = line.word(0);
        switch (w0) {
            case "exit" -> {
                acl = null;
                return;
            }
            case "statistics", "description", "fragments" -> {
                return;
            }
            case "no" -> {
                OptionalInt seq = CiscoNames.number(line.word(1), Integer.MAX_VALUE);
                if (seq.isPresent()) {
                    acl.lines.removeIf(l -> !l.remark() && l.sequence() == seq.getAsInt());
                    return;
                }
            }
            default -> {
                // an entry
            }
        }
        int from = 0;
        OptionalInt seq = OptionalInt.empty();
        if (CiscoNames.isDigits(w0)) {
            seq = sequence(line, 0);
            from = 1;
        } else if (w0.equals("sequence")) {
            seq = sequence(line, 1);
            from = 2;
        }
        entry(acl, line, from, seq);
    }

    private OptionalInt sequence(ConfigLine line, int index) {
        OptionalInt seq = CiscoNames.number(line.word(index), Integer.MAX_VALUE);
        if (seq.isEmpty() || seq.getAsInt() == 0) {
            throw new InputException(at(line, index), "sequence number '" + line.word(index) + "' is not valid",
                    "a number 1-2147483647 without leading zeros");
        }
        return seq;
    }

    /** Adds an entry or remark whose first word is at {@code from}. */
    private void entry(Acl list, ConfigLine line, int from, OptionalInt explicit) {
        if (line.word(from).isEmpty()) {
            throw new InputException(at(line, from), "the entry has no action", "permit, deny or remark");
        }
        boolean remark = line.word(from).equals("remark");
        if (list.kind.dialect == Dialect.ASA) {
            list.lines.add(new Line(0, false, line, from, remark));
            return;
        }
        if (remark && explicit.isEmpty()) {
            list.lines.add(new Line(list.lastSequence, false, line, from, true));
            return;
        }
        int seq;
        if (explicit.isPresent()) {
            seq = explicit.getAsInt();
            for (Line l : list.lines) {
                if (!l.remark() && l.sequence() == seq) {
                    throw new InputException(at(line, 0), "sequence number " + seq + " of access list " + list.name
                            + " is used twice (first at line " + l.config().number() + ")", "each sequence number once");
                }
            }
        } else {
            seq = list.lastSequence + 10;
        }
        list.lastSequence = Math.max(list.lastSequence, seq);
        list.lines.add(new Line(seq, explicit.isPresent(), line, from, remark));
    }

    /** IOS {@code access-list N permit|deny|remark …}; also {@code access-list NAME extended|standard …}. */
    private void numberedLine(ConfigLine line) {
        String name = line.word(1);
        if (CiscoNames.isDigits(name)) {
            OptionalInt n = CiscoNames.number(name, 99_999);
            AclKind kind = n.isEmpty() ? null : numberedKind(n.getAsInt());
            if (kind == null) {
                return;
            }
            Acl list = list(name, kind, line);
            entry(list, line, 2, OptionalInt.empty());
            return;
        }
        String type = line.word(2);
        if (type.equals("extended") || type.equals("standard")) {
            AclKind kind = type.equals("standard") ? AclKind.IOS_STANDARD : AclKind.IOS_EXTENDED;
            Acl list = list(name, kind, line);
            if (line.size() == 3) {
                acl = list;
            } else {
                entry(list, line, 3, OptionalInt.empty());
            }
        } else if (type.equals("remark") && acls.containsKey(name)) {
            entry(acls.get(name), line, 2, OptionalInt.empty());
        }
    }

    /** The kind of a numbered IOS list: standard 1–99 and 1300–1999, extended 100–199 and 2000–2699; others are not IP lists. */
    private static AclKind numberedKind(int n) {
        if (n >= 1 && n <= 99 || n >= 1300 && n <= 1999) {
            return AclKind.IOS_STANDARD;
        }
        if (n >= 100 && n <= 199 || n >= 2000 && n <= 2699) {
            return AclKind.IOS_EXTENDED;
        }
        return null;
    }

    private Acl list(String name, AclKind kind, ConfigLine line) {
        Acl list = acls.computeIfAbsent(name, k -> new Acl(name, kind, at(line, 0)));
        if (list.kind != kind) {
            throw new InputException(at(line, 0), "access list " + name + " is " + article(list.kind) + " (line "
                    + list.location.line() + "), this line makes it " + article(kind), "one kind per list name");
        }
        return list;
    }

    /** ASA {@code access-list NAME [line N] extended|standard|remark …} (and PIX's form without {@code extended}). */
    private void asaLine(ConfigLine line) {
        String name = line.word(1);
        if (name.isEmpty()) {
            throw new InputException(at(line, 1), "access-list without a name", "access-list NAME extended …");
        }
        int i = 2;
        int position = -1;
        if (line.word(i).equals("line")) {
            OptionalInt n = CiscoNames.number(line.word(i + 1), 1_000_000);
            if (n.isEmpty() || n.getAsInt() == 0) {
                throw new InputException(at(line, i + 1), "line number '" + line.word(i + 1) + "' is not valid",
                        "a line number from 1");
            }
            position = n.getAsInt() - 1;
            i += 2;
        }
        String type = line.word(i);
        AclKind kind;
        int from;
        switch (type) {
            case "extended" -> {
                kind = AclKind.ASA_EXTENDED;
                from = i + 1;
            }
            case "standard" -> {
                kind = AclKind.ASA_STANDARD;
                from = i + 1;
            }
            case "permit", "deny" -> {
                kind = AclKind.ASA_EXTENDED;
                from = i;
            }
            case "remark" -> {
                Acl list = acls.computeIfAbsent(name, k -> new Acl(name, AclKind.ASA_EXTENDED, at(line, 0)));
                insert(list, new Line(0, false, line, i, true), position);
                return;
            }
            default -> {
                return;
            }
        }
        Acl list = list(name, kind, line);
        if (line.word(from).isEmpty()) {
            throw new InputException(at(line, from), "the entry has no action", "permit or deny");
        }
        insert(list, new Line(0, false, line, from, false), position);
    }

    private static void insert(Acl list, Line l, int position) {
        if (position >= 0 && position < list.lines.size()) {
            list.lines.add(position, l);
        } else {
            list.lines.add(l);
        }
    }

    private void removeList(ConfigLine line) {
        String w1 = line.word(1);
        if (w1.equals("access-list") && CiscoNames.isDigits(line.word(2))) {
            acls.remove(line.word(2));
        } else if ((w1.equals("ip") || w1.equals("ipv4") || w1.equals("ipv6")) && line.word(2).equals("access-list")) {
            String type = line.word(3);
            String name = type.equals("standard") || type.equals("extended") ? line.word(4) : type;
            acls.remove(w1.equals("ipv6") ? "ipv6 " + name : name);
        }
    }

    private void interfaceLine(ConfigLine line) {
        String w0 = line.word(0);
        if ((w0.equals("ip") && line.word(1).equals("access-group")
                || w0.equals("ipv6") && line.word(1).equals("traffic-filter")) && line.size() >= 4) {
            String direction = line.word(3);
            if (w0.equals("ipv6")) {
                bindings.add(new String[] {"ipv6 " + line.word(2), "interface " + iface + " ipv6 " + direction,
                    iface + ":ipv6:" + direction});
            } else {
                bindings.add(new String[] {line.word(2), "interface " + iface + " " + direction, iface + ":" + direction});
            }
        }
    }

    /** ASA {@code access-group NAME in|out interface IF}, {@code access-group NAME global}. */
    private void accessGroup(ConfigLine line) {
        String name = line.word(1);
        String direction = line.word(2);
        if (direction.equals("global")) {
            bindings.add(new String[] {name, "access-group global", "global"});
        } else if (line.word(3).equals("interface") && line.size() >= 5) {
            String target = line.word(4);
            bindings.add(new String[] {name, "access-group " + target + " " + direction, target + ":" + direction,
                    direction.equals("in") ? target : ""});
        }
    }

    private void bind() {
        for (String[] b : bindings) {
            Acl list = acls.get(b[0]);
            if (list == null) {
                continue;
            }
            list.bindings.add(b[1]);
            for (int i = 2; i < b.length; i++) {
                if (!b[i].isEmpty() && !acls.containsKey(b[i]) && !list.aliases.contains(b[i])) {
                    list.aliases.add(b[i]);
                }
            }
        }
    }
}
