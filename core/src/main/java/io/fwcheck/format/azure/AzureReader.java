package io.fwcheck.format.azure;

import io.fwcheck.format.InputException;
import io.fwcheck.format.LoadOptions;
import io.fwcheck.format.RulesetEntry;
import io.fwcheck.format.RulesetSelection;
import io.fwcheck.format.cloud.AddressNames;
import io.fwcheck.format.cloud.CloudJson;
import io.fwcheck.format.cloud.CloudRules;
import io.fwcheck.format.cloud.CloudRules.Direction;
import io.fwcheck.format.json.Json;
import io.fwcheck.model.Match;
import io.fwcheck.model.Ruleset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Azure network security groups from the JSON of {@code az network nsg show} (one NSG),
 * {@code az network nsg list} (several), the ARM form with {@code properties}, and
 * {@code az network nsg rule list} (the rules of one NSG). Each NSG is a ruleset of the file,
 * selected by name; NSGs that do not list their default rules get Azure's. The hook chooses the
 * direction: INPUT is inbound, OUTPUT outbound. Every rule keeps its line:column and JSON path.
 */
public final class AzureReader {

    private static final String EXPECTED = "the JSON output of az network nsg show (or nsg list, or nsg rule list)";
    private static final Set<String> NSG = Set.of("name", "securityRules", "defaultSecurityRules", "properties");
    private static final Set<String> NSG_IGNORED = Set.of("id", "etag", "type", "location", "resourceGroup",
            "resourceGuid", "provisioningState", "tags", "networkInterfaces", "subnets", "flowLogs", "flushConnection");
    private static final Set<String> RULE = Set.of("name", "priority", "direction", "access", "protocol",
            "sourcePortRange", "sourcePortRanges", "destinationPortRange", "destinationPortRanges",
            "sourceAddressPrefix", "sourceAddressPrefixes", "destinationAddressPrefix", "destinationAddressPrefixes",
            "sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups", "properties");
    private static final Set<String> RULE_IGNORED = Set.of("id", "etag", "type", "provisioningState", "resourceGroup",
            "description");
    private static final Set<String> ASG = Set.of("id");
    private static final Set<String> ASG_IGNORED = Set.of("resourceGroup", "location", "etag", "name", "properties",
            "tags", "type");
    private static final Set<String> LIST = Set.of("value");
    private static final Set<String> LIST_IGNORED = Set.of("nextLink");

    private final CloudJson json;

    private AzureReader(String fileName) {
        this.json = new CloudJson(fileName);
    }

    /** The NSGs of a file, in file order. */
    public static List<Nsg> parse(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        AzureReader reader = new AzureReader(fileName);
        return CloudJson.guard(fileName, () -> reader.document(reader.json.parse(text, EXPECTED)));
    }

    /** The rulesets of a file (one per NSG) for the hook's direction. */
    public static List<RulesetEntry> list(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Azure NSGs", fileName);
        return entries(parse(text, fileName), direction);
    }

    /** The entries of some NSGs, by name. */
    public static List<RulesetEntry> entries(List<Nsg> nsgs, Direction direction) {
        String kind = "Azure NSG, " + (direction == Direction.INGRESS ? "inbound" : "outbound");
        return nsgs.stream().map(n -> new RulesetEntry(n.name(), List.of(), kind,
                (int) n.rules().stream().filter(r -> r.direction() == direction && !r.standIn()).count(), n.location()))
                .toList();
    }

    /** Reads the NSG {@link LoadOptions#ruleset()} selects (the only one when the file holds one). */
    public static Ruleset read(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Azure NSGs", fileName);
        List<Nsg> nsgs = parse(text, fileName);
        List<Integer> chosen = CloudRules.select(entries(nsgs, direction), options.ruleset(), fileName,
                "network security group", false);
        return NsgCompiler.compile(nsgs.get(chosen.get(0)), direction, AddressNames.of(options));
    }

