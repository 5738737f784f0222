package io.fwcheck.format.iptables;

import io.fwcheck.format.InputException;
import io.fwcheck.format.iptables.ParsedRule.TargetSpec;
import io.fwcheck.model.AddressRange;
import io.fwcheck.model.AddressSet;
import io.fwcheck.model.ConnState;
import io.fwcheck.model.IntRanges;
import io.fwcheck.model.InterfaceMatch;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the options of one {@code -A} line into the packets it matches and its target. Conditions
 * fwcheck models become exact match fields; every other construct becomes an {@link Unmodelled}
 * condition naming the construct as written and its column, so the rule is uncertain but never
 * dropped. Malformed options are {@link InputException}s at their column.
 */
final class RuleParser {

    /** Match options of the modules fwcheck reads option by option, with their number of arguments. */
    private static final Map<String, Map<String, Integer>> MODULES = new HashMap<>();

    static {
        Map<String, Integer> ports = Map.of("--sport", 1, "--source-port", 1, "--dport", 1, "--destination-port", 1);
        Map<String, Integer> tcp = new HashMap<>(ports);
        tcp.putAll(Map.of("--tcp-flags", 2, "--syn", 0, "--tcp-option", 1));
        MODULES.put("tcp", tcp);
        MODULES.put("udp", ports);
        MODULES.put("udplite", ports);
        Map<String, Integer> sctp = new HashMap<>(ports);
        sctp.put("--chunk-types", 2);
        MODULES.put("sctp", sctp);
        Map<String, Integer> dccp = new HashMap<>(ports);
        dccp.putAll(Map.of("--dccp-types", 1, "--dccp-option", 1));
        MODULES.put("dccp", dccp);
        MODULES.put("multiport", Map.of("--sports", 1, "--source-ports", 1, "--dports", 1, "--destination-ports", 1,
                "--ports", 1));
        MODULES.put("iprange", Map.of("--src-range", 1, "--dst-range", 1));
        Map<String, Integer> conntrack = new HashMap<>();
        for (String o : List.of("--ctstate", "--ctproto", "--ctorigsrc", "--ctorigdst", "--ctreplsrc", "--ctrepldst",
                "--ctorigsrcport", "--ctorigdstport", "--ctreplsrcport", "--ctrepldstport", "--ctstatus", "--ctexpire",
                "--ctdir")) {
            conntrack.put(o, 1);
        }
        MODULES.put("conntrack", conntrack);
        MODULES.put("state", Map.of("--state", 1));
        MODULES.put("icmp", Map.of("--icmp-type", 1));
        MODULES.put("icmp6", Map.of("--icmpv6-type", 1));
        MODULES.put("comment", Map.of("--comment", 1));
        Map<String, Integer> set = new HashMap<>();
        set.putAll(Map.of("--match-set", 2, "--set", 2, "--return-nomatch", 0, "--update-counters", 0,
                "--update-subcounters", 0));
        for (String o : List.of("--packets-eq", "--packets-lt", "--packets-gt", "--bytes-eq", "--bytes-lt", "--bytes-gt")) {
            set.put(o, 1);
        }
        MODULES.put("set", set);
    }

    /**
     * The words the parser compares with or looks up: modules and their options, generic options and
     * common targets and protocols, for a {@link Tokens} that returns these very strings.
     */
    static final Set<String> KNOWN_WORDS = knownWords();

    private static Set<String> knownWords() {
        Set<String> words = new HashSet<>(MODULES.keySet());
        MODULES.values().forEach(options -> words.addAll(options.keySet()));
        words.addAll(List.of("-A", "--append", "-s", "--source", "--src", "-d", "--destination", "--dst", "-p", "--protocol",
                "-i", "--in-interface", "-o", "--out-interface", "-f", "--fragment", "-m", "--match", "-j", "--jump", "-g",
                "--goto", "-c", "--set-counters", "-4", "--ipv4", "-6", "--ipv6", "!", "ACCEPT", "DROP", "REJECT", "RETURN",
                "LOG", "--log-prefix", "--reject-with", "limit", "--limit", "all", "icmpv6", "ipv6-icmp", "NEW", "ESTABLISHED",
                "RELATED", "INVALID", "RELATED,ESTABLISHED", "ESTABLISHED,RELATED"));
        return Set.copyOf(words);
    }

    /** Protocols whose match module is loaded implicitly by their options after {@code -p}. */
    private static final Map<Integer, String> PROTOCOL_MODULES = Map.of(Protocol.TCP, "tcp", Protocol.UDP, "udp",
            Protocol.UDPLITE, "udplite", Protocol.SCTP, "sctp", Protocol.DCCP, "dccp", Protocol.ICMP, "icmp",
            Protocol.ICMPV6, "icmp6");

    /** Protocol names iptables accepts besides numbers (its own table and /etc/protocols). */
    private static final Map<String, Integer> PROTOCOL_NAMES = new HashMap<>();

