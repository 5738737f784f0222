package io.fwcheck.format.terraform;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.format.aws.SecurityGroup;
import io.fwcheck.format.aws.SgCompiler;
import io.fwcheck.format.azure.AzureValues;
import io.fwcheck.format.azure.Nsg;
import io.fwcheck.format.azure.NsgCompiler;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudJson;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.gcp.FirewallRule;
import io.fwcheck.format.gcp.GcpRulesets;
import io.fwcheck.format.terraform.TerraformPlan.Resource;
import io.fwcheck.model.Ruleset;
import io.fwcheck.model.RulesetChange;
import io.fwcheck.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the firewalls of a Terraform plan or state ({@code terraform show -json}, see
 * docs/formats-cloud.md): AWS security groups with their rules, GCP firewall rules by network,
 * Azure NSGs with their rules. Read as a ruleset, a plan gives the state after the change, with
 * values known only after apply uncertain (UNKNOWN, naming their attribute path);
 * {@link #changes} gives each changed ruleset before and after, for {@code fwcheck diff --plan}.
 * Rulesets are named by resource address ({@code aws_security_group.db}, a security group's id and
 * name select it too) and, for GCP, by network ({@code default}, {@code default/tag:web}).
 */
public final class TerraformReader {

    private enum Kind { AWS, GCP, AZURE }

    /** The firewalls of one state: before or after the change. */
    private static final class World {
        final Map<String, SecurityGroup> groups;
        final List<FirewallRule> firewalls;
        final Map<String, Nsg> nsgs;
        /** Per ruleset (group address, network, NSG address), the resources that make it. */
        final Map<String, List<String>> members = new HashMap<>();

        World(TfContext ctx, Function<Resource, Optional<TfValue>> state, Optional<World> before) {
            Map<String, SecurityGroup> read = TfAws.groups(ctx, state, members);
            groups = TfAws.withoutCopies(ctx, read, before.map(w -> w.groups).orElse(read));
            firewalls = TfGcp.rules(ctx, state, members);
            nsgs = TfAzure.nsgs(ctx, state, members);
        }

        Set<String> networks() {
            return firewalls.stream().map(FirewallRule::network).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        Optional<Kind> kind(String unit) {
            if (groups.containsKey(unit)) {
                return Optional.of(Kind.AWS);
            }
            if (nsgs.containsKey(unit)) {
                return Optional.of(Kind.AZURE);
            }
            return networks().contains(unit) ? Optional.of(Kind.GCP) : Optional.empty();
        }
    }

    private final TerraformPlan plan;
    private final TfContext ctx;
    private final String fileName;

    private TerraformReader(String text, String fileName) {
        this.plan = TerraformPlan.parse(text, fileName);
        this.ctx = new TfContext(plan);
        this.fileName = fileName;
    }

    private static TerraformReader of(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        return CloudJson.guard(fileName, () -> new TerraformReader(text, fileName));
    }

    /** The rulesets of the state after the change, for the hook's direction. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Terraform firewall resources", fileName);
        TerraformReader reader = of(text, fileName);
        return CloudJson.guard(fileName, () -> reader.entries(reader.after(), direction));
    }

    /** Reads the ruleset {@link LoadOptions#ruleset()} selects in the state after the change. */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Terraform firewall resources", fileName);
        TerraformReader reader = of(text, fileName);
        return CloudJson.guard(fileName, () -> reader.ruleset(reader.after(), direction, options));
    }

    /**
     * Every ruleset in the state after the change (as {@link #list} names them), each read as
     * {@link #read} reads it when selected by name.
     *
     * @throws InputException when the plan or state holds none
     */
    public static List<Ruleset> readEach(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Terraform firewall resources", fileName);
        TerraformReader reader = of(text, fileName);
        return CloudJson.guard(fileName, () -> {
            World after = reader.after();
            List<RulesetEntry> entries = reader.entries(after, direction);
            RulesetSelection.requireSome(entries, fileName, "firewall");
            List<Ruleset> out = new ArrayList<>();
            for (RulesetEntry e : entries) {
                out.add(reader.ruleset(after, direction, options.withRuleset(e.name())));
            }
            return out;
        });
    }

    /**
     * Each ruleset the plan changes, before and after, for the hook's direction: a security group
     * (or NSG) when it or a rule attached to it changes, a GCP network when one of its firewall
     * rules changes. A ruleset that does not exist before (or after) is empty then, with its
     * default. {@link LoadOptions#ruleset()} keeps the one it names (a resource address, a group's
     * id or name, a network).
     *
     * @throws InputException for a state, which has no changes, or a selection that names no changed ruleset
     */
    public static List<RulesetChange> changes(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Terraform firewall resources", fileName);
        TerraformReader reader = of(text, fileName);
        if (!reader.plan.isPlan()) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "this is a Terraform state, which has no changes",
                    "a plan: terraform show -json PLANFILE");
        }
        return CloudJson.guard(fileName, () -> reader.changes(direction, options));
    }

    private World after() {
        return after(before());
    }

    private World after(World before) {
        return new World(ctx, Resource::after, Optional.of(before));
    }

    private World before() {
        return new World(ctx, Resource::before, Optional.empty());
    }

    // ---- rulesets of one state

    private List<RulesetEntry> entries(World w, Direction direction) {
        List<RulesetEntry> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        w.groups.values().forEach(g -> g.name().ifPresent(n -> names.merge(n, 1, Integer::sum)));
        for (Map.Entry<String, SecurityGroup> e : w.groups.entrySet()) {
            SecurityGroup g = e.getValue();
            List<String> aliases = new ArrayList<>();
            if (!g.id().equals(e.getKey())) {
                aliases.add(g.id());
            }
            g.name().filter(n -> names.get(n) == 1 && !w.groups.containsKey(n) && !aliases.contains(n))
                    .ifPresent(aliases::add);
            int rules = (int) g.rules().stream().filter(r -> r.direction() == direction).count();
            String kind = "AWS security group" + (g.open().isEmpty() ? "" : " (not managed here)") + ", "
                    + direction.label();
            out.add(new RulesetEntry(e.getKey(), aliases, kind, rules, g.location()));
        }
        out.addAll(GcpRulesets.entries(w.firewalls, direction, Map.of()));
        for (Map.Entry<String, Nsg> e : w.nsgs.entrySet()) {
            Nsg n = e.getValue();
            List<String> aliases = n.name().equals(e.getKey()) ? List.of() : List.of(n.name());
            int rules = (int) n.rules().stream().filter(r -> r.direction() == direction && !r.standIn()).count();
            out.add(new RulesetEntry(e.getKey(), aliases, "Azure NSG, "
                    + (direction == Direction.INGRESS ? "inbound" : "outbound"), rules, n.location()));
        }
        return out;
    }

    private Ruleset ruleset(World w, Direction direction, LoadOptions options) {
        List<RulesetEntry> entries = entries(w, direction);
        Optional<String> wanted = options.ruleset();
        if (wanted.isEmpty()) {
            List<String> units = new ArrayList<>(w.groups.keySet());
            units.addAll(w.networks());
            units.addAll(w.nsgs.keySet());
            if (units.size() == 1) {
                wanted = Optional.of(units.get(0));
            }
        }
        List<Integer> chosen = CloudRules.select(entries, wanted, fileName, "firewall", true);
        List<String> selected = chosen.stream().map(i -> entries.get(i).name()).toList();
        Set<Kind> kinds = new LinkedHashSet<>();
        for (String name : selected) {
            String unit = name.contains("/tag:") || name.contains("/sa:") ? name.substring(0, name.lastIndexOf('/'))
                    : name;
            kinds.add(w.kind(unit).orElse(Kind.GCP));
        }
        if (kinds.size() > 1) {
            throw new InputException(new SourceLocation(fileName, 0, 0), "'" + wanted.orElse("")
                    + "' combines firewalls of different kinds", "AWS security groups, or GCP targets of one network");
        }
        AddressNames names = AddressNames.of(options);
        return switch (kinds.iterator().next()) {
            case AWS -> SgCompiler.compile(selected.stream().map(w.groups::get).toList(), direction, names);
            case GCP -> GcpRulesets.compile(w.firewalls, Optional.of(String.join(",", selected)), direction, names,
                    Map.of(), fileName, plan.start());
            case AZURE -> {
                if (selected.size() > 1) {
                    throw new InputException(new SourceLocation(fileName, 0, 0), "'" + wanted.orElse("")
                            + "' names several NSGs, which do not combine", "one NSG");
                }
                yield NsgCompiler.compile(w.nsgs.get(selected.get(0)), direction, names);
            }
        };
    }

    // ---- changes

    private List<RulesetChange> changes(Direction direction, LoadOptions options) {
        World was = before();
        World now = after(was);
        Map<String, Kind> units = new LinkedHashMap<>();
        for (World w : List.of(was, now)) {
            w.groups.keySet().forEach(u -> units.putIfAbsent(u, Kind.AWS));
            w.networks().forEach(u -> units.putIfAbsent(u, Kind.GCP));
            w.nsgs.keySet().forEach(u -> units.putIfAbsent(u, Kind.AZURE));
        }
        Map<String, Resource> byAddress = new HashMap<>();
        plan.resources().forEach(r -> byAddress.put(r.address(), r));
        AddressNames names = AddressNames.of(options);
        List<RulesetChange> out = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (Map.Entry<String, Kind> e : units.entrySet()) {
            String unit = e.getKey();
            Set<String> resources = new LinkedHashSet<>(was.members.getOrDefault(unit, List.of()));
            resources.addAll(now.members.getOrDefault(unit, List.of()));
            List<Resource> changed = resources.stream().map(byAddress::get).filter(Objects::nonNull)
                    .filter(Resource::changed).toList();
            known.add(unit);
            aliases(now, unit).forEach(known::add);
            if (changed.isEmpty() || options.ruleset().isPresent() && !options.ruleset().get().equals(unit)
                    && !aliases(now, unit).contains(options.ruleset().get())
                    && !aliases(was, unit).contains(options.ruleset().get())) {
                continue;
            }
            String description = changed.stream().map(r -> r.address() + ": " + String.join(", ", r.actions()))
                    .collect(Collectors.joining("; "));
            out.add(new RulesetChange(unit, description, state(was, now, unit, e.getValue(), direction, names),
                    state(now, was, unit, e.getValue(), direction, names)));
        }
        if (options.ruleset().isPresent() && out.isEmpty()) {
            String wanted = options.ruleset().get();
            boolean exists = known.contains(wanted);
            throw new InputException(new SourceLocation(fileName, 0, 0), exists ? "the plan does not change '" + wanted
                    + "'" : "no firewall named '" + wanted + "' in the plan", "one of " + String.join(", ", units.keySet()));
        }
        return out;
    }

    private static List<String> aliases(World w, String unit) {
        List<String> out = new ArrayList<>();
        Optional.ofNullable(w.groups.get(unit)).ifPresent(g -> {
            out.add(g.id());
            g.name().ifPresent(out::add);
        });
        Optional.ofNullable(w.nsgs.get(unit)).ifPresent(n -> out.add(n.name()));
        return out;
    }

    /**
     * The ruleset of a unit in one state. A security group or NSG the plan creates (or deletes) is,
     * on the side where it does not exist, the same group without rules of its own (an NSG keeps
     * Azure's default rules); a GCP network without rules has the implied ones.
     */
    private Ruleset state(World w, World other, String unit, Kind kind, Direction direction, AddressNames names) {
        return switch (kind) {
            case AWS -> {
                SecurityGroup g = w.groups.containsKey(unit) ? w.groups.get(unit) : empty(other.groups.get(unit));
                yield SgCompiler.compile(List.of(g), direction, names);
            }
            case GCP -> GcpRulesets.network(w.firewalls, unit, direction, names, plan.start());
            case AZURE -> {
                Nsg n = w.nsgs.get(unit);
                if (n == null) {
                    Nsg there = other.nsgs.get(unit);
                    n = new Nsg(there.name(), there.location(), AzureValues.defaults(there.location()));
                }
                yield NsgCompiler.compile(n, direction, names);
            }
        };
    }

    private static SecurityGroup empty(SecurityGroup g) {
        return new SecurityGroup(g.id(), g.name(), g.location(), List.of(), List.of());
    }
}