    /**
     * Every NSG of a file (as {@link #list} names them) for the hook's direction.
     *
     * @throws InputException when the file holds none
     */
    public static List<Ruleset> readEach(String text, String fileName, LoadOptions options) {
        Direction direction = CloudRules.direction(options.hook(), "Azure NSGs", fileName);
        List<Nsg> nsgs = parse(text, fileName);
        RulesetSelection.requireSome(entries(nsgs, direction), fileName, "network security group");
        AddressNames names = AddressNames.of(options);
        return nsgs.stream().map(n -> NsgCompiler.compile(n, direction, names)).toList();
    }

    private List<Nsg> document(Json root) {
        List<Nsg> out = new ArrayList<>();
        if (root instanceof Json.Obj obj && obj.get("value").isPresent()) {
            root = json.object(obj, "an NSG list", LIST, LIST_IGNORED).get("value").get();
        }
        if (root instanceof Json.Obj obj) {
            out.add(nsg(obj));
        } else {
            List<Json> items = json.list(root, "the document");
            boolean rules = !items.isEmpty() && items.get(0) instanceof Json.Obj first
                    && (first.get("access").isPresent() || first.get("properties").orElse(null) instanceof Json.Obj p
                            && p.get("access").isPresent());
            if (rules) {
                out.add(ruleList(root, items));
            } else {
                for (Json item : items) {
                    out.add(nsg(json.source().object(item, "an NSG")));
                }
            }
        }
        Map<String, Nsg> seen = new HashMap<>();
        for (Nsg n : out) {
            Nsg first = seen.putIfAbsent(n.name(), n);
            if (first != null) {
                throw new InputException(n.location(), "NSG '" + n.name() + "' is listed twice (first at "
                        + first.location() + ")", "each NSG once");
            }
        }
        return out;
    }

