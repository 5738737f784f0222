package io.fwcheck.format.nftables;

import io.fwcheck.format.chain.ChainRule;
import io.fwcheck.format.chain.Target;
import io.fwcheck.format.json.Json;
import io.fwcheck.format.json.JsonSource;
import io.fwcheck.model.Action;
import io.fwcheck.model.IpFamily;
import io.fwcheck.model.Match;
import io.fwcheck.model.Protocol;
import io.fwcheck.model.SourceLocation;
import io.fwcheck.model.Unmodelled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Turns one nftables rule (its list of expressions, evaluated in order) into chain rules with
 * the same effect. A rule matches where all its matches hold; where a match can only be written
 * as several conjunctions (an ICMP type in an inet table, {@code th dport}, a concatenated set)
 * the rule becomes several chain rules with the same target, one per conjunction: consecutive
 * rules with one target decide exactly the union of their matches. Statements that do not decide
 * ({@code counter}, {@code log}) let evaluation go on; statements that limit matching
 * ({@code limit}, {@code quota}) are unmodelled conditions; statements with an effect fwcheck
 * does not model ({@code queue}, NAT, {@code synproxy}) may accept or drop the packets that reach
 * them, which two uncertain rules say. Nothing is dropped silently.
 */
final class RuleCompiler {

    /** Most chain rules one nftables rule may become before its conditions are taken as unknown. */
    static final int MAX_ALTERNATIVES = 256;

    private static final Match NEVER = Match.builder().families(Set.of()).build();

    /** Statements that neither decide nor change what later matches see. */
    private static final Set<String> PASSIVE = Set.of("counter", "log", "notrack", "ct helper", "ct timeout",
            "ct expectation", "dup", "secmark", "last", "set", "map");

    /** Statements that act as conditions fwcheck cannot evaluate. */
    private static final Set<String> CONDITIONS = Set.of("limit", "quota", "ct count", "meter");

    private final JsonSource src;
    private final Values values;
    private final Match scope;
    private final String hook;
    private final BiFunction<Json, String, String> chainKey;
    private final List<Match> altering = new ArrayList<>();

    /**
     * @param scope the packets of the rule's table family
     * @param chainKey the key of a chain of the rule's table from its name (the JSON value is where
     *     it is named), or an {@link io.fwcheck.format.InputException} when there is no such chain
     */
    RuleCompiler(JsonSource src, Values values, Match scope, String hook, BiFunction<Json, String, String> chainKey) {
        this.src = src;
        this.values = values;
        this.scope = scope;
        this.hook = hook;
        this.chainKey = chainKey;
    }

    /**
     * The packets that reached a statement with an unknown effect in the rules compiled since the
     * last call: the statement may have changed them ({@code ip daddr set}, a queue's verdict), so
     * later base chains may see other packets.
     */
    List<Match> takeAltering() {
        List<Match> out = List.copyOf(altering);
        altering.clear();
        return out;
    }

    /** A condition's alternatives, and the one uncertain condition to use when there would be too many. */
    private record Cond(List<Match> alternatives, Supplier<Match> fallback) {

        static Cond exactly(Match m) {
            return new Cond(List.of(m), () -> m);
        }
    }

    /** The chain rules of one rule; the output of one call. */
    private final class Out {
        final String id;
        final boolean named;
        final String comment;
        final SourceLocation location;
        final List<ChainRule> rules = new ArrayList<>();
        final Set<String> ids = new HashSet<>();

        Out(String id, boolean named, String comment, SourceLocation location) {
            this.id = id;
            this.named = named;
            this.comment = comment;
            this.location = location;
        }

        void add(String suffix, Match match, Target target) {
            add(suffix, match, target, false);
        }

        private void add(String suffix, Match match, Target target, boolean standIn) {
            String candidate = id + suffix;
            int n = 2;
            while (!ids.add(candidate)) {
                candidate = id + suffix + "." + n++;
            }
            rules.add(new ChainRule(candidate, named, match, target, comment, location, standIn));
        }

        /**
         * What a statement whose effect is not known may do: accept or drop, each uncertain. The
         * drop, which overlaps the accept by construction, stands in for it (no anomaly of its own).
         */
        void addMayDecide(List<Match> reached) {
            for (Match m : reached) {
                add(".may-accept", m, new Target.Verdict(Action.ACCEPT), false);
            }
            for (Match m : reached) {
                add(".may-drop", m, new Target.Verdict(Action.DROP), true);
            }
        }

        /** One rule per alternative: {@code id}, {@code id.2}, … */
        void addAll(String suffix, List<Match> alternatives, Target target) {
            for (Match m : alternatives) {
                add(suffix, m, target);
            }
        }
    }