    static {
        Object[] names = {"all", 0, "ip", 0, "hopopt", 0, "icmp", 1, "igmp", 2, "ggp", 3, "ipencap", 4, "ipip", 4, "st", 5,
            "tcp", 6, "egp", 8, "igp", 9, "pup", 12, "udp", 17, "hmp", 20, "xns-idp", 22, "rdp", 27, "iso-tp4", 29,
            "dccp", 33, "xtp", 36, "ddp", 37, "idpr-cmtp", 38, "ipv6", 41, "ipv6-route", 43, "ipv6-frag", 44, "idrp", 45,
            "rsvp", 46, "gre", 47, "esp", 50, "ah", 51, "skip", 57, "icmpv6", 58, "ipv6-icmp", 58, "ipv6-nonxt", 59,
            "ipv6-opts", 60, "rspf", 73, "vmtp", 81, "eigrp", 88, "ospf", 89, "ax.25", 93, "etherip", 97, "encap", 98,
            "pim", 103, "ipcomp", 108, "vrrp", 112, "l2tp", 115, "isis", 124, "sctp", 132, "fc", 133, "mh", 135,
            "ipv6-mh", 135, "mobility-header", 135, "udplite", 136, "mpls-in-ip", 137, "manet", 138, "hip", 139,
            "shim6", 140, "wesp", 141, "rohc", 142, "ethernet", 143};
        for (int i = 0; i < names.length; i += 2) {
            PROTOCOL_NAMES.put((String) names[i], (Integer) names[i + 1]);
        }
    }

    /** The ICMPv6 messages conntrack never tracks (MLD, router and neighbour discovery): their state is UNTRACKED. */
    private static final Match UNTRACKED = Match.builder().families(EnumSet.of(IpFamily.IPV6)).protocol(Protocol.ICMPV6)
            .icmp(Protocol.UNTRACKED_ICMPV6).build();


    private final IpFamily family;
    private final Ipsets ipsets;
    private final Set<String> dynamicSets;
    private final Map<String, AddressSet> addressCache = new HashMap<>();
    private final Map<String, IntRanges> portCache = new HashMap<>();
    private final Map<String, String> plainTargets = new HashMap<>();
    private final Map<String, IntRanges> portListCache = new HashMap<>();
    private final Map<String, IntRanges> icmpCache = new HashMap<>();
    private final Map<String, Set<ConnState>> stateCache = new HashMap<>();

    RuleParser(IpFamily family, Ipsets ipsets, Set<String> dynamicSets) {
        this.family = family;
        this.ipsets = ipsets;
        this.dynamicSets = dynamicSets;
    }

    /** Parses the words of {@code t} from {@code from} on (after {@code -A CHAIN}). */
    ParsedRule parse(Tokens t, int from, String table, String chain, int position, SourceLocation location) {
        return new Rule(t, table).parse(from, chain, position, location);
    }

    /** A match module used in the rule. */
    private static final class Module {
        final String name;
        final int start;
        final Map<String, Integer> options;
        final List<String> seen = new ArrayList<>(2);
        int end;

        Module(String name, int start, Map<String, Integer> options) {
            this.name = name;
            this.start = start;
            this.options = options;
            this.end = start + 2;
        }
    }

    /** The module options fwcheck models. */
    private enum Key { SPORT, DPORT, MULTI_SPORTS, MULTI_DPORTS, MULTI_PORTS, RANGE, STATE, ICMP, COMMENT, MATCH_SET, COUNTERS, OTHER }

    /** Which modelled option {@code opt} (canonical) of module {@code module} is. */
    private static Key key(String module, String opt) {
        return switch (module) {
            case "tcp", "udp", "udplite", "sctp", "dccp" -> switch (opt) {
                case "--sport" -> Key.SPORT;
                case "--dport" -> Key.DPORT;
                default -> Key.OTHER;
            };
            case "multiport" -> switch (opt) {
                case "--sports" -> Key.MULTI_SPORTS;
                case "--dports" -> Key.MULTI_DPORTS;
                case "--ports" -> Key.MULTI_PORTS;
                default -> Key.OTHER;
            };
            case "iprange" -> Key.RANGE;
            case "conntrack" -> opt.equals("--ctstate") ? Key.STATE : Key.OTHER;
            case "state" -> Key.STATE;
            case "icmp", "icmp6" -> Key.ICMP;
            case "comment" -> Key.COMMENT;
            case "set" -> switch (opt) {
                case "--match-set" -> Key.MATCH_SET;
                case "--update-counters", "--update-subcounters" -> Key.COUNTERS;
                default -> Key.OTHER;
            };
            default -> Key.OTHER;
        };
    }

    /** The cached result for a state list with a state fwcheck does not model (UNTRACKED, SNAT, DNAT). */
    private static final Set<ConnState> UNTRACKED_STATES = Set.of();

