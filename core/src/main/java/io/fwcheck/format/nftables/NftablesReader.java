package io.fwcheck.format.nftables;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetLoader;
import io.fwcheck.format.chain.BaseChain;
import io.fwcheck.format.chain.Chain;
import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.json.JsonSource;
import io.fwcheck.model.Action;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an nftables ruleset in the JSON form of {@code nft -j list ruleset} (docs/formats-nftables.md)
 * as one hook sees it. The analysed ruleset is every base chain on the hook in the {@code ip}
 * (IPv4 packets), {@code ip6} (IPv6) and {@code inet} (both) tables, by priority: a packet a base
 * chain accepts goes on to the next one, a drop or reject is final, and a packet every base chain
 * accepts is accepted. Tables of the {@code arp}, {@code bridge} and {@code netdev} families are
 * not on the IP hooks and are left out. Everything fwcheck does not model makes the affected
 * rules uncertain ({@link io.fwcheck.model.Unmodelled}); problems with the input are
 * {@link InputException}s at the JSON token's line:column with its path
 * ({@code nftables[12].rule.expr[3]}).
 */
public final class NftablesReader {

    /** The hooks a ruleset can be read for. */
    public static final List<String> HOOKS = List.of("input", "forward", "output");

    private static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev");
    private static final Set<String> IP_FAMILIES = Set.of("ip", "ip6", "inet");

    /** Objects of a listing that hold no rules and change no rule's meaning. */
    private static final Set<String> IGNORED = Set.of("flowtable", "counter", "quota", "ct helper", "limit",
            "ct timeout", "ct expectation", "secmark", "synproxy", "tunnel");

    private static final Set<String> COMMANDS = Set.of("add", "create", "insert", "replace", "delete", "destroy",
            "flush", "list", "reset", "rename");

    private static final Set<String> TABLE_FLAGS = Set.of("dormant", "owner", "persist");

    private static final Pattern PRIORITY = Pattern.compile("([a-z]+)\\s*([+-])\\s*([0-9]{1,9})");

    private final JsonSource src;
    private final String hook;

    private final Map<String, Json.Obj> tables = new LinkedHashMap<>();
    private final Set<String> dormant = new HashSet<>();
    private final Map<String, Unmodelled> unreadableFlags = new HashMap<>();
    /** Per chain, the packets reaching its statements with unknown effects. */
    private final Map<String, List<Match>> altering = new HashMap<>();
    private final Map<String, ChainDef> chainDefs = new LinkedHashMap<>();
    private final List<RuleDef> ruleDefs = new ArrayList<>();
    private final Map<String, Map<String, SetDef>> setDefs = new HashMap<>();

    private record ChainDef(String family, String table, String name, Json.Obj json) {}

    /** A rule; {@code item} is its element of the listing, where the rule is located. */
    private record RuleDef(String family, String table, String chain, Json.Obj json, Json item) {}

    private static final class SetDef {
        final String name;
        final boolean map;
        final Json.Obj json;
        final List<Json> elements = new ArrayList<>();
        String runtime;

        SetDef(String name, boolean map, Json.Obj json) {
            this.name = name;
            this.map = map;
            this.json = json;
        }
    }

    private NftablesReader(String fileName, String hook) {
        this.src = new JsonSource(fileName);
        this.hook = hook;
    }

    /** Reads the input hook's ruleset from the text of {@code nft -j list ruleset}. */
    public static Ruleset read(String text, String fileName) {
        return read(text, fileName, "input");
    }

    /**
     * Reads the ruleset of one hook.
     *
     * @param text the JSON text
     * @param fileName names the input in locations
     * @param hook {@code input}, {@code forward} or {@code output}
     * @throws InputException when the input is not a readable ruleset
     */
    public static Ruleset read(String text, String fileName, String hook) {
        return readChains(text, fileName, hook).flatten();
    }