    /**
     * The chain rules of one rule object.
     *
     * @param rule the {@code rule} object
     * @param location where the rule is listed
     * @param id the rule's id ({@code filter/input#7})
     * @param named true when the id comes from the rule's handle
     */
    List<ChainRule> compile(Json.Obj rule, SourceLocation location, String id, boolean named) {
        String comment = rule.get("comment").map(c -> src.string(c, "a rule's comment")).orElse("");
        Json exprNode = src.require(rule, "expr", "a rule");
        if (!(exprNode instanceof Json.Arr exprs)) {
            throw src.error(exprNode, "a rule's 'expr' is " + exprNode.kind(), "a list of expressions");
        }
        Out out = new Out(id, named, comment, location);
        List<Match> alts = List.of(scope);
        List<String> passive = new ArrayList<>();
        Target target = null;
        boolean decided = false;
        for (Json stmt : exprs.items()) {
            Map.Entry<String, Json> e = src.single(stmt, "a rule expression");
            String key = e.getKey();
            Json body = e.getValue();
            if (decided) {
                throw src.error(stmt, "'" + key + "' after the rule's verdict", "the verdict as the last expression");
            }
            Optional<Target> verdict = verdict(key, body, stmt);
            if (verdict.isPresent()) {
                target = verdict.get();
                decided = true;
                if (key.equals("reject")) {
                    alts = product(alts, Cond.exactly(rejectDependency(body)));
                }
                continue;
            }
            if (key.equals("match")) {
                alts = product(alts, condition(src.object(body, "a match"), stmt));
            } else if (key.equals("vmap")) {
                verdictMap(out, alts, src.object(body, "a verdict map"), stmt);
                decided = true;
            } else if (PASSIVE.contains(key) || key.equals("mangle") && !changesModelledField(body)
                    || key.equals("xt") && isXt(body, "watcher")) {
                passive.add(Render.statement(stmt));
            } else if (CONDITIONS.contains(key) || key.equals("xt") && isXt(body, "match")) {
                alts = with(alts, unknown(stmt));
            } else {
                Unmodelled u = new Unmodelled(Render.statement(stmt) + " (its effect is not modelled)", src.at(stmt));
                List<Match> reached = with(alts, u);
                out.addMayDecide(reached);
                altering.addAll(reached);
                alts = reached;
            }
        }
        if (target == null && decided) {
            return out.rules; // a verdict map: its elements are the rule
        }
        if (target == null) {
            // no verdict: the rule cannot change any packet's verdict, so its unknown conditions do not matter
            Target cont = new Target.Continue(passive.isEmpty() ? "no verdict" : String.join(" ", passive));
            List<Match> certain = alts.stream().map(RuleCompiler::withoutUnmodelled).toList();
            out.addAll("", certain.isEmpty() ? List.of(NEVER) : certain, cont);
            return out.rules;
        }
        out.addAll("", alts.isEmpty() ? List.of(NEVER) : alts, target);
        return out.rules;
    }

    private Unmodelled unknown(Json stmt) {
        return new Unmodelled(Render.statement(stmt), src.at(stmt));
    }

    private static boolean isXt(Json body, String type) {
        return body instanceof Json.Obj x && x.get("type").orElse(null) instanceof Json.Str t && t.value().equals(type);
    }

    /** True for a mangle of a field fwcheck reads: later matches would see another packet. */
    private boolean changesModelledField(Json body) {
        if (!(body instanceof Json.Obj m) || m.get("key").isEmpty()) {
            return true;
        }
        return Selector.of(m.get("key").get(), hook).field().isPresent();
    }

    // ---- verdicts

    private Optional<Target> verdict(String key, Json body, Json at) {
        return switch (key) {
            case "accept" -> Optional.of(new Target.Verdict(Action.ACCEPT));
            case "drop" -> Optional.of(new Target.Verdict(Action.DROP));
            case "reject" -> Optional.of(new Target.Verdict(Action.REJECT));
            case "return" -> Optional.of(new Target.Return());
            case "continue" -> Optional.of(new Target.Continue("continue"));
            case "jump", "goto" -> {
                Json.Obj j = src.object(body, "a " + key);
                Json name = src.require(j, "target", "a " + key);
                String chain = chainKey.apply(name, src.string(name, "a " + key + " target"));
                yield Optional.of(key.equals("jump") ? new Target.Jump(chain) : new Target.Goto(chain));
            }
            default -> Optional.empty();
        };
    }