    /** A state condition, kept apart because in IPv6 it does not apply to untracked ICMPv6 types. */
    private record StateCondition(Set<ConnState> states, boolean negated) {}

    /** The parse of one rule. */
    private final class Rule {
        private final Tokens t;
        private final String table;
        private final Match.Builder b = Match.builder().families(EnumSet.of(family));
        private final List<List<Match>> disjunctions = new ArrayList<>();
        private final List<StateCondition> stateConditions = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();
        private final List<String> comments = new ArrayList<>();
        private int generic;
        private AddressSet sources;
        private AddressSet destinations;
        private IntRanges sourcePorts;
        private IntRanges destinationPorts;
        private IntRanges icmp;
        private int protocol = -1;
        private boolean protocolNegated;
        private int protocolIndex = -1;
        private TargetSpec target;
        private int targetStart = -1;
        private final List<String> targetOptions = new ArrayList<>();
        private boolean targetActive;

        Rule(Tokens t, String table) {
            this.t = t;
            this.table = table;
        }

        ParsedRule parse(int from, String chain, int position, SourceLocation location) {
            int i = from;
            while (i < t.size()) {
                i = option(i);
            }
            finishTarget();
            for (Module m : modules) {
                checkProtocol(m);
            }
            return new ParsedRule(table, chain, position, chain + "#" + position, alternatives(), target,
                    comments.isEmpty() ? "" : String.join("; ", comments), location);
        }

        private InputException error(int i, String problem, String expected) {
            return new InputException(t.at(i), problem, expected);
        }

        /** Reads one option at {@code i}; returns the index after it. */
        private int option(int i) {
            int at = i;
            boolean negated = false;
            if (t.isBang(i)) {
                negated = true;
                i++;
                if (i >= t.size() || !t.isOption(i)) {
                    throw error(at, "'!' is not followed by an option", "'! -s ADDRESS', '! --dport PORT' and the like");
                }
            }
            if (!t.isOption(i)) {
                throw error(i, "unexpected '" + t.get(i) + "'", "an option such as -s, -d, -p, -m or -j");
            }
            String opt = t.get(i);
            switch (opt) {
                case "-s", "--source", "--src" -> {
                    once("-s", i);
                    return addresses(at, i, negated, true);
                }
                case "-d", "--destination", "--dst" -> {
                    once("-d", i);
                    return addresses(at, i, negated, false);
                }
                case "-p", "--protocol" -> {
                    once("-p", i);
                    return protocol(i, negated);
                }
                case "-i", "--in-interface" -> {
                    once("-i", i);
                    return iface(i, negated, true);
                }
                case "-o", "--out-interface" -> {
                    once("-o", i);
                    return iface(i, negated, false);
                }
                case "-f", "--fragment" -> {
                    b.unmodelled(new Unmodelled(t.text(at, i + 1) + " (fragments are not modelled)", t.at(at)));
                    return i + 1;
                }
                case "-m", "--match" -> {
                    notNegated(negated, at, opt);
                    return module(i);
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    notNegated(negated, at, opt);
                    if (target != null) {
                        throw error(i, "a second target", "one -j or -g per rule");
                    }
                    String name = value(i);
                    finishTarget();
                    targetStart = i;
                    target = new TargetSpec(name, opt.equals("-g") || opt.equals("--goto"), "", List.of(), t.at(i));
                    targetActive = true;
                    return i + 2;
                }
                case "-c", "--set-counters" -> {
                    notNegated(negated, at, opt);
                    if (i + 2 >= t.size()) {
                        throw error(i, "-c without its two counters", "-c PACKETS BYTES");
                    }
                    return i + 3;
                }
                case "-4", "--ipv4", "-6", "--ipv6" -> {
                    boolean v6 = opt.equals("-6") || opt.equals("--ipv6");
                    if (v6 != (family == IpFamily.IPV6)) {
                        b.families(EnumSet.noneOf(IpFamily.class));
                    }
                    return i + 1;
                }
                default -> {
                    return moduleOption(at, i, negated);
                }
            }
        }

        private void notNegated(boolean negated, int at, String opt) {
            if (negated) {
                throw error(at, "'!' before " + opt, opt + " without '!'");
            }
        }

        private void once(String key, int i) {
            int bit = 1 << "sdpio".indexOf(key.charAt(1));
            if ((generic & bit) != 0) {
                throw error(i, "a second " + key + " option", "at most one " + key + " per rule");
            }
            generic |= bit;
        }

        private String value(int i) {
            if (i + 1 >= t.size()) {
                throw error(i + 1, t.get(i) + " has no value", "a value after " + t.get(i));
            }
            return t.get(i + 1);
        }