    private Nsg nsg(Json.Obj n) {
        json.object(n, "an NSG", NSG, NSG_IGNORED);
        String name = json.requireString(n, "name", "an NSG");
        Json.Obj body = n;
        if (n.get("properties").isPresent()) {
            body = json.object(n.get("properties").get(), "the properties of NSG '" + name + "'",
                    Set.of("securityRules", "defaultSecurityRules"), NSG_IGNORED);
        }
        List<NsgRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Json item : json.list(body, "securityRules", "an NSG")) {
            rules.add(rule(item, names));
        }
        List<Json> defaults = json.list(body, "defaultSecurityRules", "an NSG");
        if (defaults.isEmpty()) {
            rules.addAll(AzureValues.defaults(json.source().at(n)));
        }
        for (Json item : defaults) {
            rules.add(rule(item, names));
        }
        return new Nsg(name, json.source().at(n), rules);
    }

    /** The rules of {@code az network nsg rule list}: one NSG, named after the rules' ids, with the default rules. */
    private Nsg ruleList(Json root, List<Json> items) {
        List<NsgRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String name = "nsg";
        for (Json item : items) {
            rules.add(rule(item, names));
            Optional<String> id = json.optString(json.source().object(item, "a rule"), "id", "a rule");
            if (id.isPresent() && id.get().contains("/networkSecurityGroups/")) {
                String rest = id.get().substring(id.get().indexOf("/networkSecurityGroups/") + 23);
                name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            }
        }
        rules.addAll(AzureValues.defaults(json.source().at(root)));
        return new Nsg(name, json.source().at(root), rules);
    }

    private NsgRule rule(Json item, Set<String> names) {
        Json.Obj outer = json.object(item, "a security rule", RULE, RULE_IGNORED);
        String name = json.requireString(outer, "name", "a security rule");
        if (!names.add(name)) {
            throw json.error(outer, "security rule '" + name + "' is listed twice", "each rule once");
        }
        String what = "security rule '" + name + "'";
        Json.Obj r = outer.get("properties").isPresent() ? inner(outer, what) : outer;
        int priority = (int) json.integer(json.require(r, "priority", what), "'priority'", 100, 65535);
        String dir = json.requireString(r, "direction", what);
        Direction direction = switch (dir.toLowerCase(java.util.Locale.ROOT)) {
            case "inbound" -> Direction.INGRESS;
            case "outbound" -> Direction.EGRESS;
            default -> throw json.error(r.get("direction").get(), "unknown direction '" + dir + "'", "Inbound or Outbound");
        };
        String access = json.requireString(r, "access", what);
        boolean deny = switch (access.toLowerCase(java.util.Locale.ROOT)) {
            case "allow" -> false;
            case "deny" -> true;
            default -> throw json.error(r.get("access").get(), "unknown access '" + access + "'", "Allow or Deny");
        };
        Json protocolNode = json.require(r, "protocol", what);
        String protocol = json.string(protocolNode, "'protocol'");
        List<String> sourcePorts = both(r, "sourcePortRange", "sourcePortRanges", what);
        List<String> destinationPorts = both(r, "destinationPortRange", "destinationPortRanges", what);
        List<Match> services;
        try {
            services = AzureValues.services(protocol, sourcePorts, destinationPorts, json.source().at(outer));
        } catch (IllegalArgumentException e) {
            Json at = e.getMessage().contains("port") ? r.get("destinationPortRange").or(() -> r.get("destinationPortRanges"))
                    .or(() -> r.get("sourcePortRange")).orElse(protocolNode) : protocolNode;
            throw json.invalid(at, e);
        }
        List<AddressItem> sources = addresses(r, "source", what);
        List<AddressItem> destinations = addresses(r, "destination", what);
        String description = json.optString(r, "description", what).orElse("");
        String path = outer.where().path();
        return new NsgRule(name, direction, Optional.of(priority), deny, services, sources, destinations,
                description.isEmpty() ? path : description + " (" + path + ")", json.source().at(outer), List.of());
    }

    /** The {@code properties} of a rule in the ARM form. */
    private Json.Obj inner(Json.Obj outer, String what) {
        Set<String> keys = new HashSet<>(RULE);
        keys.remove("name");
        keys.remove("properties");
        return json.object(outer.get("properties").get(), "the properties of " + what, keys, RULE_IGNORED);
    }

    /** A singular value ({@code sourcePortRange}) and a list ({@code sourcePortRanges}) together. */
    private List<String> both(Json.Obj r, String single, String plural, String what) {
        List<String> out = new ArrayList<>();
        json.optString(r, single, what).ifPresent(out::add);
        for (Json v : json.list(r, plural, what)) {
            out.add(json.string(v, "an item of '" + plural + "'"));
        }
        return out;
    }

    private List<AddressItem> addresses(Json.Obj r, String side, String what) {
        List<AddressItem> out = new ArrayList<>();
        String single = side + "AddressPrefix";
        String plural = side + "AddressPrefixes";
        List<Json> nodes = new ArrayList<>();
        r.get(single).filter(v -> !(v instanceof Json.Null)).ifPresent(nodes::add);
        nodes.addAll(json.list(r, plural, what));
        for (Json node : nodes) {
            try {
                out.add(AzureValues.prefix(json.string(node, "an address prefix")));
            } catch (IllegalArgumentException e) {
                throw json.invalid(node, e);
            }
        }
        for (Json g : json.list(r, side + "ApplicationSecurityGroups", what)) {
            Json.Obj o = json.object(g, "an application security group", ASG, ASG_IGNORED);
            out.add(new AddressItem.ApplicationGroup(AzureValues.groupName(json.requireString(o, "id",
                    "an application security group"))));
        }
        if (out.isEmpty()) {
            throw json.error(r, what + " has no " + side, "a " + single + ", " + plural + " or " + side
                    + "ApplicationSecurityGroups");
        }
        return out;
    }
}