    /**
     * The packets a reject applies to: nft adds {@code meta nfproto ipv4} for an ICMP reject,
     * {@code meta nfproto ipv6} for an ICMPv6 one and {@code meta l4proto tcp} for a TCP reset, and
     * leaves them out of the listing as implied by the reject.
     */
    private Match rejectDependency(Json body) {
        String type = body instanceof Json.Obj r && r.get("type").orElse(null) instanceof Json.Str t ? t.value() : "";
        return switch (type) {
            case "icmp" -> Match.builder().families(Set.of(IpFamily.IPV4)).build();
            case "icmpv6" -> Match.builder().families(Set.of(IpFamily.IPV6)).build();
            case "tcp reset" -> Match.builder().protocol(Protocol.TCP).build();
            default -> Match.any();
        };
    }

    /** A verdict of a verdict map's element: {@code {"accept": null}} or {@code "accept"}. */
    private Target mapVerdict(Json value) {
        if (value instanceof Json.Str s) {
            Optional<Target> t = verdict(s.value(), new Json.Null(value.where()), value);
            if (t.isPresent() && !s.value().equals("jump") && !s.value().equals("goto")) {
                return t.get();
            }
        } else if (value instanceof Json.Obj obj && obj.size() == 1) {
            Map.Entry<String, Json> e = obj.first();
            Optional<Target> t = verdict(e.getKey(), e.getValue(), value);
            if (t.isPresent()) {
                return t.get();
            }
        }
        throw src.error(value, "a verdict map's value is not a verdict: " + Render.json(value),
                "accept, drop, reject, return, continue, jump or goto");
    }

    /** {@code key vmap { k1 : v1, … }}: one rule per element; keys do not overlap. */
    private void verdictMap(Out out, List<Match> alts, Json.Obj body, Json stmt) {
        Json key = src.require(body, "key", "a verdict map");
        Json data = src.require(body, "data", "a verdict map");
        List<Json> elements;
        if (data instanceof Json.Str s && s.value().startsWith("@")) {
            NamedSet map = values.namedSet(data, s.value().substring(1));
            if (map.runtime().isPresent()) {
                Unmodelled u = new Unmodelled(Render.statement(stmt) + " (" + map.runtime().get() + ")", src.at(stmt));
                out.addMayDecide(with(alts, u));
                return;
            }
            elements = map.elements();
        } else if (data instanceof Json.Obj obj && obj.size() == 1 && obj.get("set").isPresent()) {
            Json content = obj.get("set").get();
            elements = content instanceof Json.Arr a ? a.items() : List.of(content);
        } else {
            throw src.error(data, "a verdict map's data is " + data.kind(), "{\"set\": [[key, verdict], …]} or \"@map\"");
        }
        for (int i = 0; i < elements.size(); i++) {
            Json element = elements.get(i);
            if (!(element instanceof Json.Arr pair) || pair.items().size() != 2) {
                throw src.error(element, "a verdict map element is not a [key, verdict] pair", "[key, verdict]");
            }
            Json k = Values.unwrap(pair.items().get(0));
            Target t = mapVerdict(pair.items().get(1));
            Cond c = condition(key, "==", k, stmt, () -> Render.expr(key) + " " + Render.expr(k) + " : "
                    + Render.expr(pair.items().get(1)));
            out.addAll(".e" + (i + 1), product(alts, c), t);
        }
    }

    // ---- conditions

    private Cond condition(Json.Obj body, Json stmt) {
        String op = src.requireString(body, "op", "a match");
        Json left = src.require(body, "left", "a match");
        Json right = src.require(body, "right", "a match");
        return condition(left, op, right, stmt, () -> Render.match(left, op, right));
    }

    /** The condition {@code left op right}; {@code text} renders it, when it is not modelled. */
    private Cond condition(Json left, String op, Json right, Json stmt, Supplier<String> text) {
        Supplier<Unmodelled> unknown = new Supplier<>() {
            private Unmodelled made;

            @Override
            public Unmodelled get() {
                if (made == null) {
                    made = new Unmodelled(text.get(), src.at(stmt));
                }
                return made;
            }
        };
        if (left instanceof Json.Obj obj && obj.size() == 1
                && obj.get("concat").orElse(null) instanceof Json.Arr parts) {
            return concat(parts.items(), op, right, unknown);
        }
        Selector sel = Selector.of(left, hook);
        if (sel.field().isEmpty()) {
            return Cond.exactly(with(sel.hull(), unknown.get()));
        }
        Optional<List<Match>> c = values.condition(sel.field().get(), sel.family(), op, right, unknown);
        if (c.isEmpty()) {
            return Cond.exactly(with(sel.hull(), unknown.get()));
        }
        List<Match> alts = new ArrayList<>();
        for (Match dep : sel.exact()) {
            for (Match m : c.get()) {
                alts.add(dep.and(m));
            }
        }
        for (Match dep : sel.inexact()) {
            alts.add(with(dep, unknown.get()));
        }
        return new Cond(prune(alts), () -> with(sel.hull(), unknown.get()));
    }