        private int addresses(int at, int i, boolean negated, boolean source) {
            String v = value(i);
            int next = i + 2;
            if (t.isBang(i + 1)) {
                // old syntax: -s ! 10.0.0.1
                negated = !negated;
                v = value(i + 1);
                next = i + 3;
            }
            int vi = next - 1;
            AddressSet set = addressCache.get(v);
            if (set == null) {
                List<AddressRange> ranges = new ArrayList<>();
                for (String item : v.split(",", -1)) {
                    if (item.isEmpty()) {
                        throw error(vi, "empty address in '" + v + "'", "addresses separated by single commas");
                    }
                    try {
                        ranges.add(Addresses.parseItem(item, family));
                    } catch (Addresses.NonContiguousMask e) {
                        b.unmodelled(new Unmodelled(t.text(at, next) + " (non-contiguous mask)", t.at(at)));
                        return next;
                    } catch (Addresses.HostName e) {
                        b.unmodelled(new Unmodelled(t.text(at, next) + " (a host name: fwcheck does not resolve names)",
                                t.at(at)));
                        return next;
                    } catch (IllegalArgumentException e) {
                        throw new InputException(t.at(vi), e.getMessage().replaceFirst(" \\(expected .*\\)$", ""),
                                expectedOf(e.getMessage(), "an address, ADDRESS/LENGTH or ADDRESS/MASK"));
                    }
                }
                set = AddressSet.of(ranges);
                addressCache.put(v, set);
            }
            if (negated && v.indexOf(',') >= 0) {
                throw error(vi, "'!' with several addresses", "one address or network after '!'");
            }
            if (negated) {
                set = AddressSet.all(family).minus(set);
            }
            if (source) {
                sources = sources == null ? set : sources.intersect(set);
            } else {
                destinations = destinations == null ? set : destinations.intersect(set);
            }
            return next;
        }

        private int protocol(int i, boolean negated) {
            String v = value(i);
            int next = i + 2;
            if (t.isBang(i + 1)) {
                negated = !negated;
                v = value(i + 1);
                next = i + 3;
            }
            int p = parseProtocol(v, next - 1);
            if (p == 0 && negated) {
                throw error(next - 1, "'! -p " + v + "' never matches", "a protocol other than all after '!'");
            }
            if (p == 0) {
                return next;
            }
            protocol = p;
            protocolNegated = negated;
            protocolIndex = i;
            IntRanges set = IntRanges.of(p);
            b.protocols(negated ? set.complement(Protocol.MAX) : set);
            return next;
        }

        private int parseProtocol(String v, int i) {
            Integer named = PROTOCOL_NAMES.get(v.toLowerCase(Locale.ROOT));
            if (named != null) {
                return named;
            }
            if (Addresses.isDecimal(v, 3) && Integer.parseInt(v) <= 255) {
                return Integer.parseInt(v);
            }
            throw error(i, "unknown protocol '" + v + "'", "a protocol name such as tcp, udp, icmp"
                    + (family == IpFamily.IPV6 ? "v6" : "") + ", all, or a number 0-255");
        }

        private int iface(int i, boolean negated, boolean in) {
            String v = value(i);
            int next = i + 2;
            if (t.isBang(i + 1)) {
                negated = !negated;
                v = value(i + 1);
                next = i + 3;
            }
            String base = v.endsWith("+") ? v.substring(0, v.length() - 1) : v;
            if (v.isEmpty() || base.length() > 15) {
                throw error(next - 1, "interface name '" + v + "' is " + (v.isEmpty() ? "empty" : "longer than 15 characters"),
                        "an interface name of 1 to 15 characters, optionally ending in +");
            }
            InterfaceMatch m = new InterfaceMatch(List.of(v), negated);
            if (in) {
                b.inInterface(m);
            } else {
                b.outInterface(m);
            }
            return next;
        }

        private int module(int i) {
            String name = value(i);
            targetActive = false;
            Map<String, Integer> options = MODULES.get(name);
            if (name.equals("icmp") && family == IpFamily.IPV6) {
                throw error(i + 1, "-m icmp is the IPv4 ICMP match", "-m icmp6 --icmpv6-type in ip6tables");
            }
            if (name.equals("icmp6") && family == IpFamily.IPV4) {
                throw error(i + 1, "-m icmp6 is the ICMPv6 match", "-m icmp --icmp-type in iptables");
            }
            Module m = new Module(name, i, options);
            modules.add(m);
            int j = i + 2;
            if (options == null) {
                // a module fwcheck does not model: take its options as written
                j = consumeUnknownOptions(j);
                m.end = j;
                b.unmodelled(new Unmodelled(t.text(i, j), t.at(i)));
            }
            return j;
        }

        /** Skips the options of an unknown module or target: words up to the next generic option. */
        private int consumeUnknownOptions(int j) {
            while (j < t.size()) {
                if (t.isBang(j)) {
                    if (j + 1 < t.size() && t.isOption(j + 1)) {
                        if (isGeneric(t.get(j + 1))) {
                            return j;
                        }
                    }
                    j++;
                    continue;
                }
                if (t.isOption(j) && isGeneric(t.get(j))) {
                    return j;
                }
                j++;
            }
            return j;
        }

