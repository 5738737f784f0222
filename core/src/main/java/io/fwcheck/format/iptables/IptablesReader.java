package io.fwcheck.format.iptables;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.LoadOptions.Hook;
import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainEvaluator;
import io.fwcheck.format.chain.ChainFlattener;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.model.Action;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code iptables-save} and {@code ip6tables-save} output (docs/formats.md). Every table is
 * read and checked; the ruleset is the filter table's base chain for the hook of
 * {@link LoadOptions#hook()} with its policy, user chains entered with {@code -j} and {@code -g}.
 * Every rule's conditions are modelled exactly or kept as {@link Unmodelled} conditions with
 * their text and column, so nothing is silently ignored; malformed input is an
 * {@link InputException} at its line and column.
 */
public final class IptablesReader {

    private static final Set<String> TABLES = Set.of("filter", "nat", "mangle", "raw", "security");
    private static final Map<String, Set<String>> BUILT_IN = Map.of(
            "filter", Set.of("INPUT", "FORWARD", "OUTPUT"),
            "nat", Set.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "mangle", Set.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "raw", Set.of("PREROUTING", "OUTPUT"),
            "security", Set.of("INPUT", "FORWARD", "OUTPUT"));

    /** Targets that do not decide: evaluation goes on with the next rule. */
    private static final Set<String> CONTINUING = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CT", "NOTRACK",
            "TRACE", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "ECN", "TCPMSS", "TCPOPTSTRIP", "SET", "AUDIT", "CHECKSUM",
            "IDLETIMER", "LED", "RATEEST", "TEE", "SECMARK", "CONNSECMARK", "HMARK");
    /** Targets of the nat and mangle tables that are not valid in filter. */
    private static final Set<String> NOT_IN_FILTER = Set.of("DNAT", "SNAT", "MASQUERADE", "REDIRECT", "NETMAP", "TPROXY");
    private static final Set<String> REJECT_WITH_V4 = Set.of("icmp-net-unreachable", "net-unreach", "icmp-host-unreachable",
            "host-unreach", "icmp-port-unreachable", "port-unreach", "icmp-proto-unreachable", "proto-unreach",
            "icmp-net-prohibited", "net-prohib", "icmp-host-prohibited", "host-prohib", "icmp-admin-prohibited",
            "admin-prohib", "tcp-reset", "tcp-rst");
    private static final Set<String> REJECT_WITH_V6 = Set.of("icmp6-no-route", "no-route", "icmp6-adm-prohibited",
            "adm-prohibited", "icmp6-addr-unreachable", "addr-unreach", "icmp6-port-unreachable", "port-unreach",
            "icmp6-policy-fail", "policy-fail", "icmp6-reject-route", "reject-route", "tcp-reset", "tcp-rst");

    private static final Pattern DYNAMIC_SET = Pattern.compile("--(?:add|del|map)-set\\s+(\\S+)");
    private static final Pattern ADDRESS_OPTION = Pattern.compile("(?:^|\\s)(?:-[sd]|--(?:src|dst)-range)\\s+(?:!\\s+)?([^\\s,/]+)");

    /**
     * A chain declaration: {@code :NAME POLICY}. A built-in chain that iptables-restore input appends
     * to without declaring it keeps the policy the kernel already has: its policy is not given, and
     * the location is that of its first rule.
     */
    private record ChainDecl(String name, Action policy, boolean builtIn, SourceLocation location,
            boolean policyGiven) {}

    /** One table as read. */
    private static final class Table {
        final String name;
        final SourceLocation location;
        final Map<String, ChainDecl> chains = new LinkedHashMap<>();
        final Map<String, List<ParsedRule>> rules = new LinkedHashMap<>();
        /** The filter table's rules as chain rules, made as they are read (while no chain is declared late). */
        final Map<String, List<ChainRule>> chainRules = new LinkedHashMap<>();
        /** Rules whose target can be checked only once every chain is declared. */
        final List<ParsedRule> unresolved = new ArrayList<>();
        boolean sawRule;
        /** The chain of the last rule read, and its lists. */
        String lastChain;
        List<ParsedRule> lastRules;
        List<ChainRule> lastChainRules;
        /** A chain declared after a rule: targets checked as read may have named it, so all are checked again. */
        boolean lateDeclaration;

        Table(String name, SourceLocation location) {
            this.name = name;
            this.location = location;
        }
    }

    private final String fileName;
    private final IpFamily family;
    private final RuleParser parser;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private IptablesReader(String fileName, IpFamily family, Ipsets ipsets, Set<String> dynamicSets) {
        this.fileName = fileName;
        this.family = family;
        this.parser = new RuleParser(family, ipsets, dynamicSets);
    }

    /** Reads a dump into the ruleset of the filter table's chain for the options' hook. */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        return readChains(text, fileName, options).flatten();
    }

    /** Reads a dump into the filter table's chains as entered from the options' hook. */
    public static ChainProgram readChains(String text, String fileName, LoadOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(options, "options");
        IpFamily family = options.family().orElseGet(() -> detectFamily(text, fileName));
        Ipsets ipsets = options.ipsetFile().map(Ipsets::read).orElse(Ipsets.none());
        // only sets whose contents are given can be resolved, and only they can be changed by rules
        Set<String> dynamicSets = options.ipsetFile().isPresent() ? dynamicSets(text) : Set.of();
        IptablesReader reader = new IptablesReader(fileName, family, ipsets, dynamicSets);
        reader.parse(text);
        return reader.program(options.hook());
    }

    /** The prefix of the chains and rule ids of the IPv6 dump in a dual-stack ruleset ({@code ip6:INPUT#3}). */
    public static final String IP6_PREFIX = "ip6:";

    /**
     * Reads an iptables-save dump and the ip6tables-save dump of the same host into one ruleset for
     * both families: IPv4 packets meet the first dump's chains for the options' hook, IPv6 packets the
     * second's, whose chains and rule ids read {@code ip6:INPUT#3}. The ruleset keeps both dumps'
     * chains for trace paths.
     *
     * @throws InputException when the first dump is of IPv6 or the second of IPv4 (by their header
     *     comments or, without one, their addresses), or for anything either dump gets wrong
     */
    public static Ruleset readDualStack(String text, String fileName, String text6, String fileName6, LoadOptions options) {
        Objects.requireNonNull(text6, "text6");
        Objects.requireNonNull(fileName6, "fileName6");
        if (detectFamily(text, fileName) != IpFamily.IPV4) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "this is ip6tables-save output",
                    "iptables-save output for the IPv4 rules, and the ip6tables-save dump given with it");
        }
        boolean v4Header = text6.indexOf("# Generated by ip") >= 0 && text6.indexOf("# Generated by ip6") < 0;
        if (v4Header || text6.contains("-m icmp ") || text6.contains("--icmp-type ")) {
            throw new InputException(new SourceLocation(fileName6, 0, 0), "this is iptables-save output, not"
                    + " ip6tables-save output", "the ip6tables-save dump of the same host");
        }
        Ipsets ipsets = options.ipsetFile().map(Ipsets::read).orElse(Ipsets.none());
        boolean sets = options.ipsetFile().isPresent();
        IptablesReader v4 = new IptablesReader(fileName, IpFamily.IPV4, ipsets, sets ? dynamicSets(text) : Set.of());
        v4.parse(text);
        IptablesReader v6 = new IptablesReader(fileName6, IpFamily.IPV6, ipsets, sets ? dynamicSets(text6) : Set.of());
        v6.parse(text6);
        ChainProgram p4 = v4.program(options.hook(), false);
        ChainProgram p6 = v6.program(options.hook(), false);
        Map<String, Chain> chains = new LinkedHashMap<>(p4.chains());
        for (Chain c : p6.chains().values()) {
            List<ChainRule> rules = new ArrayList<>();
            for (ChainRule r : c.rules()) {
                Target t = r.target();
                if (t instanceof Target.Jump j) {
                    t = new Target.Jump(IP6_PREFIX + j.chain());
                } else if (t instanceof Target.Goto g) {
                    t = new Target.Goto(IP6_PREFIX + g.chain());
                }
                rules.add(new ChainRule(IP6_PREFIX + r.id(), r.named(), r.match(), t, r.comment(), r.location()));
            }
            chains.put(IP6_PREFIX + c.name(), new Chain(IP6_PREFIX + c.name(), rules));
        }
        BaseChain b4 = p4.bases().get(0);
        BaseChain b6 = p6.bases().get(0);
        List<BaseChain> bases = List.of(
                new BaseChain(b4.chain(), b4.policy(), Match.builder().families(EnumSet.of(IpFamily.IPV4)).build(),
                        b4.policyLocation(), b4.unknownPolicy()),
                new BaseChain(IP6_PREFIX + b6.chain(), b6.policy(),
                        Match.builder().families(EnumSet.of(IpFamily.IPV6)).build(), b6.policyLocation(),
                        b6.unknownPolicy()));
        String name = "iptables and ip6tables filter " + options.hook().name();
        return ChainFlattener.flatten(name, chains, bases, p4.source())
                .withChains(flow -> ChainEvaluator.evaluate(chains, bases, flow));
    }

    /** Sets that {@code -j SET --add-set} (or del, map) rules change at run time. */
    private static Set<String> dynamicSets(String text) {
        Set<String> sets = new HashSet<>();
        for (int i = text.indexOf("-set "); i >= 0; i = text.indexOf("-set ", i + 5)) {
            if (i >= 5 && (text.startsWith("--add", i - 5) || text.startsWith("--del", i - 5) || text.startsWith("--map", i - 5))) {
                Matcher m = DYNAMIC_SET.matcher(text).region(i - 5, Math.min(text.length(), i + 200));
                if (m.lookingAt()) {
                    sets.add(m.group(1));
                }
            }
        }
        return sets;
    }

    /**
     * The address family of a dump: from its header comment ({@code # Generated by
     * ip6tables-save}), else from the addresses and ICMP matches in its rules; a dump with no
     * sign of either is IPv4, as {@code iptables-restore} would load it.
     *
     * @throws InputException when the rules use both IPv4 and IPv6 and no header tells which
     */
    public static IpFamily detectFamily(String text, String fileName) {
        int limit = Math.min(text.length(), 4096);
        int header = text.indexOf("# Generated by ip");
        if (header >= 0 && header < limit) {
            return text.startsWith("# Generated by ip6", header) ? IpFamily.IPV6 : IpFamily.IPV4;
        }
        boolean v4 = text.contains("-m icmp ") || text.contains("--icmp-type");
        boolean v6 = text.contains("-m icmp6") || text.contains("--icmpv6-type") || text.contains("-p icmpv6")
                || text.contains("-p ipv6-icmp");
        Matcher m = ADDRESS_OPTION.matcher(text);
        while (m.find() && !(v4 && v6)) {
            if (m.group(1).indexOf(':') >= 0) {
                v6 = true;
            } else if (m.group(1).indexOf('.') >= 0) {
                v4 = true;
            }
        }
        if (v4 && v6) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "the rules use both IPv4 and IPv6 and no"
                    + " '# Generated by iptables-save' or 'ip6tables-save' line tells which dump this is",
                    "one dump per family, or the family given explicitly");
        }
        return v6 ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    private SourceLocation at(int line, int column) {
        return new SourceLocation(fileName, line, column);
    }

    private void parse(String text) {
        Table current = null;
        Tokens tokens = new Tokens(fileName, RuleParser.KNOWN_WORDS);
        char[] chars = text.toCharArray();
        int lineNo = 0;
        int start = 0;
        int n = chars.length;
        if (text.startsWith("\uFEFF")) {
            start = 1;
        }
        while (start < n) {
            lineNo++;
            int lineStart = start;
            int first = lineStart;
            while (first < n && (chars[first] == ' ' || chars[first] == '\t')) {
                first++;
            }
            int column = first - lineStart;
            if (first < n && (chars[first] == '-' || chars[first] == '[')) {
                // a rule: the split finds the end of the line as it goes
                requireTable(current, lineNo, column, "a rule");
                Tokens words = tokens.split(chars, lineStart, n, lineNo);
                start = words.end() + 1;
                rule(current, words, lineNo);
                continue;
            }
            int end = first;
            while (end < n && chars[end] != '\n') {
                end++;
            }
            start = end + 1;
            if (first == end || chars[first] == '#' || chars[first] == '\r') {
                if (first < end && chars[first] == '\r' && !text.substring(first, end).isBlank()) {
                    throw new InputException(at(lineNo, column + 1), "unexpected carriage return", "a line of iptables-save");
                }
                continue;
            }
            char c = chars[first];
            if (c == ':') {
                requireTable(current, lineNo, column, "a chain declaration");
                declare(current, tokens.split(chars, lineStart, end, lineNo), lineNo);
            } else if (c == '*') {
                String name = text.substring(first, end).strip().substring(1);
                if (current != null) {
                    throw new InputException(at(lineNo, column + 1), "table '" + name + "' starts before table '"
                            + current.name + "' (line " + current.location.line() + ") has its COMMIT", "COMMIT before the next table");
                }
                if (!TABLES.contains(name)) {
                    throw new InputException(at(lineNo, column + 2), "unknown table '" + name + "'",
                            "*filter, *nat, *mangle, *raw or *security");
                }
                if (tables.containsKey(name)) {
                    throw new InputException(at(lineNo, column + 1), "table '" + name + "' appears a second time (first at line "
                            + tables.get(name).location.line() + ")", "each table once, as iptables-save writes it");
                }
                current = new Table(name, at(lineNo, column + 1));
                tables.put(name, current);
            } else if (text.substring(first, end).strip().equals("COMMIT")) {
                requireTable(current, lineNo, column, "COMMIT");
                commit(current);
                current = null;
            } else {
                String shown = text.substring(first, end).strip();
                throw new InputException(at(lineNo, column + 1), "'" + (shown.length() > 60 ? shown.substring(0, 60) + "…" : shown)
                        + "' is not iptables-save syntax", "a table (*filter), a chain (:INPUT ACCEPT [0:0]), a rule"
                        + " (-A INPUT …), COMMIT or a # comment");
            }
        }
        if (current != null) {
            throw new InputException(at(lineNo, 1), "table '" + current.name + "' (line " + current.location.line()
                    + ") has no COMMIT", "COMMIT at the end of every table");
        }
    }

    private void requireTable(Table current, int lineNo, int column, String what) {
        if (current == null) {
            throw new InputException(at(lineNo, column + 1), what + " outside a table", "a table line such as *filter before it");
        }
    }

    private void declare(Table table, Tokens t, int lineNo) {
        String name = t.get(0).substring(1);
        if (name.isEmpty()) {
            throw new InputException(t.at(0), "chain declaration without a name", ":NAME POLICY [PACKETS:BYTES]");
        }
        if (t.size() < 2) {
            throw new InputException(t.at(1), "chain '" + name + "' has no policy", ":" + name + " ACCEPT, DROP or - (user chain)");
        }
        if (t.size() > 3 || (t.size() == 3 && !isCounters(t.get(2)))) {
            throw new InputException(t.at(2), "unexpected '" + t.get(t.size() == 3 ? 2 : 3) + "' after the policy",
                    "[PACKETS:BYTES] counters or nothing");
        }
        declare(table, name, t.get(1), t.at(0), t.at(1));
    }

    /** Declares a chain of the table with its policy ({@code -} for a user chain), or refuses it. */
    private void declare(Table table, String name, String policy, SourceLocation where, SourceLocation policyAt) {
        if (name.length() > 28) {
            throw new InputException(where, "chain name '" + name + "' is longer than 28 characters", "a shorter chain name");
        }
        ChainDecl before = table.chains.get(name);
        if (before != null && !before.policyGiven()) {
            // a built-in chain appended to before its declaration: the declaration gives its policy
            table.chains.put(name, new ChainDecl(name, builtInPolicy(name, policy, policyAt), true, where, true));
            return;
        }
        if (before != null) {
            throw new InputException(where, "chain '" + name + "' is declared twice in table " + table.name + " (first at line "
                    + table.chains.get(name).location().line() + ")", "each chain declared once");
        }
        boolean builtIn = BUILT_IN.get(table.name).contains(name);
        Action action;
        if (builtIn) {
            action = builtInPolicy(name, policy, policyAt);
        } else {
            if (!policy.equals("-")) {
                throw new InputException(policyAt, "user chain '" + name + "' has the policy '" + policy
                        + "'; only built-in chains of table " + table.name + " (" + String.join(", ",
                        BUILT_IN.get(table.name).stream().sorted().toList()) + ") have one", "'-' for a user chain");
            }
            action = null;
        }
        table.chains.put(name, new ChainDecl(name, action, builtIn, where, true));
        table.lateDeclaration |= table.sawRule;
        table.rules.put(name, new ArrayList<>());
        table.chainRules.put(name, new ArrayList<>());
    }

    private static Action builtInPolicy(String name, String policy, SourceLocation policyAt) {
        return switch (policy) {
            case "ACCEPT" -> Action.ACCEPT;
            case "DROP" -> Action.DROP;
            default -> throw new InputException(policyAt, "'" + policy + "' is not a policy of built-in chain "
                    + name, "ACCEPT or DROP");
        };
    }

    /**
     * A built-in chain that a rule appends to before any declaration of it: iptables-restore accepts
     * that and leaves the chain's policy as the kernel has it, which the file does not tell (DROP
     * stands for it here; {@link #unstatedPolicy} makes what reaches it UNKNOWN).
     */
    private static void declareUnstated(Table table, String name, SourceLocation where) {
        table.chains.put(name, new ChainDecl(name, Action.DROP, true, where, false));
        table.rules.put(name, new ArrayList<>());
        table.chainRules.put(name, new ArrayList<>());
    }

    private void rule(Table table, Tokens t, int lineNo) {
        int i = 0;
        if (t.get(0).startsWith("[")) {
            if (!isCounters(t.get(0))) {
                throw new InputException(t.at(0), "'" + t.get(0) + "' is not a counter", "[PACKETS:BYTES] before -A");
            }
            i = 1;
        }
        if (i == 0 && (t.get(0).equals("-N") || t.get(0).equals("--new-chain"))) {
            // iptables-restore input (as generators such as Aerleon write it) may create a user
            // chain with the command instead of a declaration line
            if (t.size() != 2) {
                throw new InputException(t.at(t.size() < 2 ? 1 : 2), t.size() < 2 ? t.get(0) + " without a chain name"
                        : "unexpected '" + t.get(2) + "' after the chain name", t.get(0) + " CHAIN");
            }
            if (BUILT_IN.get(table.name).contains(t.get(1))) {
                throw new InputException(t.at(1), "'" + t.get(1) + "' is a built-in chain of table " + table.name
                        + ", which " + t.get(0) + " cannot create", "a user chain name, or :" + t.get(1)
                        + " ACCEPT or DROP to declare the built-in chain");
            }
            declare(table, t.get(1), "-", t.at(1), t.at(1));
            return;
        }
        if (i >= t.size() || !(t.get(i).equals("-A") || t.get(i).equals("--append"))) {
            String w = i < t.size() ? t.get(i) : "";
            throw new InputException(t.at(i), "'" + w + "' at the start of a rule line",
                    "-A CHAIN, or -N CHAIN to create a chain (iptables-save writes every rule as an -A line)");
        }
        if (i + 1 >= t.size()) {
            throw new InputException(t.at(i + 1), "-A without a chain", "-A CHAIN OPTIONS");
        }
        String chain = t.get(i + 1);
        if (!table.chains.containsKey(chain) && BUILT_IN.get(table.name).contains(chain)) {
            declareUnstated(table, chain, t.at(i + 1));
        }
        if (!chain.equals(table.lastChain)) {
            // rules come chain by chain: look the chain up once per run of its rules
            table.lastRules = table.rules.get(chain);
            table.lastChainRules = table.chainRules.get(chain);
            table.lastChain = table.lastRules == null ? null : chain;
        }
        List<ParsedRule> rules = table.lastRules;
        if (rules == null) {
            throw new InputException(t.at(i + 1), "rule for chain '" + chain + "', which is not declared in table "
                    + table.name + " before it", "a declaration :" + chain + " … above the chain's rules");
        }
        ParsedRule r = parser.parse(t, i + 2, table.name, chain, rules.size() + 1, at(lineNo, 1));
        rules.add(r);
        table.sawRule = true;
        // checked now, while the rule is at hand, as far as the chains declared so far tell
        if (r.target() != null && !checkTarget(table, r, false)) {
            table.unresolved.add(r);
        }
        if (table.name.equals("filter") && !table.lateDeclaration) {
            table.lastChainRules.addAll(chainRules(r, table));
        }
    }

    /** {@code [PACKETS:BYTES]}: two decimal numbers. */
    private static boolean isCounters(String w) {
        int colon = w.indexOf(':');
        if (w.length() < 5 || w.charAt(0) != '[' || w.charAt(w.length() - 1) != ']' || colon < 2
                || colon > w.length() - 3) {
            return false;
        }
        for (int i = 1; i < w.length() - 1; i++) {
            char c = w.charAt(i);
            if (i != colon && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Checks the table's targets once all its chains are known. */
    private void commit(Table table) {
        if (table.lateDeclaration) {
            for (List<ParsedRule> rules : table.rules.values()) {
                for (ParsedRule r : rules) {
                    if (r.target() != null) {
                        checkTarget(table, r, true);
                    }
                }
            }
        } else {
            for (ParsedRule r : table.unresolved) {
                checkTarget(table, r, true);
            }
        }
    }

    /**
     * Checks a rule's target against the table's chains. Before every chain is known
     * ({@code complete} false), a target that names no chain yet may name one declared later: then
     * nothing is checked and the answer is false when a later chain could change the verdict.
     */
    private boolean checkTarget(Table table, ParsedRule r, boolean complete) {
        String name = r.target().name();
        ChainDecl decl = table.chains.get(name);
        if (decl != null && decl.builtIn()) {
            throw new InputException(r.target().location(), "jump to built-in chain " + name,
                    "a user chain or a target such as ACCEPT");
        }
        if (decl != null) {
            return true;
        }
        boolean filterOnly = table.name.equals("filter") && NOT_IN_FILTER.contains(name);
        if (!complete) {
            return !(r.target().isGoto() || filterOnly || name.equals("REJECT"));
        }
        if (r.target().isGoto()) {
            throw new InputException(r.target().location(), "-g " + name + ": no such chain in table " + table.name,
                    "-g with a user chain declared in the table");
        }
        if (filterOnly) {
            throw new InputException(r.target().location(), "target " + name + " is not valid in table filter",
                    "it in table " + (name.equals("TPROXY") ? "mangle" : "nat"));
        }
        if (name.equals("REJECT")) {
            checkReject(r);
        }
        return true;
    }

    private void checkReject(ParsedRule r) {
        List<String> options = r.target().options();
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).equals("--reject-with") && i + 1 < options.size()) {
                String with = options.get(++i);
                Set<String> allowed = family == IpFamily.IPV4 ? REJECT_WITH_V4 : REJECT_WITH_V6;
                if (!allowed.contains(with)) {
                    throw new InputException(r.target().location(), "unknown --reject-with '" + with + "'",
                            String.join(", ", allowed.stream().sorted().toList()));
                }
            } else {
                throw new InputException(r.target().location(), "unexpected option '" + options.get(i) + "' of REJECT",
                        "--reject-with TYPE");
            }
        }
    }

    // ---- building the program for a hook ----

    private ChainProgram program(Hook hook) {
        return program(hook, true);
    }

    /** The hook's program; with {@code guard}, packets of the other family are UNKNOWN (not this dump's to decide). */
    private ChainProgram program(Hook hook, boolean guard) {
        Table filter = tables.get("filter");
        if (filter == null) {
            throw new InputException(at(0, 0), "the dump has no *filter table", "iptables-save output with its filter table");
        }
        String hookChain = hook.name();
        ChainDecl base = filter.chains.get(hookChain);
        if (base == null) {
            throw new InputException(filter.location, "table filter does not declare its " + hookChain + " chain",
                    ":" + hookChain + " ACCEPT or DROP in table filter");
        }
        Map<String, Chain> chains = new LinkedHashMap<>();
        for (Map.Entry<String, List<ParsedRule>> e : filter.rules.entrySet()) {
            List<ChainRule> rules = new ArrayList<>();
            if (e.getKey().equals(hookChain)) {
                if (guard) {
                    rules.addAll(otherFamilyGuard(filter, base.policy()));
                }
                rules.addAll(otherTables(hook));
            }
            if (filter.lateDeclaration) {
                // the chain rules made while reading may have missed a chain a target names
                for (ParsedRule r : e.getValue()) {
                    rules.addAll(chainRules(r, filter));
                }
            } else {
                rules.addAll(filter.chainRules.get(e.getKey()));
            }
            chains.put(e.getKey(), new Chain(e.getKey(), rules));
        }
        String name = (family == IpFamily.IPV4 ? "iptables" : "ip6tables") + " filter " + hookChain;
        BaseChain baseChain = new BaseChain(hookChain, base.policy(), Match.any(), base.location(),
                base.policyGiven() ? Optional.empty() : Optional.of(unstatedPolicy(base)));
        return new ChainProgram(name, family, hook, chains, List.of(baseChain), at(0, 0));
    }

    /** The policy of a built-in chain the file does not declare, as an unmodelled condition. */
    private static Unmodelled unstatedPolicy(ChainDecl chain) {
        return new Unmodelled("the policy of chain " + chain.name() + ", which the file does not declare"
                + " (iptables-restore keeps the policy the chain already has; iptables-save writes it as :"
                + chain.name() + " ACCEPT or DROP)", chain.location());
    }

    /**
     * The packets of the other family are not this dump's to decide: their verdict is unknown. Every
     * other rule is of this dump's family, so the other family's packets meet only this rule and the
     * policy: an uncertain rule with the policy's opposite action makes them UNKNOWN.
     */
    private List<ChainRule> otherFamilyGuard(Table filter, Action policy) {
        IpFamily other = family == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
        String construct = family == IpFamily.IPV4
                ? "IPv6 packets (iptables-save has the IPv4 rules only; ip6tables-save has those for IPv6)"
                : "IPv4 packets (ip6tables-save has the IPv6 rules only; iptables-save has those for IPv4)";
        Match match = Match.builder().families(EnumSet.of(other))
                .unmodelled(new Unmodelled(construct, filter.location)).build();
        Action opposite = policy.accepts() ? Action.DROP : Action.ACCEPT;
        return List.of(new ChainRule(other.label() + "-not-in-dump", true, match, new Target.Verdict(opposite), "",
                filter.location).asStandIn());
    }

    /** The chains of other tables a packet of the hook passes before (and after) the filter table. */
    private static List<String[]> stagesOf(Hook hook) {
        return switch (hook) {
            case INPUT -> List.of(new String[] {"raw", "PREROUTING", "pre"}, new String[] {"mangle", "PREROUTING", "pre"},
                    new String[] {"nat", "PREROUTING", "pre"}, new String[] {"mangle", "INPUT", "pre"},
                    new String[] {"security", "INPUT", "post"}, new String[] {"nat", "INPUT", "post"});
            case FORWARD -> List.of(new String[] {"raw", "PREROUTING", "pre"}, new String[] {"mangle", "PREROUTING", "pre"},
                    new String[] {"nat", "PREROUTING", "pre"}, new String[] {"mangle", "FORWARD", "pre"},
                    new String[] {"security", "FORWARD", "post"}, new String[] {"mangle", "POSTROUTING", "post"},
                    new String[] {"nat", "POSTROUTING", "post"});
            case OUTPUT -> List.of(new String[] {"raw", "OUTPUT", "pre"}, new String[] {"mangle", "OUTPUT", "pre"},
                    new String[] {"nat", "OUTPUT", "pre"}, new String[] {"security", "OUTPUT", "post"},
                    new String[] {"mangle", "POSTROUTING", "post"}, new String[] {"nat", "POSTROUTING", "post"});
        };
    }

    /** What a rule of another table can do to the filter table's verdict. */
    private enum Effect { NONE, MAY_DROP, MAY_CHANGE }

    /**
     * Rules of other tables on the hook's path that may drop packets, or change them (destination
     * NAT, NOTRACK, queueing, unknown targets) before the filter table decides: their packets'
     * verdicts become UNKNOWN. Each rule's own conditions (without interfaces) bound the packets
     * it can affect, so this over-approximates and is sound. The rules made stand in for those of
     * the other tables, which audits do not look at for anomalies.
     */
    private List<ChainRule> otherTables(Hook hook) {
        List<ChainRule> out = new ArrayList<>();
        for (String[] stage : stagesOf(hook)) {
            Table table = tables.get(stage[0]);
            if (table == null || !table.chains.containsKey(stage[1])) {
                continue;
            }
            boolean pre = stage[2].equals("pre");
            String where = " in table " + table.name + ", chain " + stage[1] + " ("
                    + (pre ? "before" : "after") + " filter " + hook.name() + ")";
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>();
            todo.add(stage[1]);
            while (!todo.isEmpty()) {
                String chain = todo.poll();
                if (!seen.add(chain)) {
                    continue;
                }
                for (ParsedRule r : table.rules.get(chain)) {
                    String target = r.target() == null ? "" : r.target().name();
                    if (table.chains.containsKey(target)) {
                        todo.add(target);
                        continue;
                    }
                    Effect effect = effect(target, r, pre);
                    if (effect == Effect.NONE) {
                        continue;
                    }
                    String id = table.name + ":" + r.id();
                    String construct = r.target().text() + where + (effect == Effect.MAY_DROP ? " may drop packets"
                            : " may change packets or their verdict");
                    Unmodelled u = new Unmodelled(construct, r.target().location());
                    int k = 0;
                    for (Match alt : r.alternatives()) {
                        Match m = withoutInterfaces(alt).toBuilder().unmodelled(u).build();
                        if (effect == Effect.MAY_CHANGE) {
                            out.add(new ChainRule(suffix(id, k++), false, m, new Target.Verdict(Action.ACCEPT), r.comment(),
                                    r.location()).asStandIn());
                        }
                        out.add(new ChainRule(suffix(id, k++), false, m, new Target.Verdict(Action.DROP), r.comment(),
                                r.location()).asStandIn());
                    }
                }
            }
            ChainDecl decl = table.chains.get(stage[1]);
            if (decl.policy() == Action.DROP) {
                String policy = decl.policyGiven() ? ":" + stage[1] + " DROP (the policy)"
                        : "the policy of chain " + stage[1] + ", which the file does not declare,";
                Match m = Match.builder().families(EnumSet.of(family)).unmodelled(new Unmodelled(
                        policy + where + " may drop packets", decl.location())).build();
                out.add(new ChainRule(table.name + ":" + stage[1] + "#policy", false, m, new Target.Verdict(Action.DROP), "",
                        decl.location()).asStandIn());
            }
        }
        return out;
    }

    private static Effect effect(String target, ParsedRule r, boolean pre) {
        switch (target) {
            case "", "ACCEPT", "RETURN", "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "CLASSIFY", "DSCP", "TOS", "TTL", "HL",
                    "ECN", "TCPMSS", "TCPOPTSTRIP", "CHECKSUM", "SECMARK", "CONNSECMARK", "TRACE", "SET", "AUDIT",
                    "IDLETIMER", "LED", "RATEEST", "TEE", "HMARK", "SNAT", "MASQUERADE" -> {
                return Effect.NONE;
            }
            case "DROP", "REJECT", "SYNPROXY" -> {
                return Effect.MAY_DROP;
            }
            case "CT" -> {
                return r.target().options().contains("--notrack") && pre ? Effect.MAY_CHANGE : Effect.NONE;
            }
            case "NOTRACK", "DNAT", "REDIRECT", "NETMAP", "TPROXY" -> {
                return pre ? Effect.MAY_CHANGE : Effect.NONE;
            }
            default -> {
                return pre ? Effect.MAY_CHANGE : Effect.MAY_DROP;
            }
        }
    }

    private static Match withoutInterfaces(Match m) {
        Match.Builder b = Match.builder().families(m.families()).sources(m.sources()).destinations(m.destinations())
                .protocols(m.protocols()).states(m.states());
        m.sourcePorts().ifPresent(b::sourcePorts);
        m.destinationPorts().ifPresent(b::destinationPorts);
        m.icmp().ifPresent(b::icmp);
        return b.build();
    }

    private static String suffix(String id, int k) {
        return k == 0 ? id : id + "." + (k + 1);
    }

    /** The chain rules of one filter rule: one per alternative; an unknown verdict gives accept and drop. */
    private List<ChainRule> chainRules(ParsedRule r, Table filter) {
        Target target;
        Unmodelled unknownVerdict = null;
        boolean mayAccept = true;
        if (r.target() == null) {
            target = new Target.Continue("no target (counts only)");
        } else {
            String name = r.target().name();
            if (filter.chains.containsKey(name)) {
                target = r.target().isGoto() ? new Target.Goto(name) : new Target.Jump(name);
            } else {
                target = switch (name) {
                    case "ACCEPT" -> new Target.Verdict(Action.ACCEPT);
                    case "DROP" -> new Target.Verdict(Action.DROP);
                    case "REJECT" -> new Target.Verdict(Action.REJECT);
                    case "RETURN" -> new Target.Return();
                    default -> CONTINUING.contains(name) ? new Target.Continue(name) : null;
                };
                if (target == null) {
                    String why = switch (name) {
                        case "QUEUE", "NFQUEUE" -> " (a program in user space decides)";
                        case "SYNPROXY" -> " (drops or lets the packet continue)";
                        default -> " (a target fwcheck does not know)";
                    };
                    unknownVerdict = new Unmodelled(r.target().text() + why, r.target().location());
                    mayAccept = !name.equals("SYNPROXY");
                    target = new Target.Verdict(Action.DROP);
                }
            }
        }
        List<ChainRule> out = new ArrayList<>();
        int k = 0;
        for (Match alt : r.alternatives()) {
            if (unknownVerdict == null) {
                out.add(new ChainRule(suffix(r.id(), k++), false, alt, target, r.comment(), r.location()));
            } else {
                Match m = alt.toBuilder().unmodelled(unknownVerdict).build();
                if (mayAccept) {
                    out.add(new ChainRule(suffix(r.id(), k++), false, m, new Target.Verdict(Action.ACCEPT), r.comment(),
                            r.location()));
                }
                ChainRule drop = new ChainRule(suffix(r.id(), k++), false, m, target, r.comment(), r.location());
                // after the accept, the drop that overlaps it by construction stands in for the rest of the rule
                out.add(mayAccept ? drop.asStandIn() : drop);
            }
        }
        return out;
    }
}