    /**
     * {@code a . b { x . y, … }}: each element is a conjunction of its parts; the condition is
     * their union. Negated lookups and fields fwcheck does not model are unknown.
     */
    private Cond concat(List<Json> parts, String op, Json right, Supplier<Unmodelled> unknown) {
        List<Selector> selectors = parts.stream().map(p -> Selector.of(p, hook)).toList();
        Match hull = Match.any();
        for (Selector s : selectors) {
            hull = hull.and(s.hull());
        }
        Match fallback = with(hull, unknown.get());
        Cond unknownCond = Cond.exactly(fallback);
        if (!op.equals("==") && !op.equals("in") || selectors.stream().anyMatch(s -> s.field().isEmpty())) {
            return unknownCond;
        }
        Optional<Values.Items> items = values.items(right);
        if (items.isEmpty() || items.get().items().size() > MAX_ALTERNATIVES) {
            return unknownCond;
        }
        List<Match> union = new ArrayList<>();
        for (Json element : items.get().items()) {
            if (!(element instanceof Json.Obj obj && obj.size() == 1
                    && obj.get("concat").orElse(null) instanceof Json.Arr vals)
                    || vals.items().size() != parts.size()) {
                throw src.error(element, "a set element does not have the " + parts.size() + " parts of its key",
                        "{\"concat\": [" + parts.size() + " values]}");
            }
            List<Match> conj = List.of(Match.any());
            for (int i = 0; i < parts.size(); i++) {
                Selector s = selectors.get(i);
                Optional<List<Match>> c = values.condition(s.field().get(), s.family(), "==",
                        Values.unwrap(vals.items().get(i)), unknown);
                if (c.isEmpty()) {
                    return unknownCond;
                }
                List<Match> part = new ArrayList<>();
                for (Match dep : s.exact()) {
                    for (Match m : c.get()) {
                        part.add(dep.and(m));
                    }
                }
                for (Match dep : s.inexact()) {
                    part.add(with(dep, unknown.get()));
                }
                conj = product(conj, new Cond(prune(part), () -> fallback));
            }
            union.addAll(conj);
            if (union.size() > MAX_ALTERNATIVES) {
                return unknownCond;
            }
        }
        return new Cond(prune(union), () -> fallback);
    }

    // ---- alternatives

    /** Every alternative and'ed with every alternative of the condition; too many become the fallback. */
    private static List<Match> product(List<Match> alts, Cond c) {
        if ((long) alts.size() * c.alternatives().size() > MAX_ALTERNATIVES) {
            Match fallback = c.fallback().get();
            return prune(alts.stream().map(a -> a.and(fallback)).toList());
        }
        List<Match> out = new ArrayList<>();
        for (Match a : alts) {
            for (Match b : c.alternatives()) {
                out.add(a.and(b));
            }
        }
        return prune(out);
    }

    private static List<Match> with(List<Match> alts, Unmodelled u) {
        return alts.stream().map(a -> with(a, u)).toList();
    }

    private static Match with(Match m, Unmodelled u) {
        return m.toBuilder().unmodelled(u).build();
    }

    private static Match withoutUnmodelled(Match m) {
        return new Match(m.families(), m.sources(), m.destinations(), m.protocols(), m.sourcePorts(),
                m.destinationPorts(), m.icmp(), m.states(), m.inInterface(), m.outInterface(), List.of(), m.except());
    }

    private static List<Match> prune(List<Match> alts) {
        return alts.stream().filter(m -> !matchesNothing(m)).toList();
    }

    /** True when the match certainly holds for no flow (conservative: false when unsure). */
    static boolean matchesNothing(Match m) {
        if (m.families().isEmpty() || m.protocols().isEmpty() || m.states().isEmpty()) {
            return true;
        }
        boolean sources = false;
        boolean destinations = false;
        boolean icmp = false;
        for (IpFamily f : m.families()) {
            sources |= m.sources().has(f);
            destinations |= m.destinations().has(f);
            icmp |= m.protocols().contains(Protocol.icmpOf(f));
        }
        if (!sources || !destinations) {
            return true;
        }
        boolean ports = m.sourcePorts().isPresent() || m.destinationPorts().isPresent();
        if (ports && (m.protocols().intersect(Protocol.WITH_PORTS).isEmpty()
                || m.sourcePorts().filter(p -> p.isEmpty()).isPresent()
                || m.destinationPorts().filter(p -> p.isEmpty()).isPresent())) {
            return true;
        }
        return m.icmp().isPresent() && (!icmp || m.icmp().get().isEmpty());
    }
}