        private boolean isGeneric(String w) {
            return switch (w) {
                case "-s", "--source", "--src", "-d", "--destination", "--dst", "-p", "--protocol", "-i",
                        "--in-interface", "-o", "--out-interface", "-f", "--fragment", "-m", "--match", "-j", "--jump",
                        "-g", "--goto", "-c", "--set-counters", "-4", "--ipv4", "-6", "--ipv6" -> true;
                default -> false;
            };
        }

        private int moduleOption(int at, int i, boolean negated) {
            String opt = t.get(i);
            if (!targetActive || targetTakesNoOptions()) {
                for (int k = modules.size() - 1; k >= 0; k--) {
                    Module m = modules.get(k);
                    if (m.options != null && m.options.containsKey(opt)) {
                        return modelledOption(m, at, i, negated);
                    }
                }
                String implicit = PROTOCOL_MODULES.get(protocol);
                if (implicit != null && !protocolNegated && MODULES.get(implicit).containsKey(opt)) {
                    Module m = new Module(implicit, protocolIndex, MODULES.get(implicit));
                    modules.add(m);
                    return modelledOption(m, at, i, negated);
                }
            }
            if (targetActive && !targetTakesNoOptions()) {
                return consumeUnknownOptions(i + 1);
            }
            for (int k = modules.size() - 1; k >= 0; k--) {
                Module m = modules.get(k);
                if (m.options == null) {
                    // iptables gives the option to that module: its meaning is unknown as well
                    int j = consumeUnknownOptions(i + 1);
                    b.unmodelled(new Unmodelled("-m " + m.name + " " + t.text(at, j), t.at(at)));
                    return j;
                }
            }
            if (modules.isEmpty()) {
                throw error(i, "unknown option " + opt, "-s, -d, -p, -i, -o, -m MODULE or -j TARGET"
                        + " (a module's options follow its -m)");
            }
            Module last = modules.get(modules.size() - 1);
            throw error(i, "unknown option " + opt + " for -m " + last.name,
                    "one of " + String.join(", ", last.options.keySet().stream().sorted().toList()));
        }

        private boolean targetTakesNoOptions() {
            return target != null && switch (target.name()) {
                case "ACCEPT", "DROP", "RETURN" -> true;
                default -> false;
            };
        }

        private int modelledOption(Module m, int at, int i, boolean negated) {
            String opt = t.get(i);
            int arity = m.options.get(opt);
            String canonical = canonical(opt);
            if (m.seen.contains(canonical)) {
                throw error(i, "a second " + opt + " in -m " + m.name, "each option once per module");
            }
            m.seen.add(canonical);
            int vi = i + 1;
            if (arity > 0 && t.isBang(vi)) {
                negated = !negated;
                vi++;
            }
            if (vi + arity > t.size()) {
                throw error(t.size(), opt + " needs " + arity + " value" + (arity > 1 ? "s" : ""),
                        opt + (arity == 2 ? " VALUE VALUE" : " VALUE"));
            }
            int next = vi + arity;
            String v = arity > 0 ? t.get(vi) : null;
            switch (key(m.name, canonical)) {
                case SPORT -> sourcePorts = both(sourcePorts, negate(portRange(v, vi), negated, 65535));
                case DPORT -> destinationPorts = both(destinationPorts, negate(portRange(v, vi), negated, 65535));
                case MULTI_SPORTS -> sourcePorts = both(sourcePorts, negate(portList(v, vi), negated, 65535));
                case MULTI_DPORTS -> destinationPorts = both(destinationPorts, negate(portList(v, vi), negated, 65535));
                case MULTI_PORTS -> {
                    IntRanges list = portList(v, vi);
                    if (negated) {
                        IntRanges none = list.complement(65535);
                        sourcePorts = both(sourcePorts, none);
                        destinationPorts = both(destinationPorts, none);
                    } else {
                        // source port in the list, or else destination port in it: two disjoint parts
                        disjunctions.add(List.of(
                                Match.builder().sourcePorts(list).build(),
                                Match.builder().sourcePorts(list.complement(65535)).destinationPorts(list).build()));
                    }
                }
                case RANGE -> {
                    // a reversed range loads, and the kernel's test first <= address <= last never holds
                    AddressRange r = range(v, vi);
                    AddressSet range = r == null ? AddressSet.empty() : AddressSet.of(r);
                    if (negated) {
                        range = AddressSet.all(family).minus(range);
                    }
                    if (canonical.equals("--src-range")) {
                        sources = sources == null ? range : sources.intersect(range);
                    } else {
                        destinations = destinations == null ? range : destinations.intersect(range);
                    }
                }
                case STATE -> states(v, vi, negated, m, at, next);
                case ICMP -> icmp = both(icmp, icmpType(v, vi, negated, m.name.equals("icmp6")));
                case COMMENT -> {
                    if (negated) {
                        throw error(at, "'!' before --comment", "--comment without '!'");
                    }
                    comments.add(v);
                }
                case MATCH_SET -> matchSet(v, t.get(vi + 1), vi, negated, moduleText(m, at, next), t.at(at));
                case COUNTERS -> {
                    // counting only: no effect on which packets match
                }
                case OTHER -> b.unmodelled(new Unmodelled(moduleText(m, at, next), t.at(at)));
            }
            m.end = next;
            return next;
        }