    /** Reads the ruleset of the hook the options name ({@link LoadOptions#hook()}); other options do not apply. */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        return read(text, fileName, options.hook().label());
    }

    /** Reads the ruleset of one hook from a file; the path as given names it in locations. */
    public static Ruleset read(Path file, String hook) {
        return readChains(file, hook).flatten();
    }

    /** The chains of one hook, for trace paths ({@link NftablesProgram#evaluate}); the path as given names the file. */
    public static NftablesProgram readChains(Path file, String hook) {
        Objects.requireNonNull(file, "file");
        return readChains(RulesetLoader.readText(file), file.toString(), hook);
    }

    /**
     * The chains of one hook.
     *
     * @throws IllegalArgumentException for a hook other than input, forward and output
     * @throws InputException when the input is not a readable ruleset
     */
    public static NftablesProgram readChains(String text, String fileName, String hook) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        if (!HOOKS.contains(hook)) {
            throw new IllegalArgumentException("hook must be one of " + HOOKS + ", not " + hook);
        }
        NftablesReader reader = new NftablesReader(fileName, hook);
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try {
            return reader.program(Json.parse(json, fileName, "the JSON output of nft -j list ruleset"));
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "cannot read the file: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
    }

    // ---- reading the listing

    private NftablesProgram program(Json root) {
        Json.Obj top = src.object(root, "the document");
        Json list = top.get("nftables").orElseThrow(() -> src.error(root, "no 'nftables' key",
                "the JSON output of nft -j list ruleset: {\"nftables\": [...]}"));
        if (!(list instanceof Json.Arr items)) {
            throw src.error(list, "'nftables' is " + list.kind(), "a list of tables, chains, rules and sets");
        }
        for (Json item : items.items()) {
            object(item);
        }
        for (RuleDef r : ruleDefs) {
            markUpdatedSets(r);
        }
        Map<String, List<ChainRule>> rules = new LinkedHashMap<>();
        for (ChainDef c : chainDefs.values()) {
            if (IP_FAMILIES.contains(c.family())) {
                rules.put(chainKey(c.family(), c.table(), c.name()), new ArrayList<>());
            }
        }
        Map<String, RuleCompiler> compilers = new HashMap<>();
        Map<String, List<RuleDef>> byChain = new LinkedHashMap<>();
        for (RuleDef r : ruleDefs) {
            if (IP_FAMILIES.contains(r.family())) {
                byChain.computeIfAbsent(chainKey(r.family(), r.table(), r.chain()), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<RuleDef>> e : byChain.entrySet()) {
            List<RuleDef> chainRules = e.getValue();
            boolean handles = chainRules.stream().allMatch(r -> r.json().get("handle").isPresent());
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < chainRules.size(); i++) {
                RuleDef r = chainRules.get(i);
                String id = e.getKey() + "#" + (i + 1);
                if (handles) {
                    Json h = r.json().get("handle").get();
                    long handle = src.integer(h, "a rule's handle", 0, Long.MAX_VALUE);
                    if (!seen.add(handle)) {
                        throw src.error(h, "handle " + handle + " is used twice in chain " + e.getKey(),
                                "a unique handle per rule");
                    }
                    id = e.getKey() + "#" + handle;
                }
                RuleCompiler compiler = compilers.computeIfAbsent(tableKey(r.family(), r.table()),
                        k -> compiler(r.family(), r.table()));
                rules.get(e.getKey()).addAll(compiler.compile(r.json(), src.at(r.item()), id, handles));
                altering.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(compiler.takeAltering());
            }
        }
        Map<String, Chain> chains = new LinkedHashMap<>();
        rules.forEach((key, chainRules) -> chains.put(key, new Chain(key, chainRules)));
        List<BaseChain> bases = bases(chains);
        return new NftablesProgram("nftables-" + hook, chains, bases, new SourceLocation(src.fileName(), 0, 0));
    }

    private void object(Json item) {
        Map.Entry<String, Json> e = src.single(item, "an item of 'nftables'");
        String kind = e.getKey();
        Json body = e.getValue();
        switch (kind) {
            case "metainfo" -> {
                Json.Obj meta = src.object(body, "metainfo");
                Optional<Json> version = meta.get("json_schema_version");
                if (version.isPresent() && src.integer(version.get(), "json_schema_version", 0, 1000) != 1) {
                    throw src.error(version.get(), "unsupported json_schema_version " + Render.expr(version.get()),
                            "json_schema_version 1");
                }
            }
            case "table" -> {
                Json.Obj t = src.object(body, "a table");
                String family = family(t);
                String name = src.requireString(t, "name", "a table");
                if (tables.putIfAbsent(tableKey(family, name), t) != null) {
                    throw src.error(t, "table " + family + " " + name + " is listed twice", "each table once");
                }
                Optional<Json> flags = t.get("flags");
                if (flags.isPresent()) {
                    List<Json> values = flags.get() instanceof Json.Arr a ? a.items() : List.of(flags.get());
                    if (values.stream().allMatch(v -> v instanceof Json.Str s && TABLE_FLAGS.contains(s.value()))) {
                        if (hasFlag(flags.get(), "dormant")) {
                            dormant.add(tableKey(family, name));
                        }
                    } else {
                        // nft 1.0.6 prints table flags as arbitrary text: the table may be dormant or not
                        unreadableFlags.put(tableKey(family, name), new Unmodelled("table " + family + " " + name
                                + " flags " + Render.json(flags.get()) + " (not flags nft knows, so the table may be"
                                + " dormant; nft 1.0.6 prints table flags wrongly)", src.at(flags.get())));
                    }
                }
            }
            case "chain" -> {
                Json.Obj c = src.object(body, "a chain");
                String family = family(c);
                String table = table(c);
                String name = src.requireString(c, "name", "a chain");
                if (chainDefs.putIfAbsent(tableKey(family, table) + "/" + name, new ChainDef(family, table, name, c))
                        != null) {
                    throw src.error(c, "chain " + name + " of table " + family + " " + table + " is listed twice",
                            "each chain once");
                }
            }
            case "rule" -> {
                Json.Obj r = src.object(body, "a rule");
                String family = family(r);
                String table = table(r);
                String chain = src.requireString(r, "chain", "a rule");
                if (!chainDefs.containsKey(tableKey(family, table) + "/" + chain)) {
                    throw src.error(r, "rule of chain " + chain + ", which is not listed before it in table "
                            + family + " " + table, "the chain listed before its rules");
                }
                ruleDefs.add(new RuleDef(family, table, chain, r, item));
            }
            case "set", "map" -> {
                Json.Obj s = src.object(body, "a " + kind);
                String family = family(s);
                String table = table(s);
                String name = src.requireString(s, "name", "a " + kind);
                SetDef def = new SetDef(name, kind.equals("map"), s);
                if (setDefs.computeIfAbsent(tableKey(family, table), k -> new HashMap<>()).putIfAbsent(name, def)
                        != null) {
                    throw src.error(s, kind + " " + name + " of table " + family + " " + table + " is listed twice",
                            "each set once");
                }
                for (String flag : List.of("dynamic", "timeout")) {
                    if (s.get("flags").filter(f -> hasFlag(f, flag)).isPresent()) {
                        def.runtime = "filled at run time: flags " + flag;
                    }
                }
                s.get("elem").ifPresent(elem -> addElements(def, elem));
            }
            case "element" -> {
                Json.Obj el = src.object(body, "an element");
                String family = family(el);
                String table = table(el);
                String name = src.requireString(el, "name", "an element");
                SetDef def = Optional.ofNullable(setDefs.get(tableKey(family, table))).map(m -> m.get(name))
                        .orElseThrow(() -> src.error(el, "element of set " + name + ", which is not listed before it",
                                "the set listed before its elements"));
                addElements(def, src.require(el, "elem", "an element"));
            }
            default -> {
                if (COMMANDS.contains(kind)) {
                    throw src.error(item, "'" + kind + "' is a command, not a listing",
                            "the output of nft -j list ruleset");
                }
                if (!IGNORED.contains(kind)) {
                    throw src.error(item, "unknown object '" + kind + "'",
                            "table, chain, rule, set, map, element or another object of nft -j list ruleset");
                }
            }
        }
    }

    private void addElements(SetDef def, Json elem) {
        List<Json> items = elem instanceof Json.Arr a ? a.items() : List.of(elem);
        for (Json item : items) {
            Json value = item instanceof Json.Arr pair && pair.items().size() == 2 ? pair.items().get(0) : item;
            if (value instanceof Json.Obj obj && obj.get("elem").orElse(null) instanceof Json.Obj e
                    && (e.get("timeout").isPresent() || e.get("expires").isPresent())) {
                def.runtime = "filled at run time: elements with a timeout";
            }
            def.elements.add(item);
        }
    }

    /** A set or map that rules add elements to holds more than it lists. */
    private void markUpdatedSets(RuleDef r) {
        if (!(r.json().get("expr").orElse(null) instanceof Json.Arr exprs)) {
            return;
        }
        for (Json stmt : exprs.items()) {
            if (stmt instanceof Json.Obj obj && obj.size() == 1) {
                Map.Entry<String, Json> e = obj.first();
                if ((e.getKey().equals("set") || e.getKey().equals("map")) && e.getValue() instanceof Json.Obj body
                        && body.get(e.getKey()).orElse(null) instanceof Json.Str ref && ref.value().startsWith("@")) {
                    Map<String, SetDef> sets = setDefs.get(tableKey(r.family(), r.table()));
                    SetDef def = sets == null ? null : sets.get(ref.value().substring(1));
                    if (def != null) {
                        def.runtime = "filled at run time by rules";
                    }
                }
            }
        }
    }

    private static boolean hasFlag(Json flags, String flag) {
        if (flags instanceof Json.Str s) {
            return s.value().equals(flag);
        }
        return flags instanceof Json.Arr a && a.items().stream().anyMatch(f -> f instanceof Json.Str s
                && s.value().equals(flag));
    }

    private String family(Json.Obj obj) {
        Json node = src.require(obj, "family", "an object");
        String family = src.string(node, "'family'");
        if (!FAMILIES.contains(family)) {
            throw src.error(node, "unknown family '" + family + "'", "ip, ip6, inet, arp, bridge or netdev");
        }
        return family;
    }

    private String table(Json.Obj obj) {
        Json node = src.require(obj, "table", "an object");
        String table = src.string(node, "'table'");
        if (!tables.containsKey(tableKey(family(obj), table))) {
            throw src.error(node, "table " + family(obj) + " " + table + " is not listed before it",
                    "the table listed before its chains, rules and sets");
        }
        return table;
    }

    private static String tableKey(String family, String table) {
        return family + " " + table;
    }

    /** {@code table/chain}, or {@code family:table/chain} when tables of several IP families share the name. */
    private String chainKey(String family, String table, String chain) {
        long sameName = tables.keySet().stream().filter(k -> IP_FAMILIES.stream()
                .anyMatch(f -> k.equals(tableKey(f, table)))).count();
        return (sameName > 1 ? family + ":" : "") + table + "/" + chain;
    }

    private static Match scope(String family) {
        return switch (family) {
            case "ip" -> Match.builder().families(EnumSet.of(IpFamily.IPV4)).build();
            case "ip6" -> Match.builder().families(EnumSet.of(IpFamily.IPV6)).build();
            default -> Match.any();
        };
    }

    private RuleCompiler compiler(String family, String table) {
        Map<String, SetDef> sets = setDefs.getOrDefault(tableKey(family, table), Map.of());
        Values values = new Values(src, name -> Optional.ofNullable(sets.get(name))
                .map(d -> new NamedSet(d.name, d.map, d.elements, Optional.ofNullable(d.runtime), d.json)));
        return new RuleCompiler(src, values, scope(family), hook, (at, name) -> {
            if (!chainDefs.containsKey(tableKey(family, table) + "/" + name)) {
                throw src.error(at, "jump to chain '" + name + "', which is not in table " + family + " " + table,
                        "the name of a chain of the same table");
            }
            return chainKey(family, table, name);
        });
    }

    // ---- base chains

    private record Base(ChainDef def, String key, int priority, Action policy, SourceLocation policyAt, String type) {}

    private List<BaseChain> bases(Map<String, Chain> chains) {
        List<Base> found = new ArrayList<>();
        for (ChainDef c : chainDefs.values()) {
            Optional<Json> hookNode = c.json().get("hook");
            if (!IP_FAMILIES.contains(c.family()) || hookNode.isEmpty() || dormant.contains(tableKey(c.family(), c.table()))
                    || !src.string(hookNode.get(), "a chain's hook").equals(hook)) {
                continue;
            }
            String type = c.json().get("type").map(t -> src.string(t, "a chain's type")).orElse("filter");
            if (!Set.of("filter", "route", "nat").contains(type)) {
                throw src.error(c.json().get("type").get(), "unknown chain type '" + type + "'",
                        "filter, route or nat");
            }
            int priority = c.json().get("prio").map(this::priority).orElse(0);
            Action policy = Action.ACCEPT;
            SourceLocation policyAt = src.at(c.json());
            Optional<Json> policyNode = c.json().get("policy");
            if (policyNode.isPresent()) {
                String p = src.string(policyNode.get(), "a chain's policy");
                policy = switch (p) {
                    case "accept" -> Action.ACCEPT;
                    case "drop" -> Action.DROP;
                    default -> throw src.error(policyNode.get(), "unknown policy '" + p + "'", "accept or drop");
                };
                policyAt = src.at(policyNode.get());
            }
            found.add(new Base(c, chainKey(c.family(), c.table(), c.name()), priority, policy, policyAt, type));
        }
        // by priority; equal priorities in the order listed (the kernel's order for them is not defined)
        found.sort(Comparator.comparingInt(Base::priority));
        List<BaseChain> bases = new ArrayList<>();
        List<ChainRule> translated = new ArrayList<>();
        for (Base b : found) {
            Match scope = scope(b.def().family());
            SourceLocation at = src.at(b.def().json());
            if (b.type().equals("nat")) {
                if (chains.get(b.key()).rules().isEmpty() && b.policy().accepts()) {
                    continue; // translates nothing and drops nothing
                }
                // the chain may drop; its address translation changes what later chains see
                Unmodelled nat = new Unmodelled("type nat hook " + hook + " chain " + b.key()
                        + " (address translation is not modelled)", at);
                Match where = scope.toBuilder().unmodelled(nat).build();
                String key = b.key() + "#nat";
                ChainRule mayDrop = new ChainRule(key + ".may-drop", true, where, new Target.Verdict(Action.DROP), "", at);
                chains.put(key, new Chain(key, List.of(mayDrop.asStandIn())));
                bases.add(new BaseChain(key, Action.ACCEPT, scope, b.policyAt()));
                translated.add(new ChainRule("", true, where, new Target.Verdict(Action.ACCEPT), "", at).asStandIn());
                translated.add(new ChainRule("", true, where, new Target.Verdict(Action.DROP), "", at).asStandIn());
                continue;
            }
            List<ChainRule> entry = new ArrayList<>(translated);
            Unmodelled flags = unreadableFlags.get(tableKey(b.def().family(), b.def().table()));
            if (flags != null) {
                // the table may be dormant: then its chains let every packet pass
                entry.add(new ChainRule("", true, scope.toBuilder().unmodelled(flags).build(),
                        new Target.Verdict(Action.ACCEPT), "", src.at(tables.get(tableKey(b.def().family(),
                        b.def().table())))).asStandIn());
            }
            // what this base chain's statements with unknown effects may change, later base chains see changed
            List<ChainRule> changed = new ArrayList<>();
            for (String reached : reachable(chains, b.key())) {
                for (Match m : altering.getOrDefault(reached, List.of())) {
                    changed.add(new ChainRule("", true, m, new Target.Verdict(Action.ACCEPT), "", at).asStandIn());
                    changed.add(new ChainRule("", true, m, new Target.Verdict(Action.DROP), "", at).asStandIn());
                }
            }
            if (entry.isEmpty()) {
                bases.add(new BaseChain(b.key(), b.policy(), scope, b.policyAt()));
                translated.addAll(changed);
                continue;
            }
            // an entry chain with uncertain rules before a jump into the base chain, whose policy it takes
            String key = b.key() + "#entry";
            List<ChainRule> rules = new ArrayList<>();
            for (ChainRule r : entry) {
                String suffix = r.target() instanceof Target.Verdict v && v.action().accepts() ? ".may-accept" : ".may-drop";
                String id = key + suffix;
                int n = 2;
                while (rules.stream().map(ChainRule::id).toList().contains(id)) {
                    id = key + suffix + "." + n++;
                }
                rules.add(new ChainRule(id, true, r.match(), r.target(), "", r.location()).asStandIn());
            }
            rules.add(new ChainRule(key, true, Match.any(), new Target.Jump(b.key()), "", at));
            chains.put(key, new Chain(key, rules));
            bases.add(new BaseChain(key, b.policy(), scope, b.policyAt()));
            translated.addAll(changed);
        }
        return bases;
    }

    /** The chains a chain enters by jumps and gotos, itself included. */
    private static Set<String> reachable(Map<String, Chain> chains, String from) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String c = todo.remove(todo.size() - 1);
            Chain chain = chains.get(c);
            if (chain == null || !seen.add(c)) {
                continue;
            }
            for (ChainRule r : chain.rules()) {
                if (r.target() instanceof Target.Jump j) {
                    todo.add(j.chain());
                } else if (r.target() instanceof Target.Goto g) {
                    todo.add(g.chain());
                }
            }
        }
        return seen;
    }

    private int priority(Json node) {
        String expected = "a number or a named priority (raw, mangle, dstnat, filter, security, srcnat) "
                + "with an optional + or - offset";
        if (node instanceof Json.Num) {
            return (int) src.integer(node, "a chain's priority", Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        String text = src.string(node, "a chain's priority").strip();
        if (text.matches("-?[0-9]{1,9}")) {
            return Integer.parseInt(text);
        }
        Matcher m = PRIORITY.matcher(text);
        String name = m.matches() ? m.group(1) : text;
        Integer base = NftNames.PRIORITIES.get(name);
        if (base == null) {
            throw src.error(node, "unknown priority '" + text + "'", expected);
        }
        if (!m.matches()) {
            return base;
        }
        int offset = Integer.parseInt(m.group(3));
        return m.group(2).equals("+") ? base + offset : base - offset;
    }
}