        /** {@code -m NAME} and the words from {@code at} to {@code end}, as written. */
        private String moduleText(Module m, int at, int end) {
            return "-m " + m.name + " " + t.text(at, end);
        }

        private String canonical(String opt) {
            return switch (opt) {
                case "--source-port" -> "--sport";
                case "--destination-port" -> "--dport";
                case "--source-ports" -> "--sports";
                case "--destination-ports" -> "--dports";
                case "--set" -> "--match-set";
                default -> opt;
            };
        }

        private IntRanges both(IntRanges a, IntRanges c) {
            return a == null ? c : a.intersect(c);
        }

        private IntRanges negate(IntRanges set, boolean negated, int max) {
            return negated ? set.complement(max) : set;
        }

        private int port(String s, int i, String whole) {
            if (!Addresses.isDecimal(s, 5)) {
                String what = s.matches("[0-9]+") ? "'" + s + "' in '" + whole + "' has a leading zero, which iptables reads as octal"
                        : "'" + s + "' in '" + whole + "' is not a port number" + (s.matches("[A-Za-z][\\w-]*")
                                ? "; fwcheck does not look up service names" : "");
                throw error(i, what, "a port number 0-65535 as iptables-save writes it");
            }
            int p = Integer.parseInt(s);
            if (p > 65535) {
                throw error(i, "port " + s + " is out of range", "a port 0-65535");
            }
            return p;
        }

        /**
         * {@code 22}, {@code 1024:65535}, {@code :1023}, {@code 1024:}. A reversed range of
         * {@code --sport}/{@code --dport} is what the kernel stores when old iptables versions
         * loaded it: it matches no port (iptables-save dumps of such systems have them).
         */
        private IntRanges portRange(String v, int i) {
            IntRanges r = portCache.get(v);
            if (r == null) {
                r = portRange(v, i, true);
                portCache.put(v, r);
            }
            return r;
        }

        private IntRanges portRange(String v, int i, boolean reversedMatchesNothing) {
            int colon = v.indexOf(':');
            if (colon < 0) {
                return IntRanges.of(port(v, i, v));
            }
            int lo = colon == 0 ? 0 : port(v.substring(0, colon), i, v);
            int hi = colon == v.length() - 1 ? 65535 : port(v.substring(colon + 1), i, v);
            if (lo > hi) {
                if (reversedMatchesNothing) {
                    // old iptables versions stored such ranges; the kernel's test lo <= port <= hi never holds
                    return IntRanges.empty();
                }
                throw error(i, "port range '" + v + "' is reversed", "the lower port first: " + hi + ":" + lo);
            }
            return IntRanges.range(lo, hi);
        }

        /** {@code 22,80,8000:8080}: at most 15 ports, a range counting as two. */
        private IntRanges portList(String v, int i) {
            IntRanges cached = portListCache.get(v);
            if (cached == null) {
                cached = parsePortList(v, i);
                portListCache.put(v, cached);
            }
            return cached;
        }

        private IntRanges parsePortList(String v, int i) {
            List<int[]> pairs = new ArrayList<>();
            int count = 0;
            for (String item : v.split(",", -1)) {
                if (item.isEmpty()) {
                    throw error(i, "empty port in '" + v + "'", "ports separated by single commas");
                }
                int colon = item.indexOf(':');
                if (colon == 0 || colon == item.length() - 1) {
                    throw error(i, "open port range '" + item + "' in a multiport list", "ranges with both ends, e.g. 1024:2048");
                }
                IntRanges r = portRange(item, i, false);
                pairs.add(new int[] {r.lo(0), r.hi(0)});
                count += colon > 0 ? 2 : 1;
            }
            if (count > 15) {
                throw error(i, "'" + v + "' has more than 15 ports (a range counts as two)", "at most 15 ports per multiport match");
            }
            return IntRanges.ofPairs(pairs);
        }

        /** {@code FIRST-LAST}, or null when reversed. */
        private AddressRange range(String v, int i) {
            int dash = v.indexOf('-');
            if (dash <= 0 || dash != v.lastIndexOf('-')) {
                throw error(i, "'" + v + "' is not an address range", "FIRST-LAST, e.g. 10.0.0.1-10.0.0.20");
            }
            try {
                var first = Addresses.parseAddress(v.substring(0, dash), family, v);
                var last = Addresses.parseAddress(v.substring(dash + 1), family, v);
                return first.compareTo(last) > 0 ? null : new AddressRange(first, last);
            } catch (IllegalArgumentException e) {
                throw new InputException(t.at(i), e.getMessage().replaceFirst(" \\(expected .*\\)$", ""),
                        expectedOf(e.getMessage(), "FIRST-LAST, e.g. 10.0.0.1-10.0.0.20"));
            }
        }

        private void states(String v, int i, boolean negated, Module m, int at, int end) {
            Set<ConnState> cached = stateCache.get(v);
            if (cached == null) {
                cached = stateList(v, i);
                stateCache.put(v, cached);
            }
            if (cached == UNTRACKED_STATES) {
                b.unmodelled(new Unmodelled(moduleText(m, at, end), t.at(at)));
                return;
            }
            stateConditions.add(new StateCondition(cached, negated));
        }

        /** The states of a list; {@link #UNTRACKED_STATES} when it has one fwcheck does not model. */
        private Set<ConnState> stateList(String v, int i) {
            Set<ConnState> states = EnumSet.noneOf(ConnState.class);
            boolean unmodelled = false;
            for (String s : v.split(",", -1)) {
                switch (s.toUpperCase(Locale.ROOT)) {
                    case "NEW" -> states.add(ConnState.NEW);
                    case "ESTABLISHED" -> states.add(ConnState.ESTABLISHED);
                    case "RELATED" -> states.add(ConnState.RELATED);
                    case "INVALID" -> states.add(ConnState.INVALID);
                    case "UNTRACKED", "SNAT", "DNAT" -> unmodelled = true;
                    default -> throw error(i, "unknown connection state '" + s + "'",
                            "NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED (and SNAT, DNAT for --ctstate), separated by commas");
                }
            }
            return unmodelled ? UNTRACKED_STATES : states;
        }

        private IntRanges icmpType(String v, int i, boolean negated, boolean v6) {
            IntRanges set = icmpCache.get(v);
            if (set == null) {
                set = parseIcmpType(v, i, v6);
                icmpCache.put(v, set);
            }
            return negated ? set.complement(Match.ICMP_MAX) : set;
        }

        /** An ICMP type of this reader's family ({@code -m icmp} in IPv4, {@code -m icmp6} in IPv6 only). */
        private IntRanges parseIcmpType(String v, int i, boolean v6) {
            int[] named = IcmpNames.lookup(v, v6);
            int type;
            int lo;
            int hi;
            if (named != null) {
                type = named[0];
                lo = named[1];
                hi = named[2];
            } else {
                String[] parts = v.split("/", -1);
                if (parts.length > 2 || !parts[0].matches("0|[1-9][0-9]{0,2}")
                        || (parts.length == 2 && !parts[1].matches("0|[1-9][0-9]{0,2}"))) {
                    throw error(i, "unknown " + (v6 ? "ICMPv6" : "ICMP") + " type '" + v + "'", "a type name such as "
                            + (v6 ? "echo-request or neighbour-solicitation" : "echo-request or port-unreachable")
                            + ", a type number or TYPE/CODE");
                }
                type = Integer.parseInt(parts[0]);
                lo = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
                hi = parts.length == 2 ? lo : 255;
                if (type > 255 || hi > 255) {
                    throw error(i, (v6 ? "ICMPv6" : "ICMP") + " type '" + v + "' is out of range", "type and code 0-255");
                }
            }
            return !v6 && type == 255 ? IntRanges.range(0, Match.ICMP_MAX) : IntRanges.range(type << 8 | lo, type << 8 | hi);
        }

        private void matchSet(String name, String flags, int i, boolean negated, String text, SourceLocation where) {
            String[] dirs = flags.split(",", -1);
            for (String d : dirs) {
                if (!d.equals("src") && !d.equals("dst")) {
                    throw error(i + 1, "'" + flags + "' is not a list of directions", "src or dst for each dimension, e.g. src or src,dst");
                }
            }
            Optional<Ipsets.IpSet> set = ipsets.get(name);
            String why = null;
            if (set.isEmpty()) {
                why = "the set's contents are not given (pass its 'ipset save' file)";
            } else if (set.get().unmodelled().isPresent()) {
                why = set.get().unmodelled().get();
            } else if (dynamicSets.contains(name)) {
                why = "rules add to or delete from the set at run time (-j SET)";
            } else if (set.get().family() != family) {
                why = "the set is of family " + set.get().family().label();
            } else if (set.get().hasPorts() && (dirs.length < 2 || negated)) {
                why = negated ? "a negated match on a set with ports" : "a set with ports matched on addresses only";
            }
            if (why != null) {
                b.unmodelled(new Unmodelled(text + " (" + why + ")", where));
                return;
            }
            Ipsets.IpSet s = set.get();
            boolean src = dirs[0].equals("src");
            if (!s.hasPorts()) {
                AddressSet addresses = s.parts().get(0).addresses();
                if (negated) {
                    addresses = AddressSet.all(family).minus(addresses);
                }
                if (src) {
                    sources = sources == null ? addresses : sources.intersect(addresses);
                } else {
                    destinations = destinations == null ? addresses : destinations.intersect(addresses);
                }
                return;
            }
            boolean srcPort = dirs[1].equals("src");
            List<Match> parts = new ArrayList<>();
            for (Ipsets.Part p : s.parts()) {
                Match.Builder pb = Match.builder().protocol(p.protocol());
                if (src) {
                    pb.sources(p.addresses());
                } else {
                    pb.destinations(p.addresses());
                }
                if (srcPort) {
                    pb.sourcePorts(p.ports());
                } else {
                    pb.destinationPorts(p.ports());
                }
                parts.add(pb.build());
            }
            if (parts.isEmpty()) {
                parts.add(Match.builder().sources(AddressSet.empty()).build());
            }
            disjunctions.add(parts);
        }

        private void finishTarget() {
            if (target != null && targetStart >= 0 && target.text().isEmpty()) {
                int end = consumeUnknownOptions(targetStart + 2);
                String text;
                List<String> options;
                if (end == targetStart + 2 && t.get(targetStart).equals("-j") && !t.quoted(targetStart + 1)) {
                    // the usual -j ACCEPT: one text per target name
                    text = plainTargets.computeIfAbsent(target.name(), n -> "-j " + n);
                    options = List.of();
                } else {
                    // target options may be followed by matches again; take the words up to there
                    text = t.text(targetStart, end);
                    options = new ArrayList<>();
                    for (int k = targetStart + 2; k < end; k++) {
                        options.add(t.get(k));
                    }
                }
                target = new TargetSpec(target.name(), target.isGoto(), text, options, target.location());
            }
        }

        private void checkProtocol(Module m) {
            String need = switch (m.name) {
                case "tcp", "udp", "udplite", "sctp", "dccp" -> m.name;
                case "icmp" -> "icmp";
                case "icmp6" -> "icmpv6";
                case "multiport" -> "ports";
                default -> null;
            };
            if (need == null) {
                return;
            }
            boolean ok;
            if (need.equals("ports")) {
                ok = protocol > 0 && !protocolNegated && Protocol.hasPorts(protocol);
            } else {
                ok = protocol == PROTOCOL_NAMES.get(need) && !protocolNegated;
            }
            if (!ok) {
                throw new InputException(t.at(m.start), "-m " + m.name + " needs "
                                + (need.equals("ports") ? "-p tcp, udp, udplite, sctp or dccp" : "-p " + need),
                        (need.equals("ports") ? "-p tcp" : "-p " + need) + " before -m " + m.name);
            }
        }

        private List<Match> alternatives() {
            if (sources != null) {
                b.sources(sources);
            }
            if (destinations != null) {
                b.destinations(destinations);
            }
            if (sourcePorts != null) {
                b.sourcePorts(sourcePorts);
            }
            if (destinationPorts != null) {
                b.destinationPorts(destinationPorts);
            }
            if (icmp != null) {
                b.icmp(icmp);
            }
            // a state condition never matches untracked ICMPv6 messages (see Match); a negated one
            // does in the kernel, so in IPv6 conditions that are all negated get a part for them
            Set<ConnState> states = EnumSet.allOf(ConnState.class);
            boolean positive = false;
            for (StateCondition c : stateConditions) {
                if (c.negated()) {
                    states.removeAll(c.states());
                } else {
                    states.retainAll(c.states());
                    positive = true;
                }
            }
            b.states(states);
            if (positive && states.size() == ConnState.values().length && family == IpFamily.IPV6) {
                // every state listed: still a state condition, which untracked messages do not meet
                b.except(UNTRACKED);
            }
            List<Match> out = new ArrayList<>(2);
            out.add(b.build());
            if (!positive && !stateConditions.isEmpty() && family == IpFamily.IPV6) {
                out.add(b.states(EnumSet.allOf(ConnState.class)).build().and(UNTRACKED));
            }
            if (disjunctions.isEmpty()) {
                return out;
            }
            for (List<Match> d : disjunctions) {
                List<Match> next = new ArrayList<>(out.size() * d.size());
                for (Match a : out) {
                    for (Match p : d) {
                        next.add(a.and(p));
                    }
                }
                out = next;
            }
            return out;
        }
    }

    private static String expectedOf(String message, String fallback) {
        int k = message.lastIndexOf("(expected ");
        return k >= 0 && message.endsWith(")") ? message.substring(k + "(expected ".length(), message.length() - 1) : fallback;
    }
}
